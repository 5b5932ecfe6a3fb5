"""Step 5, flag (标记复核): rows an instructor should look at, whatever their score.

Two flags, both hints for a person, never proof and never a guarantee: an answer cell that
calls what the exercise asks the student to compute (the forbidden-call scan reads the code and
can be fooled by code built at run time), and a wrong answer that is right for another
student's world (抄袭检测).

One policy for both: a flag never changes the points. A correct answer that calls a forbidden
function keeps its points; a copied answer is wrong for the student's own world and so has 0
anyway. The instructor decides with ``labkit grade override``.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from labkit.grading.answers import decode
from labkit.grading.astscan import forbidden_uses
from labkit.grading.collect import SubmittedCode
from labkit.grading.custom import reference_module
from labkit.grading.exercise import Exercise
from labkit.grading.gradebook import Row
from labkit.grading.submission import Outcome
from labkit.i18n import _

__all__ = ["Owners", "answer_key", "expected_keys", "fingerprint", "flag_copies", "flag_forbidden", "forbidden_calls"]


def forbidden_calls(ex: Exercise, code: SubmittedCode) -> dict[str, list[str]]:
    """Forbidden calls per question (a cell of no question counts against every question)."""
    forbidden = reference_module(ex).FORBIDDEN
    ids = [q.id for q in ex.questions]
    found: dict[str, list[str]] = {}
    for source, qid in zip(code.sources, code.questions):
        uses = forbidden_uses(source, forbidden)
        for target in ([qid] if qid in ids else ids) if uses else []:
            found.setdefault(target, []).extend(uses)
    return found


def flag_forbidden(rows: list[Row], ex: Exercise, code: SubmittedCode) -> list[Row]:
    """``rows`` with the questions whose cells call forbidden modules marked ``flagged``."""
    flags = forbidden_calls(ex, code)
    return [
        Row(r.student_id, r.exercise, r.question, r.score, r.max_score, "flagged",
            _("{message}; calls {calls} (the exercise asks you to compute it yourself)").format(
                message=r.message, calls=", ".join(_(c) for c in sorted(set(flags[r.question])))))
        if r.question in flags else r
        for r in rows
    ]


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


def answer_key(spec: dict[str, Any], encoded: Any) -> str | None:
    """A short key of an answer's fingerprint (equal answers, equal keys), kept in the gradebook."""
    fp = fingerprint(spec, encoded)
    return None if fp is None else hashlib.sha256(repr(fp).encode("utf-8")).hexdigest()


def expected_keys(outcome: Outcome, specs: dict[str, dict[str, dict[str, Any]]]) -> dict[str, str]:
    """question -> key of this student's expected answer (for copy detection in later runs)."""
    found = {qid: answer_key(specs[outcome.submission.exercise][qid], encoded) for qid, encoded in outcome.expected.items()}
    return {qid: key for qid, key in found.items() if key is not None}


Owners = dict[tuple[str, str, str], set[str]]


def flag_copies(outcomes: Iterable[Outcome], specs: dict[str, dict[str, dict[str, Any]]],
                earlier: Owners | None = None) -> list[str]:
    """Mark incorrect rows whose answer equals another student's expected answer (in place).

    ``earlier`` holds the expected-answer keys of students graded in earlier runs (the whole
    gradebook), so re-grading one student still compares with the class. The student's
    message never names the other student; the names go to the instructor, in the returned
    notes (one line per flagged answer).
    """
    outcomes = list(outcomes)
    graded_now = {(o.submission.student_id, o.submission.exercise) for o in outcomes}
    owners: Owners = {k: {sid for sid in v if (sid, k[0]) not in graded_now} for k, v in (earlier or {}).items()}
    for o in outcomes:
        for qid, key in expected_keys(o, specs).items():
            owners.setdefault((o.submission.exercise, qid, key), set()).add(o.submission.student_id)
    notes = []
    for o in outcomes:
        sub = o.submission
        for i, row in enumerate(o.rows):
            if row.status != "incorrect" or row.question not in o.answers:
                continue
            mine = answer_key(specs[sub.exercise][row.question], o.answers[row.question])
            others = sorted(owners.get((sub.exercise, row.question, mine or ""), set()) - {sub.student_id})
            if mine is not None and others:
                o.rows[i] = Row(row.student_id, row.exercise, row.question, 0.0, row.max_score, "flagged",
                                _("this answer is right for another student's world, not for your own; "
                                  "your instructor will look at it"))
                notes.append(_("{student} {exercise} {question}: the answer is right for the world of {others}").format(
                    student=sub.student_id, exercise=sub.exercise, question=row.question, others=", ".join(others)))
    return notes
