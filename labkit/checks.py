"""Instant public checks for students (自检): type, shape and columns, never an expected value.

``check = for_exercise("lab1_classification")`` then ``check("q3", q3_answer, world)`` prints
specific feedback ("q3: expected a DataFrame with one row per region group, got 34 rows").
Hidden checks of the values run only at grading, in the instructor's process; nothing here
knows an expected value, so there is nothing to reveal or to patch.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from labkit.errors import UsageError

DATA_DIR = Path(__file__).resolve().parent / "data"
HIDDEN_NOTE = "Hidden checks of the values run at grading (隐藏检查在评分时运行); this is not a score."
STUDENT_ID_ENV = "LABKIT_STUDENT_ID"
_STUDENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_QUIZ_KINDS = {"single": "choice", "multiple": "choices", "true_false": "bool",
               "short_answer": "text", "case_analysis": "text"}


def student_id(default: str) -> str:
    """Your student number (学号). At grading the folder name of your submission replaces it."""
    value = os.environ.get(STUDENT_ID_ENV) or default
    if not _STUDENT_ID.match(value):
        raise UsageError(f"student id {value!r}: use letters, digits, '-' or '_' only (at most 40)")
    return value


@lru_cache(maxsize=None)
def question_bank() -> dict[str, Any]:
    """The exam bank (题库) shipped in ``labkit/data/question_bank.json``."""
    return json.loads((DATA_DIR / "question_bank.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def public_specs(exercise: str) -> dict[str, dict[str, Any]]:
    """Public check specification per question of ``exercise``."""
    if exercise == "quiz":
        specs: dict[str, dict[str, Any]] = {}
        for item in question_bank()["items"]:
            spec: dict[str, Any] = {"type": _QUIZ_KINDS[item["type"]]}
            if "options" in item:
                spec["options"] = "".join(item["options"])
            if spec["type"] == "text":
                spec["min_chars"] = 20
            specs[item["id"]] = spec
        return specs
    path = DATA_DIR / "checks" / f"{exercise}.json"
    if not path.is_file():
        raise UsageError(f"no exercise called {exercise!r}")
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


def option_letters(answer: Any) -> str | None:
    if isinstance(answer, str):
        return re.sub(r"[\s,;、，]", "", answer).upper()
    if isinstance(answer, (list, tuple, set, frozenset)) and all(isinstance(a, str) for a in answer):
        return "".join(sorted(a.strip().upper() for a in answer))
    return None


def _table(world: Any, name: str) -> Any:
    tables = getattr(world, "tables", None)
    return tables[name] if isinstance(tables, dict) else getattr(world, name)


def _frame_problems(spec: dict[str, Any], answer: Any, world: Any) -> list[str]:
    import pandas as pd

    if isinstance(answer, pd.Series):
        answer = answer.reset_index()
    if not isinstance(answer, pd.DataFrame):
        return [f"expected a DataFrame (pandas 表格), got {type(answer).__name__}"]
    if not isinstance(answer.index, pd.RangeIndex) or answer.index.name is not None:
        answer = answer.reset_index()
    problems = []
    wanted = list(spec.get("columns", []))
    missing = [c for c in wanted if c not in answer.columns]
    if missing:
        problems.append(f"expected columns {wanted}, missing {missing}")
    per = spec.get("rows_per")
    if per is not None and world is not None:
        table, column = per.split(".")
        groups = _table(world, table)[column].nunique(dropna=True)
        if len(answer) != groups:
            problems.append(f"expected a DataFrame with {spec['rows_label']}, got {len(answer)} rows")
    elif len(answer) == 0:
        problems.append("the DataFrame is empty")
    return problems


def public_problems(spec: dict[str, Any], answer: Any, world: Any = None) -> list[str]:
    """What is wrong with ``answer``'s type, shape or columns (empty list when the public checks pass)."""
    kind = spec["type"]
    if kind == "frame":
        return _frame_problems(spec, answer, world)
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) and type(answer).__module__ != "numpy":
            return [f"expected a number, got {type(answer).__name__}"]
        return []
    if kind == "bool":
        return [] if isinstance(answer, bool) else [f"expected True or False, got {type(answer).__name__}"]
    if kind == "text":
        if not isinstance(answer, str):
            return [f"expected text (a str), got {type(answer).__name__}"]
        n = len(answer.strip())
        return [] if n >= spec["min_chars"] else [f"expected at least {spec['min_chars']} characters, got {n}"]
    if kind == "dict":
        if not isinstance(answer, dict):
            return [f"expected a dict, got {type(answer).__name__}"]
        missing = [k for k in spec["keys"] if k not in answer]
        return [f"expected keys {spec['keys']}, missing {missing}"] if missing else []
    letters = option_letters(answer)
    options = spec["options"]
    if letters is None or not letters or any(ch not in options for ch in letters):
        return [f"expected option letters from {options!r}, got {answer!r}"]
    if kind == "choice" and len(letters) != 1:
        return [f"expected exactly one option letter, got {len(letters)}"]
    if kind == "choices" and len(set(letters)) != len(letters):
        return ["each option letter at most once"]
    return []


def feedback(exercise: str, question: str, answer: Any, world: Any = None) -> tuple[bool, str]:
    """(passed, message) for one answer; the message never contains an expected value."""
    specs = public_specs(exercise)
    if question not in specs:
        raise UsageError(f"{exercise} has no question {question!r}; questions are {', '.join(specs)}")
    if answer is None:
        return False, f"{question}: not answered yet - replace None with your answer. {HIDDEN_NOTE}"
    problems = public_problems(specs[question], answer, world)
    if problems:
        return False, f"{question}: " + "; ".join(problems) + f". {HIDDEN_NOTE}"
    return True, f"{question}: public checks passed (type, shape, columns). {HIDDEN_NOTE}"


def for_exercise(exercise: str) -> Callable[..., bool]:
    """A ``check(question, answer, world=None)`` function for one exercise's notebook."""
    public_specs(exercise)

    def check(question: str, answer: Any, world: Any = None) -> bool:
        passed, message = feedback(exercise, question, answer, world)
        print(("✓ " if passed else "✗ ") + message)
        return passed

    return check
