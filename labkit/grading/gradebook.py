"""The gradebook (成绩册): SQLite as the record, CSV for the LMS, feedback per student, class statistics.

Re-grading a student replaces exactly that student's rows for that exercise, in one transaction.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from labkit.files import staged_file, write_csv_for_excel
from labkit.grading.feedback import feedback_html, feedback_text
from labkit.i18n import Label, LabelSet

__all__ = ["COLUMNS", "CSV_NAME", "DB_NAME", "HEADERS", "STATS_NAME", "Row", "all_rows", "class_statistics", "connect",
           "expected_owners", "export", "handin_languages", "handin_times", "record"]

DB_NAME = "gradebook.sqlite"
CSV_NAME = "gradebook.csv"
STATS_NAME = "class_stats.csv"

@dataclass(frozen=True)
class Row:
    """One gradebook row: a student's result on one question (``question == "(notebook)"`` for notebook-wide notes)."""

    student_id: str
    exercise: str
    question: str
    score: float
    max_score: float
    status: str
    message: str


COLUMNS = [f.name for f in fields(Row)]
#: gradebook.csv / class_stats.csv column -> (English, 中文) header, written in the instructor's
#: language (LABKIT_LANG or --lang): the column name itself in en_US, 学号 ... in zh_CN.
HEADERS = LabelSet({
    "student_id": Label("student_id", "学号"), "exercise": Label("exercise", "练习"), "question": Label("question", "题目"),
    "score": Label("score", "得分"), "max_score": Label("max_score", "满分"), "status": Label("status", "状态"),
    "message": Label("message", "说明"), "students": Label("students", "学生数"), "mean_score": Label("mean_score", "平均分"),
    "full_marks_share": Label("full_marks_share", "满分比例"), "missed_by": Label("missed_by", "未得满分的学生"),
})


