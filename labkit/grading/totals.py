"""Per-student course marks (总评): weighted items, late penalties, every roster student a row.

An item is an exercise of the gradebook or a 6+6 lab project (assessed with ``labkit assess``).
Its share of the course mark is ``weight x (score / max score) x late factor``; a student with
nothing for an item gets 0 for it, and a student with nothing at all gets status ``missing``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from labkit.grading.gradebook import Row
from labkit.grading.policy import CoursePolicy
from labkit.i18n import _
from labkit.roster import Roster

__all__ = ["CLASS", "GROUP", "ID", "NAME", "NOTE", "STATUS", "TOTAL", "course_marks", "mark_items", "unknown_students"]

ID, NAME, CLASS, GROUP, TOTAL, STATUS, NOTE = "学号", "姓名", "班级", "小组", "总评", "状态", "备注"
# Student status, worst first: the first that applies is shown.
STATUSES = ("conflict", "missing", "pending", "flagged", "graded")


@dataclass(frozen=True)
class _ItemMark:
    points: float
    status: str  # one of STATUSES
    notes: tuple[str, ...] = ()


def _exercise_mark(rows: list[Row], weight: float, item: str, factor: float, days: int) -> _ItemMark:
    scored = [r for r in rows if r.max_score > 0]
    if not scored:
        return _ItemMark(0.0, "missing", (_("{item}: missing").format(item=item),))
    fraction = sum(r.score for r in scored) / sum(r.max_score for r in scored)
    notes = []
    pending = sum(r.status == "pending_review" for r in scored)
    flagged = sum(r.status == "flagged" for r in scored)
    if pending:
        notes.append(_("{item}: {n} answer(s) waiting for review").format(item=item, n=pending))
    if flagged:
        notes.append(_("{item}: {n} answer(s) flagged").format(item=item, n=flagged))
    if days:
        notes.append(_("{item}: {days} day(s) late, {kept:.0%} of the score kept").format(item=item, days=days, kept=factor))
    status = "pending" if pending else "flagged" if flagged else "graded"
    return _ItemMark(weight * fraction * factor, status, tuple(notes))


def course_marks(rows: Iterable[Row], roster: Roster, policy: CoursePolicy,
                 times: dict[tuple[str, str], datetime] | None = None,
                 assessed: dict[tuple[str, str], float] | None = None,
                 conflicts: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """One row per roster student: 学号, 姓名, 班级, 小组, points per item, 总评, 状态, 备注.

    ``times`` maps (student, exercise) to the hand-in time, ``assessed`` (student, project) to
    the 6+6 score out of 100, ``conflicts`` a student to the folders that all claim them.
    """
    rows = list(rows)
    times, assessed, conflicts = times or {}, assessed or {}, conflicts or {}
    projects = {project for _sid, project in assessed}
    weights = policy.weights_for(mark_items(rows, assessed))
    by_key: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        by_key.setdefault((r.student_id, r.exercise), []).append(r)
    records = []
    for student in roster.students:
        sid = student.student_id
        record: dict[str, object] = {ID: sid, NAME: student.name, CLASS: student.class_name, GROUP: student.group}
        marks = []
        for item, weight in weights.items():
            if item in projects:
                score = assessed.get((sid, item))
                mark = (_ItemMark(weight * score / 100, "graded") if score is not None
                        else _ItemMark(0.0, "missing", (_("{item}: not assessed").format(item=item),)))
            else:
                late = policy.lateness(sid, item, times.get((sid, item)))
                mark = _exercise_mark(by_key.get((sid, item), []), weight, item, late.factor, late.days)
            record[item] = round(mark.points, 2)
            marks.append(mark)
        record[TOTAL] = round(sum(m.points for m in marks), 2)
        found = {m.status for m in marks}
        if sid in conflicts:
            status = "conflict"
        elif not marks or found == {"missing"}:
            status = "missing"
        else:
            status = next(s for s in STATUSES[2:] if s in found or s == "graded")
        notes = [n for m in marks for n in m.notes if status != "missing"]
        if sid in conflicts:
            notes.insert(0, _("folders {folders} all claim this student; none was graded").format(
                folders=", ".join(conflicts[sid])))
        record[STATUS], record[NOTE] = status, "; ".join(notes)
        records.append(record)
    return pd.DataFrame(records, columns=[ID, NAME, CLASS, GROUP, *weights, TOTAL, STATUS, NOTE])


def mark_items(rows: Iterable[Row], assessed: dict[tuple[str, str], float] | None = None) -> list[str]:
    """The items of the course mark found in the data: exercises of the gradebook, then 6+6 projects."""
    exercises = sorted({r.exercise for r in rows})
    return exercises + sorted({p for _sid, p in assessed or {}} - set(exercises))


def unknown_students(rows: Iterable[Row], roster: Roster) -> list[str]:
    """Student ids with gradebook rows who are not on the roster (shown to the instructor)."""
    on_roster = set(roster.ids)
    return sorted({r.student_id for r in rows} - on_roster)
