"""The gradebook (成绩册): SQLite as the record, CSV for the LMS, feedback per student, class statistics.

Re-grading a student replaces exactly that student's rows for that exercise, in one transaction.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from labkit.files import staged_file, write_csv_for_excel
from labkit.i18n import N_, _

DB_NAME = "gradebook.sqlite"
FLAG_NOTE = N_("A \"flagged\" row is a hint for your instructor to look at, not proof and not a guarantee: "
               "the scan for forbidden calls reads the code as written and can miss code built at run time.")
CSV_NAME = "gradebook.csv"
STATS_NAME = "class_stats.csv"

STATUS_TEXT = {
    "correct": "correct 正确",
    "incorrect": "incorrect 不正确",
    "not_answered": "not answered 未作答",
    "pending_review": "waiting for your instructor 待教师评分",
    "reviewed": "scored by your instructor 教师已评分",
    "overridden": "changed by your instructor 教师已改分",
    "flagged": "flagged for review 待复核",
    "error": "could not be graded 无法评分",
    "warning": "notebook problem 笔记本问题",
}


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
           expected_keys: dict[str, str] | None = None, evidence: dict[str, tuple[Any, Any]] | None = None) -> None:
    """Replace this student's rows for this exercise (and nobody else's).

    ``expected_keys`` (question -> key of the student's expected answer) let copy detection in
    later runs compare with this student.

    The instructor's decisions stay (unless ``keep_decisions`` is false): a scored open answer
    keeps its score while the answer is unchanged, and overrides stay on top of the new rows.
    ``evidence``: per question the encoded answer and expected answer (JSON), kept so that copies
    across the shards of a class can be found when their gradebooks are merged.
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
        for table in ("grades", "open_answers", "expected_keys", "evidence"):
            db.execute(f"DELETE FROM {table} WHERE student_id = ? AND exercise = ?", (student_id, exercise))
        db.executemany("INSERT INTO expected_keys VALUES (?, ?, ?, ?)",
                       [(student_id, exercise, q, key) for q, key in (expected_keys or {}).items()])
        db.executemany(f"INSERT INTO grades ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [astuple(r) for r in rows])
        db.executemany("INSERT INTO open_answers VALUES (?, ?, ?, ?)",
                       [(student_id, exercise, q, text) for q, text in open_answers.items()])
        db.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                       [(student_id, exercise, q, json.dumps(a), json.dumps(e)) for q, (a, e) in (evidence or {}).items()])


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
    write_csv_for_excel(frame, path)


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]()#!|~<>{}"})


def markdown_text(text: object) -> str:
    """``text`` shown as it is in Markdown: one line, no heading, link, image, emphasis or HTML."""
    return " ".join(str(text).split()).translate(_MARKDOWN)


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


def feedback_text(student_id: str, rows: list[Row]) -> str:
    """A student's feedback: status and message per question, no expected values, no hidden tests."""
    lines = [f"# Feedback for {markdown_text(student_id)} · 评分反馈", "", _(FLAG_NOTE), ""]
    for exercise in sorted({r.exercise for r in rows}):
        mine = [r for r in rows if r.exercise == exercise]
        got = sum(r.score for r in mine)
        total = sum(r.max_score for r in mine)
        lines += [f"## {markdown_text(exercise)}: {got:g} / {total:g}", ""]
        for r in mine:
            score = f"{r.score:g}/{r.max_score:g}" if r.max_score else "-"
            status = markdown_text(STATUS_TEXT.get(r.status, r.status))
            lines.append(f"- **{markdown_text(r.question)}** {score} · {status}: {markdown_text(r.message)}")
        lines.append("")
    return "\n".join(lines)


def export(db: sqlite3.Connection, results: Path) -> None:
    """Rewrite gradebook.csv, class_stats.csv and every feedback file from the database."""
    rows = all_rows(db)
    _write_csv(results / CSV_NAME, pd.DataFrame([astuple(r) for r in rows], columns=COLUMNS))
    _write_csv(results / STATS_NAME, class_statistics(rows))
    feedback = results / "feedback"
    feedback.mkdir(exist_ok=True)
    for student in sorted({r.student_id for r in rows}):
        text = feedback_text(student, [r for r in rows if r.student_id == student])
        with staged_file(feedback / f"{student}.md") as tmp:
            tmp.write_text(text, encoding="utf-8")
