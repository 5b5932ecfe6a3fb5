"""One submission (提交) and what grading made of it: the record every pipeline step passes on.

The pipeline, in the order the data flows (each step its own module):
collect (:mod:`~labkit.grading.collect`) -> run in the sandbox (:mod:`~labkit.grading.sandbox`)
-> decode answers (:mod:`~labkit.grading.answers`) -> compare (:mod:`~labkit.grading.score`)
-> flag (:mod:`~labkit.grading.flags`) -> record (:mod:`~labkit.grading.gradebook`).
:mod:`~labkit.grading.grade` calls them in that order, one submission at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labkit.grading.exercise import Exercise
from labkit.grading.gradebook import Row

__all__ = ["NOTEBOOK", "Outcome", "Submission", "error_rows"]

NOTEBOOK = "(notebook)"


@dataclass(frozen=True)
class Submission:
    """``SUBMISSIONS/<student_id>/<exercise>.ipynb``: the student id is the folder name, nothing inside.

    ``content``: the notebook's bytes, read by the grader, for a task graded on a machine that
    cannot see ``path`` (:func:`labkit.grading.collect.carried`)."""

    student_id: str
    exercise: str
    path: Path
    content: bytes | None = field(default=None, repr=False, compare=False)  # the notebook, when the task carries it


@dataclass
class Outcome:
    """The rows of one submission, plus its answers and expected values (JSON) for copy detection."""

    submission: Submission
    rows: list[Row]
    answers: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)
    open_answers: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # the notebook's (metadata.labkit.language): the feedback is written in it


def error_rows(sub: Submission, ex: Exercise | None, message: str) -> list[Row]:
    """One error row per question (or one notebook row when the exercise is unknown)."""
    if ex is None:
        return [Row(sub.student_id, sub.exercise, NOTEBOOK, 0.0, 0.0, "error", message)]
    return [Row(sub.student_id, sub.exercise, q.id, 0.0, q.points, "error", message) for q in ex.questions]
