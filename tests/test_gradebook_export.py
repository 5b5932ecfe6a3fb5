"""labkit gradebook export: weighted per-student totals, late policy, xlsx / template / Moodle / Canvas."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from labkit.errors import LabkitError
from labkit.grading.gradebook import Row, connect, record
from labkit.grading.gradebook_export import export_marks
from labkit.grading.policy import load_policy
from labkit.grading.timestamps import submission_time, time_in_name
from labkit.i18n import set_language

ROSTER = "学号,姓名,班级,小组\n2024011,张三,会展2401,1\n0024012,李四,会展2401,1\n2024013,王五,会展2402,2\n"


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en_US")
    yield
    set_language(None)


def _gradebook(results: Path) -> None:
    db = connect(results)
    record(db, "2024011", "lab1", [Row("2024011", "lab1", "q1", 2, 2, "correct", "correct"),
                                   Row("2024011", "lab1", "q2", 2, 2, "correct", "correct")])
    record(db, "2024011", "lab2", [Row("2024011", "lab2", "q1", 1, 2, "incorrect", "x"),
                                   Row("2024011", "lab2", "q2", 2, 2, "correct", "correct"),
                                   Row("2024011", "lab2", "(notebook)", 0, 0, "warning", "cell 3")])
    record(db, "0024012", "lab1", [Row("0024012", "lab1", "q1", 2, 2, "correct", "correct"),
                                   Row("0024012", "lab1", "q2", 0, 2, "pending_review", "open")])
    db.close()


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8-sig")
    _gradebook(tmp_path / "results")
    return tmp_path


def _policy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _submit(root: Path, folder: str, exercise: str, when: datetime) -> None:
    path = root / folder / f"{exercise}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", encoding="utf-8")
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_weighted_totals_every_roster_student_a_row(course: Path) -> None:
    policy = _policy(course, "[weights]\nlab1 = 40\nlab2 = 60\n")
    out, warnings = export_marks(course / "results", course / "roster.csv", course / "marks.xlsx", policy=policy)
    assert warnings == []
    ws = load_workbook(out).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in ws[1]]
    assert header == ["学号", "姓名", "班级", "小组", "lab1", "lab2", "总评", "状态", "备注"]
    assert rows["2024011"][4:8] == (40, 45, 85, "graded")  # 4/4 x 40 + 3/4 x 60
    assert rows["0024012"][4:8] == (20, 0, 20, "pending")  # leading zero kept as text
    assert "lab1: 1 answer(s) waiting for review" in rows["0024012"][8]
    assert "lab2: missing" in rows["0024012"][8]
    assert rows["2024013"][4:8] == (0, 0, 0, "missing")


def test_equal_weights_without_policy(course: Path) -> None:
    out, _w = export_marks(course / "results", course / "roster.csv", course / "m.xlsx")
    first = next(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert first[4:7] == (50, 37.5, 87.5)


def test_unweighted_exercise_is_refused_and_nothing_written(course: Path) -> None:
    policy = _policy(course, "[weights]\nlab1 = 100\n")
    with pytest.raises(LabkitError, match="The gradebook has lab2, which the policy gives no weight"):
        export_marks(course / "results", course / "roster.csv", course / "m.xlsx", policy=policy)
    assert sorted(p.name for p in course.iterdir()) == ["course.toml", "results", "roster.csv"]


def test_late_penalty_extension_and_cutoff(course: Path) -> None:
    policy = _policy(course, """
