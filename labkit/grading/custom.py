"""Custom exercises (自编练习): a folder of your own beside the kit's, nothing inside the package edited.

``labkit grade --masters MYMASTERS`` reads every master of ``MYMASTERS``: the kit's masters
(copied there as ``quiz.ipynb`` ...) use the kit's checks and reference answers, and a custom
exercise is a folder ``MYMASTERS/lab5_custom/`` holding

- ``lab5_custom.ipynb``: the master (the same markers and metadata as the kit's);
- ``checks.json``: ``{"questions": {"q1": {"type": "number", "integer": true}, ...}}``, the public
  form of each answer (the types of ``labkit/data/checks/*.json``); students get it beside the
  notebook from ``labkit release`` so that ``check("q1")`` works;
- ``reference.py``: ``expected(question, world)``, ``NEEDS_WORLD`` (default False) and
  ``FORBIDDEN`` (module prefixes an answer must not call; default none). It runs in the
  instructor's own process, like the kit's reference answers: it is your code, not a student's.

A master that cannot be graded (malformed, no checks, no reference answers) is reported in the
warnings and its notebooks get error rows; every other exercise is graded as usual.
"""
from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from labkit.checks import public_specs
from labkit.errors import LabkitError
from labkit.grading import reference
from labkit.grading.exercise import (
    CUSTOM_CHECKS,
    CUSTOM_REFERENCE,
    Exercise,
    load_master,
    master_paths,
)
from labkit.i18n import _

__all__ = ["SPEC_TYPES", "gradable", "reference_module", "specs"]

SPEC_TYPES = frozenset({"frame", "number", "bool", "text", "dict", "choice", "choices"})


@cache
def _folder_specs(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = data["questions"]
        if not isinstance(questions, dict) or not all(
                isinstance(spec, dict) and spec.get("type") in SPEC_TYPES for spec in questions.values()):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise LabkitError(_("{path}: expected {{\"questions\": {{\"q1\": {{\"type\": ...}}}}}} with types {types}")
                          .format(path=path, types=", ".join(sorted(SPEC_TYPES)))) from None
    return questions


def specs(ex: Exercise) -> dict[str, dict[str, Any]]:
    """Public specification per question: the custom folder's ``checks.json``, else the kit's."""
    return _folder_specs(ex.folder / CUSTOM_CHECKS) if ex.folder is not None else public_specs(ex.name)


@cache
def _folder_reference(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"labkit_custom_reference_{path.parent.name}", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise LabkitError(_("{path}: no reference answers (reference.py with expected(question, world))")
                          .format(path=path))
    found = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(found)
    except Exception as exc:  # noqa: BLE001 - the instructor's file: one sentence, the run goes on
        raise LabkitError(_("{path} could not be loaded: {error}").format(
            path=path, error=f"{type(exc).__name__}: {exc}")) from None
    if not callable(getattr(found, "expected", None)):
        raise LabkitError(_("{path}: no reference answers (reference.py with expected(question, world))")
                          .format(path=path))
    vars(found).update(NEEDS_WORLD=bool(getattr(found, "NEEDS_WORLD", False)),
                       FORBIDDEN=tuple(getattr(found, "FORBIDDEN", ())))
    return found


def reference_module(ex: Exercise) -> ModuleType:
    """The module with ``expected``, ``NEEDS_WORLD`` and ``FORBIDDEN`` for ``ex``."""
    return _folder_reference(ex.folder / CUSTOM_REFERENCE) if ex.folder is not None else reference.module(ex.name)


def _problem(path: Path, folder: Path | None) -> tuple[Exercise | None, str | None]:
    try:
        ex = load_master(path)
        ex = Exercise(ex.name, ex.path, ex.notebook, ex.questions, folder)
        known = specs(ex)
        reference_module(ex)
    except LabkitError as exc:
        if folder is None and path.stem not in reference.MODULES:
            return None, _("{name}: the kit has no checks or reference answers for it; make it a custom exercise "
                           "folder {name}/ with {name}.ipynb, checks.json and reference.py").format(name=path.stem)
        return None, _("{name}: {problem}").format(name=path.stem, problem=exc)
    missing = [q.id for q in ex.questions if q.id not in known]
    if missing:
        return None, _("{name}: no public check for {questions}").format(name=ex.name, questions=", ".join(missing))
    return ex, None


def gradable(directory: Path) -> tuple[dict[str, Exercise], dict[str, str]]:
    """(exercises that can be graded, by name; the others, name -> why not)."""
    good: dict[str, Exercise] = {}
    broken: dict[str, str] = {}
    for path, folder in master_paths(directory):
        ex, problem = _problem(path, folder)
        if ex is not None:
            good[ex.name] = ex
        else:
            broken[path.stem] = problem or ""
    if not good:
        raise LabkitError(_("none of the masters in {path} can be graded: {problems}").format(
            path=directory, problems="; ".join(broken.values())))
    return good, broken
