"""``labkit grade override``: the instructor changes one row (改分), recorded with who and when.

An override sits on top of the graded row: re-grading never removes it (unless asked with
``--discard-decisions``), the gradebook, feedback, statistics and course marks all show it,
and ``overrides.csv`` in the results folder lists every override for the record.
"""
from __future__ import annotations

import getpass
import math
import sqlite3
from pathlib import Path

import pandas as pd

from labkit.errors import LabkitError
from labkit.files import write_csv_for_excel
from labkit.grading.gradebook import DB_NAME, connect, export
from labkit.i18n import _

__all__ = ["OVERRIDES_CSV", "list_overrides", "override"]

OVERRIDES_CSV = "overrides.csv"


def list_overrides(db: sqlite3.Connection, results: Path) -> None:
    """Rewrite ``overrides.csv``: every override for the record, oldest first."""
    listing = pd.read_sql_query("SELECT * FROM overrides ORDER BY decided_at, student_id, exercise, question", db)
    write_csv_for_excel(listing, results / OVERRIDES_CSV)


def override(results: Path, student_id: str, exercise: str, question: str, score: float, comment: str,
             decided_by: str | None = None) -> float:
    """Set the score of one graded row; returns the row's maximum. Checked before anything is written."""
    if not (results / DB_NAME).is_file():
        raise LabkitError(_("{results} has no {db}; run labkit grade first.").format(results=results, db=DB_NAME))
    if not comment.strip():
        raise LabkitError(_("Say why with --comment; the student sees it in the feedback."))
    db = connect(results)
    try:
        found = db.execute("SELECT max_score FROM grades WHERE student_id = ? AND exercise = ? AND question = ?",
                           (student_id, exercise, question)).fetchone()
        if found is None:
            raise LabkitError(_("{student} has no graded row for {exercise} {question}.").format(
                student=student_id, exercise=exercise, question=question))
        (max_score,) = found
        if not math.isfinite(score) or not 0 <= score <= max_score:
            raise LabkitError(_("The score {score:g} is outside 0 to {max:g} for {exercise} {question}.").format(
                score=score, max=max_score, exercise=exercise, question=question))
        with db:
            db.execute("INSERT OR REPLACE INTO overrides (student_id, exercise, question, score, comment, decided_by, "
                       "decided_at) VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%d %H:%M:%f', 'now'))",
                       (student_id, exercise, question, score, comment.strip(), decided_by or getpass.getuser()))
        list_overrides(db, results)
        export(db, results)
    finally:
        db.close()
    return float(max_score)