[weights]
lab1 = 50
lab2 = 50
[deadlines]
lab1 = "2026-11-20 23:59"
lab2 = 2026-11-20
[late]
penalty_per_day = 10
zero_after_days = 3
[extensions.0024012]
lab1 = "2026-11-25 12:00"
""")
    subs = course / "subs"
    _submit(subs, "张三_2024011", "lab1", datetime(2026, 11, 22, 10, 0))   # 2 started days late
    _submit(subs, "张三_2024011", "lab2", datetime(2026, 11, 28, 10, 0))   # 8 days: 0
    _submit(subs, "李四 0024012", "lab1", datetime(2026, 11, 24, 10, 0))   # inside the extension
    out, _warnings = export_marks(course / "results", course / "roster.csv", course / "m.xlsx", policy=policy,
                                 submissions=subs)
    rows = {r[0]: r for r in load_workbook(out).active.iter_rows(min_row=2, values_only=True)}
    assert rows["2024011"][4:7] == (40, 0, 40)
    assert "lab1: 2 day(s) late, 80% of the score kept" in rows["2024011"][8]
    assert rows["0024012"][4] == 25
    with pytest.raises(LabkitError, match="give --submissions"):
        export_marks(course / "results", course / "roster.csv", course / "n.xlsx", policy=policy)


def test_lms_timestamp_in_name_beats_mtime(tmp_path: Path) -> None:
    assert time_in_name("lab1_attempt_2026-11-20-23-59-00") == datetime(2026, 11, 20, 23, 59)
    assert time_in_name("lab1_20261121_0830") == datetime(2026, 11, 21, 8, 30)
    assert time_in_name("2024011") is None
    path = tmp_path / "x_attempt_2026-11-20-10-00-00.ipynb"
    path.write_text("{}")
    assert submission_time(path) == datetime(2026, 11, 20, 10, 0)


def test_conflicting_folders_show_in_the_marks(course: Path) -> None:
    subs = course / "subs"
    _submit(subs, "张三_2024011", "lab1", datetime(2026, 11, 1))
    _submit(subs, "李四_2024011", "lab1", datetime(2026, 11, 1))
    out, warnings = export_marks(course / "results", course / "roster.csv", course / "m.xlsx", submissions=subs)
    rows = {r[0]: r for r in load_workbook(out).active.iter_rows(min_row=2, values_only=True)}
    assert rows["2024011"][7] == "conflict"
    assert "张三_2024011, 李四_2024011" in rows["2024011"][8]
    assert any("all claim student 2024011" in w for w in warnings)


def test_moodle_and_canvas_csv_with_bom(course: Path) -> None:
    policy = _policy(course, "[weights]\nlab1 = 40\nlab2 = 60\n")
    moodle, _w = export_marks(course / "results", course / "roster.csv", course / "moodle.csv", "moodle", policy)
    assert moodle.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(moodle, encoding="utf-8-sig", dtype=str)
    assert list(frame.columns) == ["ID number", "Full name", "lab1", "lab2", "Total", "Feedback"]
    assert frame["ID number"].tolist() == ["2024011", "0024012", "2024013"]
    canvas, _w = export_marks(course / "results", course / "roster.csv", course / "canvas.csv", "canvas", policy)
    frame = pd.read_csv(canvas, encoding="utf-8-sig", dtype=str)
    assert list(frame.columns)[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert frame.iloc[0]["Student"] == "Points Possible" and frame.iloc[0]["lab2"] == "60.0"
    assert frame.iloc[1][["Student", "SIS User ID", "lab1"]].tolist() == ["张三", "2024011", "40.0"]


def test_platform_template_is_filled_in_place(course: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["2026 秋 会展客户关系管理 成绩录入"])
    ws.append(["序号", "学号", "姓名", "总评成绩", "备注"])
    ws.append([1, "2024011", "张三", None, "keep me"])
    ws.append([2, "2024099", "旁听生", None, None])
    ws.append([3, "2024013", "王五", None, None])
    wb.save(course / "template.xlsx")
    out, warnings = export_marks(course / "results", course / "roster.csv", course / "filled.xlsx",
                                 template=course / "template.xlsx", columns=["总评成绩=总评"])
    values = list(load_workbook(out).active.iter_rows(values_only=True))
    assert values[2] == (1, "2024011", "张三", 87.5, "keep me")
    assert values[3] == (2, "2024099", "旁听生", None, None)
    assert values[4][3] == 0
    assert warnings == ["Template row 4: 2024099 is on no roster; left blank.",
                        "0024012 李四 is on the roster but not in the template; add the row on the platform."]
    with pytest.raises(LabkitError, match="has no column '成绩'"):
        export_marks(course / "results", course / "roster.csv", course / "f2.xlsx",
                     template=course / "template.xlsx", columns=["成绩=总评"])
    with pytest.raises(LabkitError, match="'grade' is not one of"):
        export_marks(course / "results", course / "roster.csv", course / "f2.xlsx",
                     template=course / "template.xlsx", columns=["总评成绩=grade"])
    assert not (course / "f2.xlsx").exists()


def test_formula_like_names_stay_text(tmp_path: Path) -> None:
    (tmp_path / "roster.csv").write_text("学号,姓名\n1,=HYPERLINK(\"x\")\n", encoding="utf-8")
    _gradebook(tmp_path / "results")
    out, _w = export_marks(tmp_path / "results", tmp_path / "roster.csv", tmp_path / "m.xlsx")
    cell = load_workbook(out).active["B2"]
    assert cell.data_type == "s"


@pytest.mark.parametrize("text, message", [
    ("[weights]\nlab1 = -1\n", r"\[weights\] lab1 must be a number of at least 0"),
    ("[deadlines]\nlab1 = \"next friday\"\n", "is not a date and time"),
    ("[late]\npenalty_per_day = 150\n", "from 0 to 100"),
    ("[weight]\nlab1 = 1\n", r"unknown section \[weight\]"),
    ("[weights\n", "is not a valid TOML file"),
])
def test_bad_policy_is_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LabkitError, match=message):
        load_policy(_policy(tmp_path, text))


def test_cli_gradebook_export(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from labkit.cli import main

    code = main(["gradebook", "export", str(course / "results"), "--roster", str(course / "roster.csv"),
                 "--out", str(course / "m.csv"), "--format", "moodle"])
    assert code == 0 and (course / "m.csv").is_file()
    assert main(["gradebook", "export", str(course / "nothing"), "--roster", str(course / "roster.csv"),
                 "--out", str(course / "x.csv")]) == 2
    assert "has no gradebook.sqlite; run labkit grade first" in capsys.readouterr().err
