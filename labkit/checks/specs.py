"""What each exercise question asks for (题目规格): the public specifications and the exam bank.

A specification says the *form* of an answer (type, columns, rows per group, whole number or
share); it never holds an expected value.
"""
from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from labkit.errors import UsageError
from labkit.i18n import _

__all__ = ["BANK_EXERCISES", "CHECKS_SUFFIX", "DATA_DIR", "HUB_USER_ENV", "STUDENT_ID_ENV", "is_student_id",
           "public_specs", "question_bank", "student_id"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STUDENT_ID_ENV = "LABKIT_STUDENT_ID"
HUB_USER_ENV = "JUPYTERHUB_USER"  # set by JupyterHub in every student's server
CHECKS_SUFFIX = ".checks.json"  # a custom exercise's public checks beside its notebook
_STUDENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
#: exercises whose questions are exam-bank items: the quiz (the items the bank lists) and a built exam
BANK_EXERCISES = ("quiz", "exam")
_QUIZ_KINDS = {"single": "choice", "multiple": "choices", "true_false": "bool",
               "short_answer": "text", "essay": "text", "case_analysis": "text"}


def is_student_id(value: str) -> bool:
    """A student id (学号) the kit accepts: letters, digits, '-' or '_', at most 40."""
    return bool(_STUDENT_ID.match(value))


def student_id(default: str) -> str:
    """Your student number (学号). On a class server (JupyterHub) your login replaces ``default``;
    at grading the folder name of your submission replaces it."""
    value = os.environ.get(STUDENT_ID_ENV) or os.environ.get(HUB_USER_ENV) or default
    if not is_student_id(value):
        raise UsageError(_("student id {value!r}: use letters, digits, '-' or '_' only (at most 40)").format(
            value=value))
    return value


@cache
def question_bank() -> dict[str, Any]:
    """The exam bank (题库) shipped in ``labkit/data/question_bank.json``."""
    return json.loads((DATA_DIR / "question_bank.json").read_text(encoding="utf-8"))


@cache
def public_specs(exercise: str) -> dict[str, dict[str, Any]]:
    """Public check specification per question of ``exercise``."""
    if exercise in BANK_EXERCISES:
        bank = question_bank()
        chosen = set(bank["quiz"]) if exercise == "quiz" else {i["id"] for i in bank["items"]}
        specs: dict[str, dict[str, Any]] = {}
        for item in (i for i in bank["items"] if i["id"] in chosen):
            spec: dict[str, Any] = {"type": _QUIZ_KINDS[item["type"]]}
            if "options" in item:
                spec["options"] = "".join(item["options"])
            if spec["type"] == "text":
                spec["min_chars"] = 20
            specs[item["id"]] = spec
        return specs
    path = DATA_DIR / "checks" / f"{exercise}.json"
    if not path.is_file():  # a custom exercise: its checks came with the notebook (labkit release)
        path = Path.cwd() / f"{exercise}{CHECKS_SUFFIX}"
    if not path.is_file():
        raise UsageError(_("no exercise called {name!r}").format(name=exercise))
    try:
        return json.loads(path.read_text(encoding="utf-8"))["questions"]
    except (ValueError, KeyError, TypeError):
        raise UsageError(_("{path} is not a file of public checks").format(path=path.name)) from None
