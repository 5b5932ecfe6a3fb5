"""The 6+6 assessment form (考核表, xlsx): instructions, weights, one sheet per group.

Layout of a group sheet (what :mod:`~labkit.assessment.merge` reads back): B2 the group, B3 the
project id, row 6 the header, then one row per criterion (dimension, criterion, teacher, peer,
self); below, one row per member (学号, 姓名, adjustment, comment). Column F, hidden, holds the
row's key (``social.2``, ``members``, ``member``), so the visible text may be in any language.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from labkit.assessment.projects import LabProject, lab_project, label, localized
from labkit.assessment.scoring import DIMENSIONS, RATERS, SCALE, Weights
from labkit.errors import LabkitError
from labkit.files import staged_file, text_only
from labkit.i18n import N_, Label, LabelSet, _
from labkit.roster import Roster, Student

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = ["GROUP_CELL", "HEADER_ROW", "KEY_COLUMN", "PROJECT_CELL", "RATER_COLUMNS", "WEIGHTS_SHEET", "export_form"]

WEIGHTS_SHEET = "weights"
GROUP_CELL, PROJECT_CELL = "B2", "B3"
HEADER_ROW = 6
KEY_COLUMN = 6  # F
RATER_COLUMNS = {"teacher": 3, "peer": 4, "self": 5}
RATER_LABELS = LabelSet(teacher=Label("teacher", "教师评价"), peer=Label("peer", "互评"), self=Label("self", "自评"))
WEIGHT_LABELS = {
    "teacher": N_("weight of the teacher's score"), "peer": N_("weight of the peer score (mean of the other groups)"),
    "self": N_("weight of the group's self-assessment"), "max_adjustment": N_("largest individual adjustment (points)"),
}


def _instructions(wb: Workbook, project: LabProject, weights: Weights) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = _("instructions")[:31]
    ws.append([project.heading()])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for key, text in project.elements.items():
        ws.append([localized(label("elements", key)), localized(text)])
    ws.append([])
    for key, text in project.steps.items():
        ws.append([localized(label("steps", key)), localized(text)])
    ws.append([])
    ws.append([_("How to fill in"), _("Score every criterion from 0 to {scale:g} in the teacher, peer and self columns "
                                      "of each group's sheet; several filled copies may be merged (peer scores are "
                                      "averaged). An individual adjustment of at most {adj:g} points either way "
                                      "changes one member's score.").format(scale=SCALE, adj=weights.max_adjustment)])
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    for row in ws.iter_rows(min_row=3):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


def _weights_sheet(wb: Workbook, weights: Weights) -> None:
    ws = wb.create_sheet(WEIGHTS_SHEET)
    ws.append(["key", _("meaning"), _("value (edit here)")])
    for key, value in weights.as_items().items():
        meaning = (_(WEIGHT_LABELS[key]) if key in WEIGHT_LABELS else
                   _("points of {dimension} in the group score").format(dimension=localized(label("dimensions", key))))
        ws.append([key, meaning, value])
    ws.column_dimensions["B"].width = 50


def _group_sheet(wb: Workbook, number: int, group: str, members: list[Student], project: LabProject) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(f"G{number}")
    ws["A1"] = project.heading()
    ws["A1"].font = Font(bold=True)
    ws["A2"], ws[GROUP_CELL] = _("group (小组)"), group
    ws["A3"], ws[PROJECT_CELL] = _("lab project"), project.id
    ws["A4"] = _("Scores from 0 to {scale:g}.").format(scale=SCALE)
    header = [_("dimension"), _("criterion"), *(RATER_LABELS.text(r) for r in RATERS), "key"]
    for col, text in enumerate(header, start=1):
        ws.cell(row=HEADER_ROW, column=col, value=text).font = Font(bold=True)
    row = HEADER_ROW + 1
    for dim in DIMENSIONS:
        for criterion in project.criteria_of(dim):
            ws.cell(row=row, column=1, value=localized(label("dimensions", dim)))
            ws.cell(row=row, column=2, value=localized(criterion.text))
            ws.cell(row=row, column=KEY_COLUMN, value=criterion.key)
            row += 1
    row += 1
    for col, text in enumerate(["学号", "姓名", _("adjustment (个人调整)"), _("comment")], start=1):
        ws.cell(row=row, column=col, value=text).font = Font(bold=True)
    ws.cell(row=row, column=KEY_COLUMN, value="members")
    for student in members:
        row += 1
        ws.cell(row=row, column=1, value=student.student_id).number_format = "@"
        ws.cell(row=row, column=2, value=student.name)
        ws.cell(row=row, column=KEY_COLUMN, value="member")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 36
    for letter in "CDE":
        ws.column_dimensions[letter].width = 14
    ws.column_dimensions["F"].hidden = True


def export_form(roster: Roster, project_id: str, out: str | Path, weights: Weights | None = None) -> Path:
    """Write the assessment form of ``project_id`` for every 小组 of ``roster``; all or nothing."""
    from openpyxl import Workbook as NewWorkbook

    project = lab_project(project_id)
    weights = (weights or Weights()).check()
    groups = roster.groups()
    if not groups:
        raise LabkitError(_("The roster has no 小组 (group) column or no student in a group; add one to assess group work."))
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise LabkitError(_("The form must be written to a .xlsx file, not {path}.").format(path=out.name))
    wb = NewWorkbook()
    _instructions(wb, project, weights)
    _weights_sheet(wb, weights)
    for number, (group, members) in enumerate(groups.items(), start=1):
        _group_sheet(wb, number, group, members, project)
    with staged_file(out) as tmp:
        text_only(wb).save(tmp)
    return out
