"""Merging filled 6+6 forms back (考核表汇总): every value checked before anything is written.

Several filled copies of one form may be merged (the teacher's, each group's self-assessment,
the other groups' peer ratings): teacher and self scores and adjustments must not disagree
between copies, peer scores are averaged. The result replaces this project's rows of
``RESULTS/assessment.csv`` (UTF-8 with BOM), read by ``labkit gradebook export``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from labkit.assessment.form import (
    GROUP_CELL,
    HEADER_ROW,
    KEY_COLUMN,
    PROJECT_CELL,
    RATER_COLUMNS,
    WEIGHTS_SHEET,
)
from labkit.assessment.projects import lab_project, localized
from labkit.assessment.scoring import (
    DIMENSIONS,
    RATERS,
    SCALE,
    Weights,
    group_score,
    member_score,
)
from labkit.errors import LabkitError
from labkit.files import EXCEL_CSV_ENCODING, write_csv_for_excel
from labkit.i18n import _
from labkit.roster import Roster

__all__ = ["ASSESSMENT_CSV", "COLUMNS", "assessed_scores", "merge_forms"]

ASSESSMENT_CSV = "assessment.csv"
COLUMNS = ["project", "学号", "姓名", "小组", *DIMENSIONS, "group_score", "adjustment", "score", "comment"]


@dataclass
class _Filled:
    """What one filled copy says about one group."""

    where: str
    ratings: dict[tuple[str, str], float] = field(default_factory=dict)
    members: dict[str, tuple[float | None, str]] = field(default_factory=dict)  # id -> (adjustment, comment)


def _number(value: Any, where: str, low: float, high: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise LabkitError(_("{where}: {value!r} is not a number.").format(where=where, value=value)) from None
    if not low <= number <= high:
        raise LabkitError(_("{where}: {value:g} is outside {low:g} to {high:g}.").format(
            where=where, value=number, low=low, high=high))
    return number


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _weights(wb: Any, name: str) -> Weights:
    if WEIGHTS_SHEET not in wb.sheetnames:
        raise LabkitError(_("{file} has no {sheet!r} sheet; is it a 6+6 form from labkit assess export?").format(
            file=name, sheet=WEIGHTS_SHEET))
    items = {}
    for r, (key, _meaning, value, *_rest) in enumerate(wb[WEIGHTS_SHEET].iter_rows(min_row=2, values_only=True), 2):
        if key:
            where = _("{file}, sheet weights, row {row}").format(file=name, row=r)
            number = _number(value, where, 0, 1e6)
            if number is None:
                raise LabkitError(_("{where}: the weight {key} is empty.").format(where=where, key=key))
            items[str(key)] = number
    return Weights.from_items(items)


def _read_group(ws: Any, name: str, keys: set[str], max_adjustment: float) -> tuple[str, str, _Filled]:
    group, project = _text(ws[GROUP_CELL].value), _text(ws[PROJECT_CELL].value)
    filled = _Filled(f"{name}")
    seen: set[str] = set()
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        key = _text(ws.cell(row=r, column=KEY_COLUMN).value)
        where = _("{file}, sheet {sheet}, row {row}").format(file=name, sheet=ws.title, row=r)
        if key in keys:
            seen.add(key)
            for rater, col in RATER_COLUMNS.items():
                score = _number(ws.cell(row=r, column=col).value, where, 0, SCALE)
                if score is not None:
                    filled.ratings[(key, rater)] = score
        elif key == "member":
            sid = _text(ws.cell(row=r, column=1).value)
            if sid:
                adjustment = _number(ws.cell(row=r, column=3).value, where, -max_adjustment, max_adjustment)
                filled.members[sid] = (adjustment, _text(ws.cell(row=r, column=4).value))
        elif key and key != "members":
            raise LabkitError(_("{where}: the key {key!r} is not a criterion of this lab project; export a new form.")
                              .format(where=where, key=key))
    if seen != keys:
        raise LabkitError(_("{file}, sheet {sheet}: criteria are missing; export a new form with labkit assess export.")
                          .format(file=name, sheet=ws.title))
    return group, project, filled


def _agree(values: Sequence[tuple[str, float | None]], what: str) -> float | None:
    distinct = {v for _w, v in values}
    if len(distinct) > 1:
        raise LabkitError(_("{what} differs between {files}; keep one value.").format(
            what=what, files=" and ".join(sorted({w for w, _v in values}))))
    return values[0][1] if values else None


def merge_forms(paths: list[Path], roster: Roster, results: Path) -> pd.DataFrame:
    """Check the filled forms against the roster, score every member, write ``assessment.csv``."""
    from openpyxl import load_workbook

    if not paths:
        raise LabkitError(_("Give at least one filled form."))
    by_group: dict[str, list[_Filled]] = {}
    weights, project_id = None, None
    for path in paths:
        try:
            wb = load_workbook(path, read_only=False, data_only=True)
        except Exception as exc:  # noqa: BLE001 - a broken file is one clear sentence
            raise LabkitError(_("Cannot read {file} as an xlsx workbook ({kind}).").format(
                file=path.name, kind=type(exc).__name__)) from None
        these = _weights(wb, path.name)
        if weights is not None and these != weights:
            raise LabkitError(_("{file} has other weights than {first}; fill in copies of the same form.").format(
                file=path.name, first=paths[0].name))
        weights = these
        for ws in wb.worksheets:
            if ws.title == WEIGHTS_SHEET or ws.cell(row=HEADER_ROW, column=KEY_COLUMN).value != "key":
                continue  # the instructions
            pid = _text(ws[PROJECT_CELL].value)
            if project_id is None:
                project_id = pid
            if pid != project_id:
                raise LabkitError(_("{file} is a form for {other}, not {project}; merge one lab project at a time.")
                                  .format(file=path.name, other=pid, project=project_id))
            project = lab_project(pid)
            group, _pid, filled = _read_group(ws, path.name, {c.key for c in project.criteria}, weights.max_adjustment)
            by_group.setdefault(group, []).append(filled)
    if project_id is None or weights is None:
        raise LabkitError(_("The forms have no group sheets; export the form with labkit assess export."))
    project = lab_project(project_id)
    groups = roster.groups()
    records = []
    for group in by_group:
        if group not in groups:
            raise LabkitError(_("The forms assess group {group}, which is not a 小组 on the roster.").format(group=group))
    for group in groups:
        if group not in by_group:
            raise LabkitError(_("Group {group} is missing from the forms.").format(group=group))
    for group, members in groups.items():
        copies = by_group[group]
        ratings = {}
        for criterion in project.criteria:
            for rater in RATERS:
                given = [(c.where, c.ratings[(criterion.key, rater)]) for c in copies if (criterion.key, rater) in c.ratings]
                if rater == "peer" and given:
                    value: float | None = sum(v for _w, v in given) / len(given)
                else:
                    value = _agree(given, _("The {rater} score of group {group} for {criterion}").format(
                        rater=rater, group=group, criterion=localized(criterion.text)))
                if value is None and weights.raters[rater] > 0:
                    raise LabkitError(_("Group {group}, {criterion}: no {rater} score in any form.").format(
                        group=group, criterion=localized(criterion.text), rater=rater))
                if value is not None:
                    ratings[(criterion.key, rater)] = value
        points = group_score(ratings, {d: [c.key for c in project.criteria_of(d)] for d in DIMENSIONS}, weights)
        total = sum(points.values())
        listed = {sid for c in copies for sid in c.members}
        strangers = sorted(listed - {m.student_id for m in members})
        if strangers:
            raise LabkitError(_("Group {group}: {id} is not a member of this group on the roster.").format(
                group=group, id=strangers[0]))
        for student in members:
            if student.student_id not in listed:
                raise LabkitError(_("Group {group}: {id} {name} is on the roster but missing from the form.").format(
                    group=group, id=student.student_id, name=student.name))
            adjustment = _agree([(c.where, c.members[student.student_id][0]) for c in copies
                                 if c.members.get(student.student_id, (None, ""))[0] is not None],
                                _("The adjustment of {id}").format(id=student.student_id)) or 0.0
            comment = "; ".join(dict.fromkeys(c.members[student.student_id][1] for c in copies
                                              if c.members.get(student.student_id, (None, ""))[1]))
            records.append([project_id, student.student_id, student.name, group,
                            *(round(points[d], 2) for d in DIMENSIONS), round(total, 2), adjustment,
                            round(member_score(total, adjustment), 2), comment])
    frame = pd.DataFrame(records, columns=COLUMNS)
    path = results / ASSESSMENT_CSV
    if path.is_file():
        old = pd.read_csv(path, encoding=EXCEL_CSV_ENCODING, dtype={"学号": str, "小组": str, "comment": str})
        frame = pd.concat([old[old["project"] != project_id], frame], ignore_index=True)
    write_csv_for_excel(frame, path)
    return frame


def assessed_scores(results: Path) -> dict[tuple[str, str], float]:
    """(学号, project) -> the member's 6+6 score (0-100) from ``RESULTS/assessment.csv``, if there is one."""
    path = results / ASSESSMENT_CSV
    if not path.is_file():
        return {}
    frame = pd.read_csv(path, encoding=EXCEL_CSV_ENCODING, dtype={"学号": str})
    return {(str(r["学号"]), str(r["project"])): float(r["score"]) for r in frame.to_dict("records")}
