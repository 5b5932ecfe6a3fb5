"""Grading a class on many machines (分片评分): ``--shard i/N`` and merging the partial gradebooks.

A student belongs to one shard, chosen from a hash of the student id, so all their notebooks
are graded on the same machine. Copies can only be found with the whole class in view: a
shard keeps each answer and expected answer as evidence, and :func:`merge` marks the copies
over all shards, so that the merged gradebook equals the one of a single run, row for row.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from labkit.checks import public_specs
from labkit.errors import LabkitError, UsageError
from labkit.grading.flags import expected_keys, flag_copies
from labkit.grading.gradebook import (
    COLUMNS,
    DB_NAME,
    Row,
    connect,
    export,
    handin_languages,
    handin_times,
    record,
)
from labkit.grading.overrides import list_overrides
from labkit.grading.submission import Outcome, Submission
from labkit.i18n import _

__all__ = ["Shard", "merge", "parse_shard"]

Shard = tuple[int, int]  # (i, N): the i-th of N shards, counted from 1


def parse_shard(text: str) -> Shard:
    """``"2/4"`` -> (2, 4); one clear sentence for anything else."""
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not found or not 1 <= int(found.group(1)) <= int(found.group(2)):
        raise UsageError(_("--shard takes i/N with 1 <= i <= N, e.g. 2/4, not {text!r}").format(text=text))
    return int(found.group(1)), int(found.group(2))


def in_shard(student_id: str, shard: Shard) -> bool:
    """Whether ``student_id`` is graded in ``shard`` (the same answer on every machine)."""
    index, count = shard
    digest = int.from_bytes(hashlib.sha256(student_id.encode("utf-8")).digest()[:8], "big")
    return digest % count == index - 1


OVERRIDE_COLUMNS = ("student_id", "exercise", "question", "score", "comment", "decided_by", "decided_at")
Decision = tuple[str, str, str, float, str, str, str]  # one overrides row, in OVERRIDE_COLUMNS order


def _outcomes(path: Path) -> tuple[list[Outcome], list[Decision]]:
    """The graded notebooks of one partial gradebook and the instructor's overrides recorded in it."""
    if not (path / DB_NAME).is_file():
        raise LabkitError(_("{path} has no {name}: give the --out folders of labkit grade --shard")
                          .format(path=path, name=DB_NAME))
    db = sqlite3.connect(f"file:{path / DB_NAME}?mode=ro", uri=True)
    try:
        found: dict[tuple[str, str], Outcome] = {}

        def outcome(student: str, exercise: str) -> Outcome:
            return found.setdefault((student, exercise), Outcome(Submission(student, exercise, Path()), []))

        for values in db.execute(f"SELECT {', '.join(COLUMNS)} FROM grades"):
            outcome(values[0], values[1]).rows.append(Row(*values))
        for student, exercise, question, answer in db.execute("SELECT * FROM open_answers"):
            outcome(student, exercise).open_answers[question] = answer
        for student, exercise, question, answer, expected in db.execute("SELECT * FROM evidence"):
            o = outcome(student, exercise)
            o.answers[question], o.expected[question] = json.loads(answer), json.loads(expected)
        decisions = db.execute(f"SELECT {', '.join(OVERRIDE_COLUMNS)} FROM overrides").fetchall()
    except sqlite3.DatabaseError as exc:
        raise LabkitError(_("{path}: not a labkit gradebook ({error})").format(path=path, error=exc)) from None
    finally:
        db.close()
    return list(found.values()), decisions


def _latest(decisions: list[Decision]) -> list[Decision]:
    """One override per row: the most recent decision (then the larger tuple), whatever the order of the parts."""
    chosen: dict[tuple[str, str, str], Decision] = {}
    for d in decisions:
        key = d[:3]
        if key not in chosen or (d[6], d) > (chosen[key][6], chosen[key]):
            chosen[key] = d
    return [chosen[key] for key in sorted(chosen)]


def _handins(path: Path) -> tuple[dict[tuple[str, str], datetime], dict[tuple[str, str], str]]:
    """The hand-in times and notebook languages a shard recorded (late policy, feedback language)."""
    db = sqlite3.connect(f"file:{path / DB_NAME}?mode=ro", uri=True)
    try:
        return handin_times(db), handin_languages(db)
    except sqlite3.DatabaseError:
        return {}, {}  # a gradebook from before hand-ins were recorded
    finally:
        db.close()


def merge(parts: list[Path], out: Path) -> tuple[int, list[str]]:
    """Merge the results folders of ``labkit grade --shard`` into ``out``.

    The instructor's decisions made in any part stay: scored open answers travel with their rows,
    and every override is kept (for a row overridden in several places, the latest decision).
    Returns the number of rows written and the instructor's notes on copies (who owns the world)."""
    outcomes: dict[tuple[str, str], Outcome] = {}
    decisions: list[Decision] = []
    times: dict[tuple[str, str], datetime] = {}
    languages: dict[tuple[str, str], str] = {}
    for part in parts:
        found, decided = _outcomes(part)
        decisions += decided
        for o in found:
            key = (o.submission.student_id, o.submission.exercise)
            if key in outcomes:
                raise LabkitError(_("{student} {exercise} is in two of the partial gradebooks; "
                                    "give each shard once").format(student=key[0], exercise=key[1]))
            outcomes[key] = o
        part_times, part_languages = _handins(part)
        times.update(part_times)
        languages.update(part_languages)
    merged = [outcomes[key] for key in sorted(outcomes)]
    for o in merged:
        o.rows.sort(key=lambda r: r.question)
    specs = {exercise: _specs(exercise) for _student, exercise in outcomes}
    notes = flag_copies(merged, specs)
    db = connect(out)
    for o in merged:
        key = (o.submission.student_id, o.submission.exercise)
        evidence = {q: (o.answers[q], o.expected[q]) for q in o.expected if q in o.answers}
        record(db, o.submission.student_id, o.submission.exercise, o.rows, o.open_answers,
               expected_keys=expected_keys(o, specs), evidence=evidence,
               submitted_at=times.get(key), language=languages.get(key))
    with db:
        decisions += db.execute(f"SELECT {', '.join(OVERRIDE_COLUMNS)} FROM overrides").fetchall()
        db.executemany(f"INSERT OR REPLACE INTO overrides ({', '.join(OVERRIDE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       _latest(decisions))
    if decisions:
        list_overrides(db, out)
    export(db, out)
    db.close()
    return sum(len(o.rows) for o in merged), notes


def _specs(exercise: str) -> dict[str, dict[str, object]]:
    try:
        return public_specs(exercise)
    except LabkitError:
        return {}  # an unknown exercise has only error rows, nothing to compare
