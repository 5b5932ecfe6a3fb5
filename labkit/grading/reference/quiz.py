"""Quiz answer keys, straight from the exam bank (题库答案)."""
from __future__ import annotations

from typing import Any

from labkit.checks import question_bank

NEEDS_WORLD = False
FORBIDDEN: tuple[str, ...] = ("labkit.grading",)


def expected(question: str, world: Any = None) -> Any:
    for item in question_bank()["items"]:
        if item["id"] == question:
            return item.get("answer")
    raise KeyError(question)
