"""The instructor's side of grading: roster matching in collection, kept decisions, overrides,
short open answers, 对/错 for true/false, statistics without unscored rows."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from labkit.checks.truth_words import as_truth
from labkit.errors import LabkitError
from labkit.grading.collect import discover
from labkit.grading.encoder import encode
from labkit.grading.exercise import find_masters
from labkit.grading.flags import expected_keys, flag_copies
from labkit.grading.gradebook import (
    CSV_NAME,
    Row,
    all_rows,
    class_statistics,
    connect,
    expected_owners,
    export,
    record,
)
from labkit.grading.overrides import OVERRIDES_CSV, override
from labkit.grading.release import default_masters
from labkit.grading.score import score
from labkit.grading.submission import Outcome, Submission
from labkit.i18n import set_language
from labkit.roster import Roster, Student

QUIZ = {ex.name: ex for ex in find_masters(default_masters())}["quiz"]


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en_US")
    yield
    set_language(None)


def _submit(root: Path, folder: str, exercise: str = "quiz") -> None:
    path = root / folder / f"{exercise}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(), path)


def test_collection_matches_folders_to_the_roster_by_name_never_rewrites(tmp_path: Path) -> None:
    long = "会展客户关系管理实训项目十第二次提交最终版本请老师查收谢谢老师辛苦了"
    folders = ["张三_2024011", "李四_2024011", "2024 013", "2024_013", f"{long}_2024014", f"{long}_2024015",
               "Wang Wu_2024016_assignsubmission_file_", "nobody"]
    for name in folders:
        _submit(tmp_path, name)
    roster = Roster(tuple(Student(sid, f"s{sid}") for sid in
                          ["2024011", "2024_013", "2024014", "2024015", "2024016", "2024017"]))
    subs, bad, problems = discover(tmp_path, {"quiz": QUIZ}, roster)
    assert sorted(s.student_id for s in subs) == ["2024014", "2024015", "2024016", "2024_013"]
    assert bad == []  # no error rows under any made-up id
    assert len(problems) == 3
    assert "'张三_2024011', '李四_2024011' all claim student 2024011" in problems[0]
    assert "'2024 013' matches no student" in problems[1] and "'nobody' matches no student" in problems[2]


def test_collection_without_roster_reports_names_it_cannot_read(tmp_path: Path) -> None:
    for name in ["张三_2024011", "李四_2024011", "2024 013", "2024_013"]:
        _submit(tmp_path, name)
    subs, bad, problems = discover(tmp_path, {"quiz": QUIZ})
    assert [s.student_id for s in subs] == ["2024_013"] and bad == []
    assert any("'2024 013' names several students" in p for p in problems)
    assert any("all claim student 2024011" in p for p in problems)


def _open_row(student: str, status: str = "pending_review", score: float = 0.0) -> Row:
    return Row(student, "quiz", "sa01", score, 6.0, status, "your instructor scores this answer")


def test_regrading_keeps_the_instructors_open_answer_scores(tmp_path: Path) -> None:
    db = connect(tmp_path)
    record(db, "s1", "quiz", [_open_row("s1")], {"sa01": "展前、展中、展后"})
    db.execute("UPDATE grades SET score = 4, status = 'reviewed', message = 'good' WHERE student_id = 's1'")
    db.commit()
    record(db, "s1", "quiz", [_open_row("s1")], {"sa01": "展前、展中、展后"})
    kept = all_rows(db)[0]
    assert (kept.score, kept.status, kept.message) == (4.0, "reviewed", "good")
    record(db, "s1", "quiz", [_open_row("s1")], {"sa01": "a new answer"})  # handed in again: review again
    assert all_rows(db)[0].status == "pending_review"
    db.execute("UPDATE grades SET score = 4, status = 'reviewed' WHERE student_id = 's1'")
    db.commit()
    record(db, "s1", "quiz", [_open_row("s1")], {"sa01": "a new answer"}, keep_decisions=False)
    assert all_rows(db)[0].status == "pending_review"


def test_override_any_row_with_who_and_when(tmp_path: Path) -> None:
    db = connect(tmp_path)
    record(db, "s1", "quiz", [Row("s1", "quiz", "sc01", 0.0, 2.0, "flagged", "calls sklearn")])
    export(db, tmp_path)
    db.close()
    assert override(tmp_path, "s1", "quiz", "sc01", 2.0, "checked: the call was allowed", "teacher_li") == 2.0
    db = connect(tmp_path)
    row = all_rows(db)[0]
    assert (row.score, row.status, row.message) == (2.0, "overridden", "checked: the call was allowed")
    record(db, "s1", "quiz", [Row("s1", "quiz", "sc01", 0.0, 2.0, "flagged", "calls sklearn")])  # re-graded
    assert all_rows(db)[0].status == "overridden"
    db.close()
    listing = pd.read_csv(tmp_path / OVERRIDES_CSV, encoding="utf-8-sig")
    assert listing.loc[0, ["student_id", "score", "decided_by"]].tolist() == ["s1", 2.0, "teacher_li"]
    assert listing.loc[0, "decided_at"].startswith("20")
    assert "overridden" in (tmp_path / CSV_NAME).read_text(encoding="utf-8-sig")
    with pytest.raises(LabkitError, match="outside 0 to 2 for quiz sc01"):
        override(tmp_path, "s1", "quiz", "sc01", 3.0, "too generous")
    with pytest.raises(LabkitError, match="s2 has no graded row for quiz sc01"):
        override(tmp_path, "s2", "quiz", "sc01", 1.0, "x")
    with pytest.raises(LabkitError, match="Say why with --comment"):
        override(tmp_path, "s1", "quiz", "sc01", 1.0, " ")


def test_cli_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from labkit.cli import main

    db = connect(tmp_path)
    record(db, "2024011", "quiz", [Row("2024011", "quiz", "tf01", 0.0, 1.0, "incorrect", "not the right answer")])
    db.close()
    assert main(["grade", "override", "2024011", "quiz", "tf01", "1", "--comment", "对 accepted", "--out",
                 str(tmp_path)]) == 0
    assert "2024011 quiz tf01: 1 / 1" in capsys.readouterr().out
    assert main(["grade", "override", "2024011", "quiz", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "labkit grade override: error: the following arguments are required: QUESTION, SCORE" in err
    assert main(["grade", "override", "2024011", "quiz", "tf01", "one", "--comment", "x", "--out", str(tmp_path)]) == 2
    assert "the score 'one' is not a number" in capsys.readouterr().err
    assert main(["grade", "a", "b", "--out", str(tmp_path)]) == 2


def test_a_folder_named_override_is_graded_as_dot_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`override` is the override command; the folder of that name is `./override`, never ambiguous."""
    from labkit.cli import main

    folder = tmp_path / "override" / "s1"
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('tf01_answer = "对"')]
    nbformat.write(nb, folder / "quiz.ipynb")
    monkeypatch.chdir(tmp_path)
    assert main(["grade", "override", "--out", "results"]) == 2  # the override command, missing its arguments
    assert "labkit grade override: error" in capsys.readouterr().err and not (tmp_path / "results").exists()
    assert main(["grade", "./override", "--out", "results", "--workers", "1", "--quiet"]) == 0
    rows = (tmp_path / "results" / "gradebook.csv").read_text(encoding="utf-8-sig")
    assert "s1,quiz,tf01" in rows