def connect(results: Path) -> sqlite3.Connection:
    results.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(results / DB_NAME, timeout=60)
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS grades (
            student_id TEXT NOT NULL, exercise TEXT NOT NULL, question TEXT NOT NULL,
            score REAL NOT NULL, max_score REAL NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL,
            graded_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (student_id, exercise, question));
        CREATE TABLE IF NOT EXISTS open_answers (
            student_id TEXT NOT NULL, exercise TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
            PRIMARY KEY (student_id, exercise, question));
        CREATE TABLE IF NOT EXISTS evidence (
            student_id TEXT NOT NULL, exercise TEXT NOT NULL, question TEXT NOT NULL,
            answer TEXT NOT NULL, expected TEXT NOT NULL,
            PRIMARY KEY (student_id, exercise, question));
        CREATE TABLE IF NOT EXISTS overrides (
            student_id TEXT NOT NULL, exercise TEXT NOT NULL, question TEXT NOT NULL,
            score REAL NOT NULL, comment TEXT NOT NULL, decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (student_id, exercise, question));
        CREATE TABLE IF NOT EXISTS handins (
            student_id TEXT NOT NULL, exercise TEXT NOT NULL, submitted_at TEXT, language TEXT,
            PRIMARY KEY (student_id, exercise));
        CREATE TABLE IF NOT EXISTS expected_keys (
            student_id TEXT NOT NULL, exercise TEXT NOT NULL, question TEXT NOT NULL, key TEXT NOT NULL,
            PRIMARY KEY (student_id, exercise, question));
        """
    )
    return db


def _reviewed(db: sqlite3.Connection, student_id: str, exercise: str) -> dict[str, tuple[float, str, str]]:
    """question -> (score, message, answer) of the open answers the instructor has scored."""
    cur = db.execute("SELECT g.question, g.score, g.message, o.answer FROM grades g JOIN open_answers o "
                     "USING (student_id, exercise, question) WHERE student_id = ? AND exercise = ? "
                     "AND g.status = 'reviewed'", (student_id, exercise))
    return {q: (score, message, answer) for q, score, message, answer in cur.fetchall()}


def record(db: sqlite3.Connection, student_id: str, exercise: str, rows: Iterable[Row],
           open_answers: dict[str, str] | None = None, keep_decisions: bool = True,
           expected_keys: dict[str, str] | None = None, evidence: dict[str, tuple[Any, Any]] | None = None,
           submitted_at: datetime | None = None, language: str | None = None) -> None:
    """Replace this student's rows for this exercise (and nobody else's).

    ``expected_keys`` (question -> key of the student's expected answer) let copy detection in
    later runs compare with this student.

    The instructor's decisions stay (unless ``keep_decisions`` is false): a scored open answer
    keeps its score while the answer is unchanged, and overrides stay on top of the new rows.
    ``evidence``: per question the encoded answer and expected answer (JSON), kept so that copies
    across the shards of a class can be found when their gradebooks are merged.
    ``submitted_at``: when the notebook was handed in (提交时间, from the collected file), kept
    for the late policy of ``labkit gradebook export``; ``language``: the notebook's, for the feedback.
    """
    open_answers = open_answers or {}
    with db:
        kept = _reviewed(db, student_id, exercise) if keep_decisions else {}
        rows = [Row(r.student_id, r.exercise, r.question, kept[r.question][0], r.max_score, "reviewed",
                    kept[r.question][1])
                if r.status == "pending_review" and r.question in kept and open_answers.get(r.question) == kept[r.question][2]
                else r for r in rows]
        if not keep_decisions:
            db.execute("DELETE FROM overrides WHERE student_id = ? AND exercise = ?", (student_id, exercise))
        for table in ("grades", "open_answers", "expected_keys", "evidence", "handins"):
            db.execute(f"DELETE FROM {table} WHERE student_id = ? AND exercise = ?", (student_id, exercise))
        db.executemany("INSERT INTO expected_keys VALUES (?, ?, ?, ?)",
                       [(student_id, exercise, q, key) for q, key in (expected_keys or {}).items()])
        db.executemany(f"INSERT INTO grades ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [astuple(r) for r in rows])
        db.executemany("INSERT INTO open_answers VALUES (?, ?, ?, ?)",
                       [(student_id, exercise, q, text) for q, text in open_answers.items()])
        db.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                       [(student_id, exercise, q, json.dumps(a), json.dumps(e)) for q, (a, e) in (evidence or {}).items()])
        if submitted_at is not None or language is not None:
            db.execute("INSERT INTO handins VALUES (?, ?, ?, ?)", (
                student_id, exercise, submitted_at.isoformat(timespec="seconds") if submitted_at else None, language))


def handin_times(db: sqlite3.Connection) -> dict[tuple[str, str], datetime]:
    """(student id, exercise) -> hand-in time recorded at grading (提交时间)."""
    return {(sid, exercise): datetime.fromisoformat(when) for sid, exercise, when in db.execute(
        "SELECT student_id, exercise, submitted_at FROM handins WHERE submitted_at IS NOT NULL")}


def handin_languages(db: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(student id, exercise) -> the language of the notebook handed in (the feedback's)."""
    return {(sid, exercise): language for sid, exercise, language in db.execute(
        "SELECT student_id, exercise, language FROM handins WHERE language IS NOT NULL")}


def expected_owners(db: sqlite3.Connection) -> dict[tuple[str, str, str], set[str]]:
    """(exercise, question, key) -> the students whose expected answer has that key (copy detection)."""
    owners: dict[tuple[str, str, str], set[str]] = {}
    for sid, exercise, question, key in db.execute("SELECT student_id, exercise, question, key FROM expected_keys"):
        owners.setdefault((exercise, question, key), set()).add(sid)
    return owners


def all_rows(db: sqlite3.Connection) -> list[Row]:
    """Every row, with the instructor's overrides (``labkit grade override``) in place of the graded score."""
    cur = db.execute(
        "SELECT student_id, exercise, question, COALESCE(o.score, g.score), max_score, "
        "CASE WHEN o.score IS NULL THEN status ELSE 'overridden' END, COALESCE(o.comment, message) "
        "FROM grades g LEFT JOIN overrides o USING (student_id, exercise, question) "
        "ORDER BY student_id, exercise, question")
    return [Row(*r) for r in cur.fetchall()]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value: object) -> object:
    """A cell Excel shows as typed: text that would start a formula gets a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _write_csv(path: Path, frame: pd.DataFrame) -> None:
    """All or nothing, UTF-8 with BOM (Excel on Chinese Windows), no text read as a formula."""
    text_columns = frame.select_dtypes(include="object").columns
    frame = frame.assign(**{c: frame[c].map(_as_text) for c in text_columns})
    write_csv_for_excel(frame.rename(columns=HEADERS.text), path)


def class_statistics(rows: list[Row]) -> pd.DataFrame:
    """Per exercise and question: mean score, share with full marks, who missed it; hardest first.

    Open answers still waiting for the instructor are left out until they are scored."""
    frame = pd.DataFrame([r for r in rows if r.max_score > 0 and r.status != "pending_review"], columns=COLUMNS)
    if frame.empty:
        return pd.DataFrame(columns=["exercise", "question", "max_score", "students", "mean_score", "full_marks_share", "missed_by"])
    frame["full"] = frame["score"] >= frame["max_score"]
    stats = frame.groupby(["exercise", "question"], sort=True).agg(
        max_score=("max_score", "max"), students=("student_id", "nunique"),
        mean_score=("score", "mean"), full_marks_share=("full", "mean"))
    stats["missed_by"] = frame[~frame["full"]].groupby(["exercise", "question"])["student_id"].agg(
        lambda s: ";".join(sorted(s)))
    stats["missed_by"] = stats["missed_by"].fillna("")
    return stats.reset_index().sort_values(["full_marks_share", "exercise", "question"], kind="stable")


def export(db: sqlite3.Connection, results: Path) -> None:
    """Rewrite gradebook.csv, class_stats.csv and every feedback file (Markdown and HTML, in the
    language of the student's notebook) from the database."""
    rows = all_rows(db)
    _write_csv(results / CSV_NAME, pd.DataFrame([astuple(r) for r in rows], columns=COLUMNS))
    _write_csv(results / STATS_NAME, class_statistics(rows))
    feedback = results / "feedback"
    feedback.mkdir(exist_ok=True)
    languages = handin_languages(db)
    for student in sorted({r.student_id for r in rows}):
        mine = [r for r in rows if r.student_id == student]
        language = next((languages[(student, r.exercise)] for r in mine if (student, r.exercise) in languages), None)
        for suffix, render in ((".md", feedback_text), (".html", feedback_html)):
            with staged_file(feedback / f"{student}{suffix}") as tmp:
                tmp.write_text(render(student, mine, language), encoding="utf-8")
