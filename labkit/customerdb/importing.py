"""Importing a sheet of collected contacts (批量导入): CSV or Excel, with a per-row report.

Valid rows are stored in one transaction; refused rows go to a file with the same columns
plus a ``reason`` column, which the student corrects and imports again (the ``reason``
column is ignored on import). Row numbers are the sheet's own: the header is row 1.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from labkit.customerdb.database import CustomerDB
from labkit.customerdb.record import FIELDS
from labkit.errors import UsageError
from labkit.files import staged_file, text_only, write_csv_for_excel
from labkit.i18n import _

REASON = "reason"
_EXCEL = (".xlsx", ".xlsm")
_HEADERS: dict[str, str] = {}
for _f in FIELDS:
    _HEADERS |= {_f.key: _f.key, _f.label_zh: _f.key, f"{_f.key} {_f.label_zh}": _f.key}


@dataclass
class ImportReport:
    """What an import did (导入报告): ids stored, and one line per problem of each refused row."""

    source: Path
    imported: dict[int, int] = field(default_factory=dict)  # sheet row -> customer id
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "field", "reason"]))
    refused_file: Path | None = None

    @property
    def refused_rows(self) -> list[int]:
        return sorted(set(self.problems["row"]))

    def __str__(self) -> str:
        text = _("{name}: {imported} rows imported, {refused} refused").format(
            name=self.source.name, imported=len(self.imported), refused=len(self.refused_rows))
        if self.refused_file is not None:
            text = _("{report}; correct them in {file} and import that file again").format(report=text, file=self.refused_file)
        return text

    def _repr_html_(self) -> str:
        return f"<p>{str(self)}</p>" + self.problems.to_html(index=False)


def read_sheet(path: str | Path) -> pd.DataFrame:
    """Read a CSV (UTF-8, with or without BOM) or Excel sheet as text, blanks as ''."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(_("no such file: {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix not in (*_EXCEL, ".csv"):
        raise UsageError(_("{name}: import reads .csv or .xlsx files").format(name=path.name))
    try:
        if suffix in _EXCEL:
            return pd.read_excel(path, dtype=str, keep_default_na=False)
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(_("{name} is not UTF-8 text; in Excel use 'Save as: CSV UTF-8'").format(name=path.name)) from None
    except (ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        if suffix in _EXCEL:
            raise UsageError(_("{name} is not an Excel workbook, or it is damaged: open it in Excel and save it "
                               "again as .xlsx").format(name=path.name)) from None
        raise UsageError(_("{name} cannot be read as a CSV table ({problem}); check its quotes and separators")
                         .format(name=path.name, problem=str(exc).strip().splitlines()[0])) from None


def _columns(sheet: pd.DataFrame, path: Path) -> dict[str, str]:
    """Sheet column -> record key; an unknown column stops the import before anything is written."""
    mapping, unknown = {}, []
    for col in sheet.columns:
        name = str(col).strip()
        if name.lower() == REASON:
            continue
        key = _HEADERS.get(name) or _HEADERS.get(name.lower())
        if key is None:
            unknown.append(name)
        else:
            mapping[col] = key
    if unknown:
        raise UsageError(_("{name}: unknown column(s) {unknown}; columns may be: {keys} (or their Chinese labels)").format(
            name=path.name, unknown=", ".join(map(str, unknown)), keys=", ".join(f.key for f in FIELDS)))
    return mapping


def _write_like(frame: pd.DataFrame, path: Path) -> None:
    """The refused rows in the sheet's own format, all or nothing; Excel-safe (BOM, no live formula)."""
    if path.suffix.lower() not in _EXCEL:
        write_csv_for_excel(frame, path)
        return
    with staged_file(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False)
            text_only(writer.book)


def import_contacts(db: CustomerDB, path: str | Path, refused_file: str | Path | None = None) -> ImportReport:
    """Import a sheet into ``db``; refused rows go to ``refused_file`` (default: ``NAME.refused.EXT``)."""
    path = Path(path)
    sheet = read_sheet(path)
    mapping = _columns(sheet, path)
    records = [{mapping[c]: row[c] for c in mapping} for _, row in sheet.iterrows()]
    ids, problems = db.add_valid(records)
    report = ImportReport(path, {i + 2: cid for i, cid in ids.items()})
    lines = [(i + 2, p.field, p.message) for i in sorted(problems) for p in problems[i]]
    report.problems = pd.DataFrame(lines, columns=["row", "field", "reason"])
    out = Path(refused_file) if refused_file else path.with_name(f"{path.stem}.refused{path.suffix}")
    if problems:
        refused = sheet.drop(columns=[c for c in sheet.columns if str(c).strip().lower() == REASON])
        refused = refused.iloc[sorted(problems)].copy()
        refused[REASON] = ["; ".join(str(p) for p in problems[i]) for i in sorted(problems)]
        _write_like(refused, out)
        report.refused_file = out
    else:
        out.unlink(missing_ok=True)
    return report
