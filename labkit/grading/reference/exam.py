"""Exam answer keys (考试答案), straight from the exam bank; a student's own paper mapped back first.

A built exam's master carries its seed and items (``metadata.labkit.exam``). When the exam was
built with one version per student (``shuffled``), a student's paper shows the options of each
choice item in its own order, so before comparing, the grader turns the letters the student
wrote into the bank's letters (:func:`graded_value`), by the student id of the submission.
"""
from __future__ import annotations

from typing import Any

from labkit.grading import exam
from labkit.grading.reference import quiz

NEEDS_WORLD = False
FORBIDDEN: tuple[str, ...] = ("labkit.grading",)


def expected(question: str, world: Any = None) -> Any:
    """The bank's key of ``question`` (the canonical paper)."""
    return quiz.expected(question, world)


def graded_value(master: Any, question: str, answer: Any, student_id: str | None, world: Any = None) -> Any:
    """``answer`` as written on ``student_id``'s version of the exam ``master``, in the bank's letters."""
    meta = dict(master.metadata.get("labkit", {}).get("exam", {})) if master is not None else {}
    if not meta.get("shuffled") or student_id is None:
        return answer
    plan = exam.ExamPlan.from_ids(int(meta["seed"]), meta["items"])
    if "options" not in plan.item(question):
        return answer
    return exam.canonical_answer(answer, exam.version(plan, student_id).options[question])
