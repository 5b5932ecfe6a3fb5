"""The ``check`` a student calls under each answer (自检反馈).

``check = for_exercise("lab1_classification")`` then ``check("q3")`` looks up ``q3_answer``
(and ``world``) in the notebook, so a check run before its answer cell says "run the answer
cell above first" instead of a ``NameError``. The older form ``check("q3", q3_answer, world)``
still works.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any

from labkit.checks.form import public_problems
from labkit.checks.specs import public_specs
from labkit.errors import UsageError
from labkit.i18n import N_, _

__all__ = ["HIDDEN_NOTE", "feedback", "for_exercise"]

HIDDEN_NOTE = N_("Hidden checks of the values run at grading (隐藏检查在评分时运行); this is not a score.")
_NOT_GIVEN: Any = object()


def feedback(exercise: str, question: str, answer: Any, world: Any = None) -> tuple[bool, str]:
    """(passed, message) for one answer; the message never contains an expected value."""
    specs = public_specs(exercise)
    if question not in specs:
        raise UsageError(_("{exercise} has no question {question!r}; questions are {questions}").format(
            exercise=exercise, question=question, questions=", ".join(specs)))
    note = _(HIDDEN_NOTE)
    if answer is _NOT_GIVEN:
        return False, _("{q}: {q}_answer is not defined yet: run the answer cell above first, then this "
                        "check.").format(q=question)
    if answer is None:
        return False, _("{q}: not answered yet - replace None with your answer. {note}").format(q=question, note=note)
    problems = public_problems(specs[question], answer, world)
    if problems:
        return False, _("{q}: {problems}. {note}").format(q=question, problems="; ".join(problems), note=note)
    return True, _("{q}: public checks passed (type, shape, columns). {note}").format(q=question, note=note)


def _caller_names(depth: int) -> Mapping[str, Any]:
    frame = sys._getframe(depth + 1)
    return {**frame.f_globals, **frame.f_locals}


def for_exercise(exercise: str) -> Callable[..., bool]:
    """A ``check(question, answer=<looked up>, world=<looked up>)`` function for one exercise's notebook.

    When the exercise's public checks cannot be found (a custom exercise's ``NAME.checks.json``
    not beside the notebook, as at grading), each check says so and the notebook runs on."""
    try:
        public_specs(exercise)
    except UsageError as exc:
        problem = str(exc)

        def unchecked(question: str, answer: Any = _NOT_GIVEN, world: Any = _NOT_GIVEN) -> bool:
            print("✗ " + _("{q}: no public checks here ({problem}); your answer is still graded").format(
                q=question, problem=problem))
            return False

        return unchecked

    def check(question: str, answer: Any = _NOT_GIVEN, world: Any = _NOT_GIVEN) -> bool:
        if answer is _NOT_GIVEN or world is _NOT_GIVEN:
            names = _caller_names(1)
            if answer is _NOT_GIVEN:
                answer = names.get(f"{question}_answer", _NOT_GIVEN)
            if world is _NOT_GIVEN:
                world = names.get("world")
        passed, message = feedback(exercise, question, answer, world)
        print(("✓ " if passed else "✗ ") + message)
        return passed

    return check
