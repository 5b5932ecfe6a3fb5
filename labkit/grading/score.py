"""Step 4, compare (评分): each decoded answer against the expected one for the student's own world.

Runs in the grader's process: the reference answers and the student's world never enter the
sandbox. Messages say what is wrong, never the expected value.
"""
from __future__ import annotations

from typing import Any

from labkit.checks import public_problems
from labkit.checks.truth_words import as_truth
from labkit.grading.answers import decode
from labkit.grading.compare import compare
from labkit.grading.custom import reference_module, specs
from labkit.grading.encoder import encode
from labkit.grading.exercise import Exercise
from labkit.grading.gradebook import Row
from labkit.grading.student_world import StudentWorld
from labkit.grading.submission import NOTEBOOK, Outcome
from labkit.i18n import _

__all__ = ["expected_answers", "notebook_notes", "question_row", "score"]


def expected_answers(ex: Exercise, world: Any) -> dict[str, Any]:
    """The expected answer per auto-graded question, on the student's ``world``."""
    expected = reference_module(ex).expected
    return {q.id: expected(q.id, world) for q in ex.questions if q.kind == "answer"}


def question_row(outcome: Outcome, ex: Exercise, qid: str, world: Any, expected: dict[str, Any]) -> Row:
    """The row of one question; an open answer is kept in ``outcome.open_answers`` for the instructor."""
    q = ex.question(qid)
    encoded = outcome.answers.get(qid)
    spec = specs(ex)[qid]
    present, answer = decode(encoded)

    def row(score: float, status: str, message: str) -> Row:
        return Row(outcome.submission.student_id, ex.name, qid, score, q.points, status, message)

    if not present:
        kind = str(encoded.get("kind")) if isinstance(encoded, dict) else ""
        why = {"missing": _("{variable} is not defined").format(variable=q.variable),
               "too_large": _("the answer is too large to grade")}.get(kind, _("the answer could not be read"))
        return row(0.0, "not_answered", why)
    if answer is None:
        return row(0.0, "not_answered", _("{variable} is still None").format(variable=q.variable))
    if spec["type"] == "bool":
        answer = as_truth(answer)
    problems = public_problems(spec, answer, world)
    # a written open answer that is too short still goes to the instructor (partial credit), the problem noted
    written = q.kind == "open" and isinstance(answer, str) and bool(answer.strip())
    if problems and not written:
        return row(0.0, "incorrect", "; ".join(problems))
    if q.kind == "open":
        outcome.open_answers[qid] = answer
        return row(0.0, "pending_review", "; ".join([*problems, _("your instructor scores this answer with the rubric")]))
    graded = getattr(reference_module(ex), "graded_value", None)  # a shuffled paper's letters, a plan's outcome
    if graded is not None:
        answer = graded(ex.notebook, qid, answer, outcome.submission.student_id, world)
    ok, message = compare(spec, answer, expected[qid])
    return row(q.points if ok else 0.0, "correct" if ok else "incorrect", message)


def notebook_notes(outcome: Outcome, ex: Exercise, report: dict[str, Any], output_bytes: int) -> list[Row]:
    """A warning row with the notebook's own errors (first five) and a cut output, if any."""
    notes = [f"cell {e.get('cell')}: {e.get('ename')}: {e.get('evalue')}" for e in report.get("errors", [])[:5]
             if isinstance(e, dict)]
    if report.get("flooded"):
        notes.insert(0, _("output was cut after {kb} KB and the flooding cell interrupted").format(kb=output_bytes // 1024))
    if not notes:
        return []
    return [Row(outcome.submission.student_id, ex.name, NOTEBOOK, 0.0, 0.0, "warning", " | ".join(notes)[:2000])]


def score(outcome: Outcome, ex: Exercise, student_world: StudentWorld | None = None) -> list[Row]:
    """One row per question for ``outcome.answers``; records the expected answers (JSON) for copy detection.

    ``student_world``: the student's world of this batch (built here, not shared, when not given)."""
    if student_world is None:
        with StudentWorld(outcome.submission.student_id, [ex], share=False) as own:
            return score(outcome, ex, own)
    world = student_world.for_exercise(ex)
    expected = expected_answers(ex, world)
    outcome.expected = {qid: encode(value) for qid, value in expected.items()}
    return [question_row(outcome, ex, q.id, world, expected) for q in ex.questions]
