"""The README's instructor walk, step by step, through the command line: roster, matching, grading,
override, open answers, 6+6 assessment, late policy, export to xlsx / template / Moodle / Canvas."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from labkit.cli import main
from labkit.i18n import set_language

ROSTER = "学号,姓名,班级,小组\n2024011,张三,会展2401,1\n2024012,李四,会展2401,1\n2024013,王五,会展2401,2\n"
POLICY = """
[weights]
quiz = 40
project10 = 60
[deadlines]
quiz = "2026-11-20 23:59"
[late]
penalty_per_day = 10
zero_after_days = 7
[extensions.2024012]
quiz = "2026-11-23 23:59"
"""


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en_US")
    yield
    set_language(None)


def _hand_in(folder: Path, cells: list[str], when: datetime) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "quiz.ipynb")
    os.utime(folder / "quiz.ipynb", (when.timestamp(), when.timestamp()))


def _fill_form(form: Path, scores: dict[str, int]) -> None:
    wb = load_workbook(form)
    for ws in wb.worksheets:
        if ws.cell(row=6, column=6).value != "key":
            continue
        for r in range(7, ws.max_row + 1):
            if "." in str(ws.cell(row=r, column=6).value or ""):
                for col in (3, 4, 5):
                    ws.cell(row=r, column=col, value=scores[str(ws["B2"].value)])
            elif ws.cell(row=r, column=6).value == "member" and ws.cell(row=r, column=1).value == "2024011":
                ws.cell(row=r, column=3, value=5)  # the group leader's adjustment
    wb.save(form)


@pytest.mark.slow
def test_from_roster_to_the_schools_gradebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster, subs, results = tmp_path / "roster.csv", tmp_path / "SUBMISSIONS", tmp_path / "RESULTS"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    # a Moodle download (on time) and a renamed folder (late, but within the extension); 王五 hands in nothing
    _hand_in(subs / "张三_2024011_assignsubmission_file_",
             ['sc01_answer = "B"', 'tf01_answer = "对"', 'sa01_answer = "展前沟通"'], datetime(2026, 11, 20, 9))
    _hand_in(subs / "李四 2024012", ['sc01_answer = "A"', 'tf01_answer = False'], datetime(2026, 11, 22, 9))

    # 1-2. roster and matching
    assert main(["roster", "check", str(roster), str(subs)]) == 0
    assert "2024013\t王五\tmissing" in capsys.readouterr().out

    # 3. collection from the class server: each hub user's home folder into SUBMISSIONS_HUB/<学号>/
    homes = tmp_path / "home"
    _hand_in(homes / "2024011" / "handout", ['sc01_answer = "B"'], datetime(2026, 11, 20, 9))
    assert main(["collect", str(homes), "--roster", str(roster), "--out", str(tmp_path / "SUBMISSIONS_HUB"),
                 "--exercise", "quiz"]) == 0
    hub_copy = tmp_path / "SUBMISSIONS_HUB" / "2024011" / "quiz.ipynb"
    assert hub_copy.is_file() and datetime.fromtimestamp(hub_copy.stat().st_mtime) == datetime(2026, 11, 20, 9)
    assert "2024012 李四: nothing handed in on the server" in capsys.readouterr().out

    # 4. grade with the roster
    assert main(["grade", str(subs), "--roster", str(roster), "--out", str(results), "--workers", "1", "--quiet"]) == 0
    rows = pd.read_csv(results / "gradebook.csv", encoding="utf-8-sig", dtype={"student_id": str})
    mine = rows[rows["student_id"] == "2024011"].set_index("question")
    assert mine.loc["sc01", "status"] == "correct" and mine.loc["tf01", "status"] == "correct"  # 对 is True
    assert mine.loc["sa01", "status"] == "pending_review"  # short, but the instructor decides
    assert set(rows["student_id"]) == {"2024011", "2024012"}
    quiz_points = rows[rows["student_id"] == "2024011"]["max_score"].sum()

    # 5. override a disputed row
    assert main(["grade", "override", "2024012", "quiz", "sc01", str(mine.loc["sc01", "max_score"]),
                 "--comment", "A is accepted: the question was ambiguous", "--by", "teacher_li", "--out", str(results)]) == 0
    assert "teacher_li" in (results / "overrides.csv").read_text(encoding="utf-8-sig")

    # 6. open answers through Excel
    assert main(["grade-open", "export", str(results), "--out", str(tmp_path / "open.xlsx")]) == 0
    wb = load_workbook(tmp_path / "open.xlsx")
    sheet = next(ws for ws in wb.worksheets if ws.title.endswith(".sa01"))
    row = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == "2024011")
    sheet.cell(row=row, column=3, value=3)
    wb.save(tmp_path / "open.xlsx")
    assert main(["grade-open", "merge", str(results), str(tmp_path / "open.xlsx")]) == 0
    # ... or with the grading notebook's widget: answer, rubric, score, comment, Save and next
    from labkit.grading.review import ReviewForm

    form = ReviewForm(results)
    assert [(i.student_id, i.question, i.score) for i in form.items] == [("2024011", "sa01", 3.0)]
    assert form.items[0].rubric and "展前沟通" in form.answer.value
    form.score.value, form.comment.value = 4, "names the three phases"
    form.save.click()
    assert "2024011 quiz sa01 4 / " in form.message.value

    # re-grading one student keeps both decisions
    assert main(["grade", str(subs), "--roster", str(roster), "--out", str(results), "--student", "2024011",
                 "--exercise", "quiz", "--quiet"]) == 0
    rows = pd.read_csv(results / "gradebook.csv", encoding="utf-8-sig", dtype={"student_id": str})
    kept = rows.set_index(["student_id", "question"])
    assert kept.loc[("2024011", "sa01"), "status"] == "reviewed" and kept.loc[("2024011", "sa01"), "score"] == 4
    assert kept.loc[("2024012", "sc01"), "status"] == "overridden"
    score_11 = rows[rows["student_id"] == "2024011"]["score"].sum()
    score_12 = rows[rows["student_id"] == "2024012"]["score"].sum()

    # 7. the 6+6 assessment
    form = tmp_path / "form.xlsx"
    assert main(["assess", "export", "--roster", str(roster), "--project", "project10", "--out", str(form)]) == 0
    _fill_form(form, {"1": 8, "2": 6})
    assert main(["assess", "merge", str(form), "--roster", str(roster), "--results", str(results)]) == 0

    # 8-9. policy and export: the hand-in times were recorded at grading, from the collected files
    (tmp_path / "course.toml").write_text(POLICY, encoding="utf-8")
    subs.rename(tmp_path / "archived")  # the folder may be gone by now
    common = [str(results), "--roster", str(roster), "--policy", str(tmp_path / "course.toml")]
    assert main(["gradebook", "export", *common, "--out", str(tmp_path / "marks.xlsx")]) == 0
    marks = {r[0]: r for r in load_workbook(tmp_path / "marks.xlsx").active.iter_rows(min_row=2, values_only=True)}
    assert marks["2024011"][4:6] == (pytest.approx(40 * score_11 / quiz_points, abs=0.01), 51)  # (80 + 5)% of 60
    assert marks["2024012"][4:6] == (pytest.approx(40 * score_12 / quiz_points, abs=0.01), 48)  # late, extended
    assert marks["2024013"][4:8] == (0, 36, 36, "graded") and "quiz: missing" in marks["2024013"][8]
    for kind in ("moodle", "canvas"):
        assert main(["gradebook", "export", *common, "--format", kind, "--out", str(tmp_path / f"{kind}.csv")]) == 0
        assert (tmp_path / f"{kind}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    template = Workbook()
    template.active.append(["学号", "姓名", "总评成绩"])
    for sid, name in (("2024011", "张三"), ("2024012", "李四"), ("2024013", "王五")):
        template.active.append([sid, name, None])
    template.save(tmp_path / "platform.xlsx")
    assert main(["gradebook", "export", *common, "--template", str(tmp_path / "platform.xlsx"),
                 "--column", "总评成绩=总评", "--out", str(tmp_path / "filled.xlsx")]) == 0
    filled = list(load_workbook(tmp_path / "filled.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in filled] == [marks[sid][6] for sid in ("2024011", "2024012", "2024013")]