def test_short_open_answer_and_truth_words_go_the_right_way() -> None:
    outcome = Outcome(Submission("s1", "quiz", Path("x")), [],
                      answers={"sa01": encode("展前沟通"), "tf01": encode("对"), "tf04": encode("×"),
                               "tf06": encode("maybe")})
    rows = {r.question: r for r in score(outcome, QUIZ)}
    assert rows["sa01"].status == "pending_review" and "at least 20 characters" in rows["sa01"].message
    assert outcome.open_answers["sa01"] == "展前沟通"
    assert rows["tf01"].status == "correct"  # the expected answer of tf01 is True
    assert rows["tf04"].status in ("correct", "incorrect") and rows["tf04"].message != "expected True or False, got str"
    assert rows["tf06"].status == "incorrect" and "expected True or False" in rows["tf06"].message
    assert [as_truth(w) for w in ("√", "错", " TRUE ", "是", "False", 1)] == [True, False, True, True, False, 1]


def test_copy_detection_compares_with_the_whole_gradebook(tmp_path: Path) -> None:
    specs = {"lab1_classification": {"q1": {"type": "number"}}}

    def outcome(student: str, answer: float, expected: float) -> Outcome:
        rows = [Row(student, "lab1_classification", "q1", 0.0, 1.0, "incorrect" if answer != expected else "correct", "x")]
        return Outcome(Submission(student, "lab1_classification", Path("x")), rows,
                       answers={"q1": encode(answer)}, expected={"q1": encode(expected)})

    db = connect(tmp_path)
    first = outcome("s1", 120.0, 120.0)
    record(db, "s1", "lab1_classification", first.rows, expected_keys=expected_keys(first, specs))
    regraded = outcome("s2", 120.0, 131.0)  # labkit grade --student s2: s1 is not in this run
    notes = flag_copies([regraded], specs, expected_owners(db))
    assert regraded.rows[0].status == "flagged" and notes == [
        "s2 lab1_classification q1: the answer is right for the world of s1"]
    again = outcome("s1", 131.0, 999.0)  # s1 re-graded in this run: its stored key no longer counts
    mine = outcome("s3", 120.0, 5.0)
    assert flag_copies([again, mine], specs, expected_owners(db)) == []


def test_class_statistics_leave_out_what_is_not_yet_scored() -> None:
    rows = [Row("s1", "quiz", "sa01", 0.0, 6.0, "pending_review", ""), Row("s2", "quiz", "sa01", 5.0, 6.0, "reviewed", ""),
            Row("s1", "quiz", "sc01", 2.0, 2.0, "correct", "")]
    stats = class_statistics(rows).set_index("question")
    assert stats.loc["sa01", "students"] == 1 and stats.loc["sa01", "mean_score"] == 5.0


def test_regrade_one_exercise_only(tmp_path: Path) -> None:
    from labkit.grading.grade import grade

    with pytest.raises(LabkitError, match="--exercise 'lab9' is not one of the masters"):
        grade(tmp_path, tmp_path / "out", default_masters(), only_exercises=["lab9"], progress=False)
    _submit(tmp_path / "subs", "2024011", "lab1_classification")
    db = connect(tmp_path / "out")
    record(db, "2024011", "quiz", [Row("2024011", "quiz", "sc01", 2.0, 2.0, "correct", "correct")])
    db.close()
    summary = grade(tmp_path / "subs", tmp_path / "out", default_masters(), only_exercises=["quiz"], progress=False)
    assert summary.submissions == 0  # the lab1 notebook is not re-graded, the quiz row stays
    with sqlite3.connect(tmp_path / "out" / "gradebook.sqlite") as check:
        assert check.execute("SELECT exercise, score FROM grades").fetchall() == [("quiz", 2.0)]
