"""Roster import (花名册) and matching submission folders to students by 学号."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from labkit.errors import LabkitError, UsageError
from labkit.i18n import set_language
from labkit.roster import (
    Roster,
    Student,
    ids_in_name,
    match_folders,
    match_names,
    read_roster,
)


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en_US")
    yield
    set_language(None)


def _roster(*pairs: tuple[str, str]) -> Roster:
    return Roster(tuple(Student(sid, name) for sid, name in pairs))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_roster_with_chinese_header_any_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("学号,姓名,班级,小组\n2024011,张三,会展2401,1\n0024012,李四,会展2401,2\n", encoding=encoding)
    roster = read_roster(path)
    assert roster.students[0] == Student("2024011", "张三", "会展2401", "1")
    assert roster.ids == ["2024011", "0024012"]  # leading zero kept
    assert list(roster.groups()) == ["1", "2"]


def test_csv_roster_english_header_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("Student ID;Full name;Section\n12345;Zhang San;A\n", encoding="utf-8")
    assert read_roster(path).students == (Student("12345", "Zhang San", "A", ""),)


def test_xlsx_roster_numbers_and_title_rows(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["会展客户关系管理 2024 级花名册"])
    ws.append(["序号", "学号", "姓名", "小组"])
    ws.append([1, 2024011, "张三", "A"])
    ws.append([None, None, None, None])
    ws.append([2, "2024012", "李四", "A"])
    wb.save(tmp_path / "r.xlsx")
    roster = read_roster(tmp_path / "r.xlsx")
    assert roster.ids == ["2024011", "2024012"]
    assert [s.name for s in roster.groups()["A"]] == ["张三", "李四"]


@pytest.mark.parametrize("text, message", [
    ("学号,姓名\n1,张三\n1,李四\n", "lists the student id 1 twice"),
    ("name,class\n张三,A\n", "no header row with a 学号"),
    ("学号,姓名\n1,张三\n,李四\n", "Row 3 of roster.csv has no 学号"),
    ("学号,姓名\n", "lists no students"),
    ("学号,姓名\n2024 013,张三\n", "Row 2 of roster.csv: the 学号 '2024 013' may hold only letters, digits"),
    ("学号,姓名\n../x,张三\n", "may hold only letters, digits"),
])
def test_bad_roster_is_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LabkitError, match=message):
        read_roster(path)


def test_roster_wrong_type_and_broken_xlsx(tmp_path: Path) -> None:
    (tmp_path / "r.xls").write_bytes(b"old")
    with pytest.raises(LabkitError, match="must be an .xlsx or .csv"):
        read_roster(tmp_path / "r.xls")
    (tmp_path / "r.xlsx").write_bytes(b"not a zip")
    with pytest.raises(LabkitError, match="Cannot read r.xlsx"):
        read_roster(tmp_path / "r.xlsx")


def test_two_names_one_id_are_reported_never_merged() -> None:
    roster = _roster(("2024011", "张三"), ("2024012", "王五"))
    m = match_names(["张三_2024011", "李四_2024011"], roster)
    assert m.conflicts == {"2024011": ["张三_2024011", "李四_2024011"]}
    assert "2024011" not in m.folders
    assert m.missing == ["2024012"]
    (problem,) = m.problems(roster)
    assert "'张三_2024011'" in problem and "'李四_2024011'" in problem
    assert "only 张三_2024011 carries the roster name 张三" in problem


def test_space_and_underscore_are_different_students() -> None:
    roster = _roster(("2024_013", "赵六"), ("2024013", "钱七"))
    m = match_names(["2024 013", "2024_013"], roster)
    assert m.folders == {"2024_013": "2024_013"}
    assert m.unmatched == ["2024 013"]
    assert m.missing == ["2024013"]
    assert any("'2024 013' matches no student" in p for p in m.problems(roster))


def test_space_and_underscore_without_roster() -> None:
    m = match_names(["2024 013", "2024_013"])
    assert m.folders == {"2024_013": "2024_013"}
    assert m.ambiguous == {"2024 013": ["2024", "013"]}


def test_long_names_are_never_cut() -> None:
    prefix = "会展客户关系管理实训项目十第二次提交最终版本请老师查收谢谢老师辛苦了" * 2
    names = [f"{prefix}_2024011", f"{prefix}_2024012", f"{prefix}甲", f"{prefix}乙"]
    m = match_names(names, _roster(("2024011", "a"), ("2024012", "b")))
    assert m.folders == {"2024011": names[0], "2024012": names[1]}
    assert sorted(m.unmatched) == sorted(names[2:])
    assert all(len(p) > 100 for p in m.problems())


def test_moodle_folder_names() -> None:
    roster = _roster(("12345", "Zhang San"), ("12346", "Li Si"))
    m = match_names(["Zhang San_12345_assignsubmission_file_", "Li Si_12346_assignsubmission_onlinetext_"], roster)
    assert m.folders == {"12345": "Zhang San_12345_assignsubmission_file_",
                         "12346": "Li Si_12346_assignsubmission_onlinetext_"}
    assert match_names(["Zhang San_12345_assignsubmission_file_"]).folders == {
        "12345": "Zhang San_12345_assignsubmission_file_"}


def test_id_is_a_whole_token() -> None:
    roster = _roster(("2024011", "a"), ("2024012", "b"))
    assert ids_in_name("张三2024011", roster.ids) == ["2024011"]
    assert ids_in_name("x20240110", roster.ids) == []
    assert ids_in_name("2024012-2024011", roster.ids) == ["2024012", "2024011"]
    m = match_names(["2024012-2024011"], roster)
    assert m.ambiguous == {"2024012-2024011": ["2024012", "2024011"]}
    assert m.missing == ["2024011", "2024012"]


def test_id_pattern_option() -> None:
    names = ["lab1_2024011_v2", "lab1_2024012_final"]
    m = match_names(names, id_pattern=r"_(\d{7})_")
    assert m.folders == {"2024011": names[0], "2024012": names[1]}
    m = match_names(names, _roster(("2024011", "a")), id_pattern=r"_(?P<id>\d{7})_")
    assert m.folders == {"2024011": names[0]} and m.unmatched == [names[1]]
    with pytest.raises(UsageError, match="not a valid regular expression"):
        match_names(names, id_pattern="(")


def test_match_folders_reads_directories_only(tmp_path: Path) -> None:
    for name in ["张三_2024011", "李四_2024011", ".hidden_2024012"]:
        (tmp_path / name).mkdir()
    (tmp_path / "2024012.ipynb").write_text("{}")
    (tmp_path / "link_2024012").symlink_to(tmp_path / "张三_2024011")
    m = match_folders(tmp_path, _roster(("2024011", "张三"), ("2024012", "李四")))
    assert m.conflicts == {"2024011": ["张三_2024011", "李四_2024011"]}
    assert m.missing == ["2024012"]


def test_roster_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from labkit.cli import main

    (tmp_path / "roster.csv").write_text("学号,姓名\n2024011,张三\n2024012,王五\n", encoding="utf-8-sig")
    for name in ["张三_2024011", "李四_2024011", "2024 013"]:
        (tmp_path / "sub" / name).mkdir(parents=True)
    assert main(["roster", "check", str(tmp_path / "roster.csv"), str(tmp_path / "sub")]) == 1
    out = capsys.readouterr().out
    assert "2024012\t王五\tmissing" in out
    assert "'2024 013' matches no student" in out
    assert "none of them is graded" in out
