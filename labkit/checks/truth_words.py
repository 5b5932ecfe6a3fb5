"""True/false answers written as words or marks (判断题作答): 对/错, √/×, 是/否, T/F.

Students answer a 判断题 the way they would on paper; the grader reads those as ``True`` or
``False`` before the answer is checked. Anything else is left as it was (and refused as before).
"""
from __future__ import annotations

from typing import Any

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "as_truth"]

TRUE_WORDS = frozenset({"对", "正确", "是", "√", "✓", "✔", "t", "true", "yes", "y", "o", "예", "참", "맞다"})
FALSE_WORDS = frozenset({"错", "错误", "否", "×", "✗", "✘", "x", "f", "false", "no", "n", "아니오", "거짓", "틀리다"})


def as_truth(answer: Any) -> Any:
    """``True`` / ``False`` for a word or mark meaning it; any other answer unchanged."""
    if not isinstance(answer, str):
        return answer
    word = answer.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return answer
