"""Reading a roster (花名册): 学号, 姓名, 班级, 小组 from xlsx or csv, header in Chinese or English."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from labkit.errors import LabkitError
from labkit.i18n import _

__all__ = ["HEADER_ALIASES", "VALID_ID", "Roster", "Student", "read_roster"]

# Accepted header names per field (compared without case, spaces, '_' or '-').
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "student_id": ("学号", "学生学号", "学籍号", "studentid", "studentnumber", "id", "idnumber", "sisuserid"),
    "name": ("姓名", "学生姓名", "name", "fullname", "studentname", "student"),
    "class_name": ("班级", "行政班", "教学班", "class", "classname", "section"),
    "group": ("小组", "组别", "组号", "分组", "group", "team"),
    # the student's login on the class server (JupyterHub), when it is not the 学号
    "hub_user": ("账号", "用户名", "登录名", "hubuser", "jupyterhubuser", "username", "login"),
}
ENCODINGS = ("utf-8-sig", "gb18030")  # Excel on Chinese Windows saves "CSV" as GB18030 (GBK)
# A 学号 names the student's results and feedback files and is the student's own world's seed:
# letters, digits, - and _, at most 40 (the rule of labkit.checks.student_id).
VALID_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Student:
    """One student on the roster (学生): 学号, 姓名, 班级, 小组, hub login 账号 (empty when the roster has none)."""

    student_id: str
    name: str
    class_name: str = ""
    group: str = ""
    hub_user: str = ""


@dataclass(frozen=True)
class Roster:
    """The class list (花名册) in the roster's own order; ids are unique."""

    students: tuple[Student, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for student in self.students:
            if student.student_id in seen:
                raise LabkitError(_("The roster lists the student id {id} twice; each 学号 must appear once.").format(
                    id=student.student_id))
            seen.add(student.student_id)

    @property
    def ids(self) -> list[str]:
        return [s.student_id for s in self.students]

    def get(self, student_id: str) -> Student | None:
        return next((s for s in self.students if s.student_id == student_id), None)

    def by_hub_user(self, user: str) -> Student | None:
        """The student who logs in to the class server as ``user``: the 账号 column, else the 学号 itself."""
        return (next((s for s in self.students if s.hub_user and s.hub_user == user), None)
                or next((s for s in self.students if not s.hub_user and s.student_id == user), None))

    def groups(self) -> dict[str, list[Student]]:
        """Members per 小组, groups in order of first appearance; students without a group left out."""
        found: dict[str, list[Student]] = {}
        for student in self.students:
            if student.group:
                found.setdefault(student.group, []).append(student)
        return found


def _key(header: object) -> str:
    return "".join(ch for ch in str(header or "").strip().lower() if ch not in " _-\u3000")


def _cell_text(value: object) -> str:
    """A cell as text: Excel's 2024011.0 for a number typed into a cell is the id 2024011."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LabkitError(_("{path} is not a text CSV file (save it from Excel as CSV UTF-8).").format(path=path.name))
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _rows_from_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a broken file is one clear sentence
        raise LabkitError(_("Cannot read {path} as an xlsx workbook ({kind}).").format(
            path=path.name, kind=type(exc).__name__)) from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _columns(header: list[str]) -> dict[str, int]:
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for field, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            if _key(alias) in keys:
                found[field] = keys.index(_key(alias))
                break
    return found


def read_roster(path: str | Path) -> Roster:
    """Read a roster from ``.xlsx`` or ``.csv`` (with or without BOM, UTF-8 or GBK).

    The header row is the first row naming a 学号 column (学号 / student id / ID number) and a
    姓名 column (姓名 / name); 班级 and 小组 are optional. Rows without a 学号 are skipped
    only when they are entirely empty.
    """
    path = Path(path)
    if not path.is_file():
        raise LabkitError(_("The roster file {path} does not exist.").format(path=path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _rows_from_xlsx(path)
    elif suffix in (".csv", ".txt"):
        rows = _rows_from_csv(path)
    else:
        raise LabkitError(_("A roster must be an .xlsx or .csv file, not {path}.").format(path=path.name))
    for index, header in enumerate(rows):  # noqa: B007 (index is the header row's, used below)
        columns = _columns([_cell_text(h) for h in header])
        if "student_id" in columns and "name" in columns:
            break
    else:
        raise LabkitError(_("{path} has no header row with a 学号 (student id) and a 姓名 (name) column.").format(
            path=path.name))
    students = []
    for number, row in enumerate(rows[index + 1:], start=index + 2):
        cells = [_cell_text(v) for v in row]
        if not any(cells):
            continue
        values = {f: cells[i] if i < len(cells) else "" for f, i in columns.items()}
        if not values["student_id"]:
            raise LabkitError(_("Row {row} of {path} has no 学号 (student id).").format(row=number, path=path.name))
        if not VALID_ID.match(values["student_id"]):
            raise LabkitError(_("Row {row} of {path}: the 学号 {id!r} may hold only letters, digits, - and _.").format(
                row=number, path=path.name, id=values["student_id"]))
        students.append(Student(values["student_id"], values["name"], values.get("class_name", ""),
                                values.get("group", ""), values.get("hub_user", "")))
    if not students:
        raise LabkitError(_("The roster {path} lists no students.").format(path=path.name))
    return Roster(tuple(students))
