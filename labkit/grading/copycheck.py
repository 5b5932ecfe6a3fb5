"""Copy detection (抄袭检测): a wrong answer that is right for another student's world."""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from labkit.grading.answers import decode
from labkit.grading.gradebook import Row


def _round(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.6g}")
    return value


def fingerprint(spec: dict[str, Any], encoded: Any) -> Any:
    """A hashable summary of an answer: equal answers (to 6 significant digits) share it."""
    present, value = decode(encoded)
    if not present or value is None:
        return None
    if isinstance(value, pd.DataFrame):
        columns = sorted(value.columns)
        rows = sorted(tuple(str(_round(v)) for v in row) for row in value[columns].itertuples(index=False))
        return ("frame", tuple(columns), tuple(rows))
    if isinstance(value, (int, float)) and spec.get("type") == "number":
        return ("number", _round(float(value)))
    return None


def flag_copies(outcomes: Iterable[Any], specs: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Mark incorrect rows whose answer equals another student's expected answer (in place)."""
    outcomes = list(outcomes)
    owners: dict[tuple[str, str, Any], set[str]] = {}
    for o in outcomes:
        for qid, encoded in o.expected.items():
            fp = fingerprint(specs[o.submission.exercise][qid], encoded)
            if fp is not None:
                owners.setdefault((o.submission.exercise, qid, fp), set()).add(o.submission.student_id)
    for o in outcomes:
        sub = o.submission
        for i, row in enumerate(o.rows):
            if row.status != "incorrect" or row.question not in o.answers:
                continue
            fp = fingerprint(specs[sub.exercise][row.question], o.answers[row.question])
            others = sorted(owners.get((sub.exercise, row.question, fp), set()) - {sub.student_id})
            if fp is not None and others:
                o.rows[i] = Row(row.student_id, row.exercise, row.question, 0.0, row.max_score, "flagged",
                                f"this answer is right for the world of {', '.join(others)}, not for your own world")
