"""The 6+6 group assessment: the textbook's criteria, the form out, filled copies merged back with checks."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from labkit.assessment import (
    ASSESSMENT_CSV,
    DIMENSIONS,
    Weights,
    assessed_scores,
    export_form,
    group_score,
    lab_project,
    lab_projects,
    merge_forms,
    parse_weights,
)
from labkit.assessment.form import HEADER_ROW, KEY_COLUMN
from labkit.errors import LabkitError
from labkit.i18n import LANGUAGES, set_language
from labkit.roster import Roster, Student


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en_US")
    yield
    set_language(None)


ROSTER = Roster((Student("2024011", "张三", "会展2401", "1"), Student("2024012", "李四", "会展2401", "1"),
                 Student("2024013", "王五", "会展2401", "2"), Student("2024014", "赵六", "会展2401", "")))


def test_textbook_criteria_per_dimension() -> None:
    p10 = lab_project("project10")
    assert [c.text["zh_CN"] for c in p10.criteria_of("social")] == ["团队合作能力", "信息查询与辨别能力", "策划能力", "沟通交流能力"]
    assert p10.criteria_of("professional")[0].text["zh_CN"] == "会展客户信息收集与整理能力"
    assert len(lab_project("project9").criteria_of("professional")) == 6
    for project in lab_projects().values():
        assert set(project.steps) == {"information", "decision", "plan", "implementation", "check", "evaluation"}
        assert {c.dimension for c in project.criteria} == set(DIMENSIONS)
        texts = [project.title, project.tip, *project.elements.values(), *project.steps.values(),
                 *(c.text for c in project.criteria), *project.advice]
        assert all(set(t) == set(LANGUAGES) and all(t.values()) for t in texts)
    with pytest.raises(LabkitError, match="There is no lab project 'project3'"):
        lab_project("project3")


def test_group_score_arithmetic() -> None:
    w = Weights()
    dims = {"professional": ["p.1", "p.2"], "method": ["m.1"], "social": ["s.1"]}
    ratings = {(k, r): 10.0 for k in ("p.1", "p.2", "m.1", "s.1") for r in ("teacher", "peer", "self")}
    ratings[("p.2", "teacher")] = 0.0  # p.2: 0.5*0 + 0.3*10 + 0.2*10 = 5
    points = group_score(ratings, dims, w)
    assert points == pytest.approx({"professional": 40 * 7.5 / 10, "method": 30.0, "social": 30.0})


@pytest.mark.parametrize("pairs, message", [
    (["teacher=0.6"], "must add up to 1, not 1.1"),
    (["social=50"], "must add up to 100 points"),
    (["boss=1"], "must be NAME=NUMBER"),
    (["peer=x"], "is not a number"),
])
def test_bad_weights(pairs: list[str], message: str) -> None:
    with pytest.raises(LabkitError, match=message):
        parse_weights(pairs)


def _fill(path: Path, group_scores: dict[str, dict[str, float | None]], adjustments: dict[str, object] | None = None,
          members_drop: str | None = None, extra_member: str | None = None) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.cell(row=HEADER_ROW, column=KEY_COLUMN).value != "key":
            continue
        scores = group_scores.get(str(ws["B2"].value), {})
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            key = ws.cell(row=r, column=KEY_COLUMN).value
            if key and "." in key:
                for col, rater in ((3, "teacher"), (4, "peer"), (5, "self")):
                    if rater in scores:
                        ws.cell(row=r, column=col, value=scores[rater])
            elif key == "member":
                sid = ws.cell(row=r, column=1).value
                if sid == members_drop:
                    ws.cell(row=r, column=1).value = None
                elif adjustments and sid in adjustments:
                    ws.cell(row=r, column=3, value=adjustments[sid])
        if extra_member and str(ws["B2"].value) == "1":
            row = ws.max_row + 1
            ws.cell(row=row, column=1, value=extra_member)
            ws.cell(row=row, column=KEY_COLUMN, value="member")
    wb.save(path)


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return export_form(ROSTER, "project10", tmp_path / "form.xlsx")


def test_form_has_one_sheet_per_group_with_every_member(form: Path) -> None:
    wb = load_workbook(form)
    assert wb.sheetnames[1:] == ["weights", "G1", "G2"]  # 赵六 has no 小组
    g1 = wb["G1"]
    assert g1["B2"].value == "1" and g1["B3"].value == "project10"
    assert g1.cell(row=HEADER_ROW + 1, column=2).value == "collecting and organising exhibition customer information"
    members = [g1.cell(row=r, column=1).value for r in range(1, g1.max_row + 1)
               if g1.cell(row=r, column=KEY_COLUMN).value == "member"]
    assert members == ["2024011", "2024012"]
    assert g1.column_dimensions["F"].hidden
    set_language("zh_CN")
    export_form(ROSTER, "project10", form.parent / "zh.xlsx")
    assert load_workbook(form.parent / "zh.xlsx")["G1"].cell(row=HEADER_ROW + 1, column=2).value == "会展客户信息收集与整理能力"


def test_merge_teacher_self_and_averaged_peers(form: Path, tmp_path: Path) -> None:
    teacher, peers_a, peers_b = (tmp_path / n for n in ("teacher.xlsx", "peer_a.xlsx", "peer_b.xlsx"))
    for copy in (teacher, peers_a, peers_b):
        shutil.copy(form, copy)
    _fill(teacher, {"1": {"teacher": 8, "self": 9}, "2": {"teacher": 6, "self": 6}}, {"2024011": 5, "2024012": -3})
    _fill(peers_a, {"1": {"peer": 6}, "2": {"peer": 5}})
    _fill(peers_b, {"1": {"peer": 8}, "2": {"peer": 7}})
    results = tmp_path / "results"
    frame = merge_forms([teacher, peers_a, peers_b], ROSTER, results)
    g1 = 0.5 * 8 + 0.3 * 7 + 0.2 * 9  # 7.9 on every criterion -> 79 points
    g2 = 0.5 * 6 + 0.3 * 6 + 0.2 * 6
    assert frame.set_index("学号")["score"].to_dict() == pytest.approx(
        {"2024011": g1 * 10 + 5, "2024012": g1 * 10 - 3, "2024013": g2 * 10})
    assert assessed_scores(results)[("2024011", "project10")] == pytest.approx(84)
    assert (results / ASSESSMENT_CSV).read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("fill, message", [
    ({"group_scores": {"1": {"teacher": 11, "peer": 5, "self": 5}, "2": {"teacher": 5, "peer": 5, "self": 5}}},
     r"row 7: 11 is outside 0 to 10"),
    ({"group_scores": {"1": {"teacher": "good", "peer": 5, "self": 5}}}, r"'good' is not a number"),
    ({"group_scores": {"1": {"teacher": 5, "peer": 5}, "2": {"teacher": 5, "peer": 5, "self": 5}}},
     r"Group 1, collecting and organising exhibition customer information: no self score in any form"),
    ({"group_scores": {"1": {"teacher": 5, "peer": 5, "self": 5}, "2": {"teacher": 5, "peer": 5, "self": 5}},
          "members_drop": "2024012"}, r"Group 1: 2024012 李四 is on the roster but missing from the form"),
    ({"group_scores": {"1": {"teacher": 5, "peer": 5, "self": 5}, "2": {"teacher": 5, "peer": 5, "self": 5}},
          "extra_member": "2024099"}, r"Group 1: 2024099 is not a member of this group"),
    ({"group_scores": {"1": {"teacher": 5, "peer": 5, "self": 5}, "2": {"teacher": 5, "peer": 5, "self": 5}},
          "adjustments": {"2024011": 15}}, r"15 is outside -10 to 10"),
])
def test_bad_form_is_one_sentence_and_nothing_written(form: Path, tmp_path: Path, fill: dict, message: str) -> None:
    _fill(form, **fill)
    results = tmp_path / "results"
    with pytest.raises(LabkitError, match=message):
        merge_forms([form], ROSTER, results)
    assert not results.exists()


def test_copies_that_disagree_or_miss_a_group(form: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    shutil.copy(form, other)
    full = {"1": {"teacher": 5, "peer": 5, "self": 5}, "2": {"teacher": 5, "peer": 5, "self": 5}}
    _fill(form, full)
    _fill(other, {"1": {"teacher": 6}})
    with pytest.raises(LabkitError, match="The teacher score of group 1 for .* differs between form.xlsx and other.xlsx"):
        merge_forms([form, other], ROSTER, tmp_path / "r")
    wb = load_workbook(other)
    del wb["G2"]
    wb.save(other)
    with pytest.raises(LabkitError, match="Group 2 is missing from the forms"):
        merge_forms([other], ROSTER, tmp_path / "r")
    wb = load_workbook(form)
    wb["weights"]["C2"] = 0.9
    wb.save(other)
    with pytest.raises(LabkitError, match="must add up to 1, not 1.4"):
        merge_forms([other], ROSTER, tmp_path / "r")


def test_edited_weights_are_used(form: Path, tmp_path: Path) -> None:
    wb = load_workbook(form)
    ws = wb["weights"]
    for row in ws.iter_rows(min_row=2):
        row[2].value = {"teacher": 1, "peer": 0, "self": 0}.get(row[0].value, row[2].value)
    wb.save(form)
    _fill(form, {"1": {"teacher": 10}, "2": {"teacher": 5}})  # no peer or self: their weight is 0
    frame = merge_forms([form], ROSTER, tmp_path / "r")
    assert frame.set_index("学号")["score"].to_dict() == {"2024011": 100, "2024012": 100, "2024013": 50}


def test_assessment_in_the_gradebook_export(form: Path, tmp_path: Path) -> None:
    from labkit.grading.gradebook import Row, connect, record
    from labkit.grading.gradebook_export import export_marks

    results = tmp_path / "results"
    db = connect(results)
    record(db, "2024011", "lab1", [Row("2024011", "lab1", "q1", 1, 1, "correct", "ok")])
    db.close()
    _fill(form, {"1": {"teacher": 8, "peer": 8, "self": 8}, "2": {"teacher": 6, "peer": 6, "self": 6}})
    merge_forms([form], ROSTER, results)
    (tmp_path / "roster.csv").write_text("学号,姓名,小组\n2024011,张三,1\n2024012,李四,1\n2024013,王五,2\n", encoding="utf-8")
    (tmp_path / "course.toml").write_text("[weights]\nlab1 = 40\nproject10 = 60\n", encoding="utf-8")
    out, _w = export_marks(results, tmp_path / "roster.csv", tmp_path / "m.xlsx", policy=tmp_path / "course.toml")
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][4:7] == ["lab1", "project10", "总评"]
    rows = {r[0]: r[4:8] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["2024011"] == (40, 48, 88, "graded")
    assert rows["2024013"] == (0, 36, 36, "graded")


def test_cli_assess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from labkit.cli import main

    (tmp_path / "roster.csv").write_text("学号,姓名,小组\n2024011,张三,1\n", encoding="utf-8")
    form = tmp_path / "f.xlsx"
    assert main(["assess", "export", "--roster", str(tmp_path / "roster.csv"), "--project", "project9",
                 "--out", str(form), "--weight", "teacher=0.6", "--weight", "peer=0.2"]) == 0
    assert main(["assess", "merge", str(form), "--roster", str(tmp_path / "roster.csv"),
                 "--results", str(tmp_path / "r")]) == 2
    assert "no teacher score in any form" in capsys.readouterr().err
    _fill(form, {"1": {"teacher": 10, "peer": 10, "self": 10}})
    assert main(["assess", "merge", str(form), "--roster", str(tmp_path / "roster.csv"),
                 "--results", str(tmp_path / "r")]) == 0
    assert "project9\t2024011\t张三\t1\t100" in capsys.readouterr().out
