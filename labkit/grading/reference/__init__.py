"""Reference answers (参考答案), computed in the grader's process, never in a student's kernel.

Each exercise module offers ``expected(question, world)``, ``NEEDS_WORLD`` and ``FORBIDDEN``
(module prefixes an answer cell must not call, e.g. the analytics the exercise asks students to
compute by hand). Masters call :func:`verify` inside their hidden-test blocks, so the solutions
are checked by the very comparison the grader uses. A module may also offer
``graded_value(master, question, answer, student_id, world)``: the grader compares what it returns
(the exam maps a student's shuffled letters back to the bank's; a campaign plan becomes its
simulated outcome). ``master`` and ``student_id`` are None in a master's own hidden tests.
"""
from __future__ import annotations

from types import ModuleType
from typing import Any

from labkit.checks import public_specs
from labkit.errors import LabkitError
from labkit.grading.compare import compare
from labkit.grading.reference import (
    exam,
    lab1_classification,
    lab2_clv,
    lab3_surveys,
    lab4_campaigns,
    quiz,
)
from labkit.i18n import _

__all__ = ["MODULES", "expected", "module", "verify"]

MODULES: dict[str, ModuleType] = {
    "quiz": quiz,
    "exam": exam,
    "lab1_classification": lab1_classification,
    "lab2_clv": lab2_clv,
    "lab3_surveys": lab3_surveys,
    "lab4_campaigns": lab4_campaigns,
}


def module(exercise: str) -> ModuleType:
    try:
        return MODULES[exercise]
    except KeyError:
        raise LabkitError(_("no reference answers for exercise {exercise!r}").format(exercise=exercise)) from None


def expected(exercise: str, question: str, world: Any = None) -> Any:
    """The expected answer of one question for one student's world."""
    return module(exercise).expected(question, world)


def verify(exercise: str, question: str, answer: Any, world: Any = None) -> None:
    """Raise AssertionError unless ``answer`` matches the reference (used by masters' hidden tests)."""
    spec = public_specs(exercise)[question]
    graded = getattr(module(exercise), "graded_value", None)
    if graded is not None:
        answer = graded(None, question, answer, None, world)
    ok, message = compare(spec, answer, expected(exercise, question, world))
    assert ok, f"{question}: {message}"
