"""Step 3, decode answers (答案提取): out of the student's kernel as JSON, read back safely.

Everything the sandbox reports is untrusted: a malformed answer counts as not present.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from labkit.errors import LabkitError
from labkit.grading.exercise import Exercise
from labkit.grading.runner import ANSWERS_MIME
from labkit.grading.sandbox import RunResult
from labkit.i18n import _

__all__ = ["collected_answers", "decode", "extraction_source"]

ENCODER_SOURCE = Path(__file__).with_name("encoder.py").read_text(encoding="utf-8")


def extraction_source(variables: list[str], max_bytes: int) -> str:
    """The cell the grader appends: encodes the answer variables and publishes them as JSON."""
    return (
        "def __labkit_extract(__namespace):\n"
        + "\n".join("    " + line for line in ENCODER_SOURCE.replace("from __future__ import annotations", "").splitlines())
        + "\n    from IPython.display import publish_display_data\n"
        + f"    publish_display_data({{{ANSWERS_MIME!r}: encode_all(__namespace, {variables!r}, {max_bytes})}})\n"
        + "__labkit_extract(globals())\n"
    )


def decode(encoded: Any) -> tuple[bool, Any]:
    """(present, value) from one encoded answer; anything malformed counts as not present."""
    if not isinstance(encoded, dict):
        return False, None
    kind = encoded.get("kind")
    value = encoded.get("value")
    if kind in ("bool", "text") and isinstance(value, (bool, str)):
        return True, value
    if kind == "number" and (value is None or isinstance(value, (int, float))):
        return True, float("nan") if value is None else value
    if kind == "list" and isinstance(value, list):
        return True, [decode(v)[1] for v in value]
    if kind == "dict" and isinstance(value, dict):
        return True, {str(k): decode(v)[1] for k, v in value.items()}
    if kind in ("frame", "series"):
        columns, data = encoded.get("columns"), encoded.get("data")
        if isinstance(columns, list) and isinstance(data, list) and all(isinstance(r, list) and len(r) == len(columns) for r in data):
            return True, pd.DataFrame(data, columns=[str(c) for c in columns])
    if kind == "none":
        return True, None
    return False, None


def _no_answers_reason(report: dict[str, Any]) -> str:
    if report.get("kernel_died"):
        return _("the kernel died (the notebook ended its own process, crashed, or hit the memory or CPU limit)")
    if report.get("stuck") or any(isinstance(e, dict) and e.get("cell") == "extract" and e.get("ename") == "CellTimeout"
                                  for e in report.get("errors", [])):
        return _("the kernel was still busy when the answers were collected (a cell that ignores interrupts?)")
    return _("no answers came back from the notebook (did a cell change how IPython runs code?)")


def collected_answers(result: RunResult, ex: Exercise) -> dict[str, Any]:
    """The encoded answer per question id; :class:`LabkitError` with the reason when none came back."""
    report = result.report or {}
    if result.problem or report.get("kernel_died") or not isinstance(report.get("answers"), dict):
        raise LabkitError(result.problem or _no_answers_reason(report))
    return {q.id: report["answers"].get(q.variable) for q in ex.questions}
