"""The course marks in the form the school's systems import (成绩导出): xlsx, a platform template, Moodle, Canvas.

- ``xlsx``: one sheet keyed on 学号 and 姓名, ids stored as text (leading zeros survive).
- a template the instructor downloaded from the school platform (教务系统): its header row is
  found by its 学号 column, the kit fills the columns it is told (``成绩=总评``) and leaves
  everything else as it was.
- ``moodle`` / ``canvas``: the CSV columns their grade import reads, UTF-8 with BOM.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from labkit.errors import LabkitError
from labkit.files import staged_file, text_only, write_csv_for_excel
from labkit.grading.totals import CLASS, ID, NAME, NOTE, STATUS, TOTAL
from labkit.i18n import _

__all__ = ["FORMATS", "fill_template", "item_columns", "parse_mapping", "write_marks"]

FORMATS = ("xlsx", "moodle", "canvas")
HEADER_SEARCH_ROWS = 20


def item_columns(marks: pd.DataFrame) -> list[str]:
    """The item columns (exercises and lab projects) of a course-marks frame."""
    fixed = {ID, NAME, CLASS, "小组", TOTAL, STATUS, NOTE}
    return [c for c in marks.columns if c not in fixed]


def _xlsx(marks: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "成绩"
    ws.append(list(marks.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for values in marks.itertuples(index=False):
        ws.append([None if isinstance(v, float) and pd.isna(v) else v for v in values])
    for cell in ws["A"][1:]:
        cell.number_format = "@"
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions[ws.cell(row=1, column=len(marks.columns)).column_letter].width = 60
    with staged_file(path) as tmp:
        text_only(wb).save(tmp)


def _moodle(marks: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({"ID number": marks[ID], "Full name": marks[NAME]})
    for item in item_columns(marks):
        frame[item] = marks[item]
    frame["Total"] = marks[TOTAL]
    frame["Feedback"] = marks[NOTE]
    return frame


def _canvas(marks: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    items = item_columns(marks)
    frame = pd.DataFrame({"Student": marks[NAME], "ID": "", "SIS User ID": marks[ID], "SIS Login ID": marks[ID],
                          "Section": marks[CLASS]})
    for item in items:
        frame[item] = marks[item]
    possible = {"Student": "Points Possible", **{item: weights.get(item, "") for item in items}}
    return pd.concat([pd.DataFrame([possible], columns=frame.columns), frame], ignore_index=True)


def write_marks(marks: pd.DataFrame, path: str | Path, kind: str = "xlsx", weights: dict[str, float] | None = None) -> Path:
    """Write ``marks`` (from :func:`~labkit.grading.totals.course_marks`) as ``kind``; all or nothing."""
    path = Path(path)
    if kind == "xlsx":
        if path.suffix.lower() != ".xlsx":
            raise LabkitError(_("The xlsx export must be written to a .xlsx file, not {path}.").format(path=path.name))
        _xlsx(marks, path)
    elif kind == "moodle":
        write_csv_for_excel(_moodle(marks), path)
    elif kind == "canvas":
        write_csv_for_excel(_canvas(marks, weights or {}), path)
    else:
        raise LabkitError(_("The export format must be one of {formats}, not {kind!r}.").format(
            formats=", ".join(FORMATS), kind=kind))
    return path


def parse_mapping(pairs: list[str], fields: list[str]) -> dict[str, str]:
    """``["成绩=总评", "平时成绩=lab1"]`` -> {template header: marks column}, every field checked."""
    mapping = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        if not sep or not header.strip() or not field.strip():
            raise LabkitError(_("--column {pair!r} must look like TEMPLATE_HEADER=FIELD, e.g. 成绩=总评.").format(pair=pair))
        if field.strip() not in fields:
            raise LabkitError(_("--column {pair!r}: {field!r} is not one of {fields}.").format(
                pair=pair, field=field.strip(), fields=", ".join(fields)))
        mapping[header.strip()] = field.strip()
    return mapping


def _cell_id(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def fill_template(marks: pd.DataFrame, template: str | Path, path: str | Path, mapping: dict[str, str],
                  id_header: str = ID) -> list[str]:
    """Fill the platform's template: for each row with a 学号, the mapped columns. Returns warnings.

    The template's own rows decide who is in the file: a roster student the template lacks, or
    a template row that is on no roster, is a warning, never a silently added or dropped row.
    A template without student rows gets one row per student.
    """
    from openpyxl import load_workbook

    template, path = Path(template), Path(path)
    if template.resolve() == path.resolve():
        raise LabkitError(_("Write the filled template to a new file, not over {path}.").format(path=template.name))
    try:
        wb = load_workbook(template)
    except Exception as exc:  # noqa: BLE001 - a broken file is one clear sentence
        raise LabkitError(_("Cannot read the template {path} as an xlsx workbook ({kind}).").format(
            path=template.name, kind=type(exc).__name__)) from None
    ws = wb.worksheets[0]
    header_row, columns = None, {}
    for row in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        names = {str(c.value).strip(): c.column for c in row if c.value is not None}
        if id_header in names:
            header_row, columns = row[0].row, names
            break
    if header_row is None:
        raise LabkitError(_("The template {path} has no {header} column in its first {n} rows.").format(
            path=template.name, header=id_header, n=HEADER_SEARCH_ROWS))
    missing = [h for h in mapping if h not in columns]
    if missing:
        raise LabkitError(_("The template {path} has no column {header!r}; its columns are {columns}.").format(
            path=template.name, header=missing[0], columns=", ".join(columns)))
    by_id = {str(r[ID]): r for r in marks.to_dict("records")}
    warnings, seen = [], set()
    id_col = columns[id_header]
    last = header_row
    for r in range(header_row + 1, ws.max_row + 1):
        sid = _cell_id(ws.cell(row=r, column=id_col).value)
        if not sid:
            continue
        last = r
        if sid not in by_id:
            warnings.append(_("Template row {row}: {id} is on no roster; left blank.").format(row=r, id=sid))
            continue
        seen.add(sid)
        for header, field in mapping.items():
            ws.cell(row=r, column=columns[header], value=by_id[sid][field])
    unseen = [sid for sid in by_id if sid not in seen]
    if last == header_row:
        name_col = columns.get(NAME)
        for offset, sid in enumerate(unseen, start=1):
            ws.cell(row=header_row + offset, column=id_col, value=sid).number_format = "@"
            if name_col:
                ws.cell(row=header_row + offset, column=name_col, value=by_id[sid][NAME])
            for header, field in mapping.items():
                ws.cell(row=header_row + offset, column=columns[header], value=by_id[sid][field])
    else:
        warnings += [_("{id} {name} is on the roster but not in the template; add the row on the platform.").format(
            id=sid, name=by_id[sid][NAME]) for sid in unseen]
    with staged_file(path) as tmp:
        text_only(wb).save(tmp)
    return warnings
