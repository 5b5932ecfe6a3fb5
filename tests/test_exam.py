"""The exam builder (组卷): the course's structure, per-student versions mapped back by the grader."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import nbformat
import pytest
from docx import Document as ReadDocx

from labkit.errors import LabkitError
from labkit.grading.encoder import encode
from labkit.grading.exam import (
    ExamPlan,
    canonical_answer,
    displayed_answer,
    plan_exam,
    version,
)
from labkit.grading.exam_build import build_exam, exam_notebook
from labkit.grading.exercise import master_from_notebook, solution_version
from labkit.grading.grade import grade
from labkit.grading.score import score
from labkit.grading.submission import Outcome, Submission
from labkit.i18n import using_language

STRUCTURE = {"single": 20, "multiple": 20, "true_false": 10, "short_answer": 20, "essay": 10, "case_analysis": 20}


@pytest.fixture(autouse=True)
def _english():
    with using_language("en_US"):
        yield


@pytest.mark.parametrize("seed", range(6))
def test_exam_has_the_course_structure(seed: int) -> None:
    plan = plan_exam(seed)
    assert plan.points == 100
    assert {part.kind: sum(i["points"] for i in items) for part, items in plan.parts} == STRUCTURE
    assert all(i["type"] == part.kind for part, items in plan.parts for i in items)
    ids = {i["id"] for i in plan.items}
    assert len(ids) == len(plan.items)
    # a derived true/false item never sits beside the single-choice item it restates
    assert not [i["id"] for i in plan.items if i.get("restates") in ids]


def test_same_seed_same_exam_other_seed_other_exam() -> None:
    assert [i["id"] for i in plan_exam(3).items] == [i["id"] for i in plan_exam(3).items]
    assert [i["id"] for i in plan_exam(3).items] != [i["id"] for i in plan_exam(4).items]
    again = ExamPlan.from_ids(3, [i["id"] for i in plan_exam(3).items])
    assert again == plan_exam(3)


def test_a_bank_that_cannot_fill_a_part_is_refused() -> None:
    bank = {"items": [i for i in plan_exam(0).items if i["type"] != "essay"]}
    with pytest.raises(LabkitError, match="Essay"):
        plan_exam(0, bank)


def test_versions_are_deterministic_and_map_back() -> None:
    plan = plan_exam(1)
    a, b = version(plan, "2024001"), version(plan, "2024002")
    assert a == version(plan, "2024001") and a != b
    canonical = version(plan)
    for (part, ids), (part0, ids0) in zip(a.order, canonical.order, strict=True):
        assert part == part0 and sorted(ids) == sorted(ids0)  # the same items, in another order
    assert [ids for _part, ids in a.order] != [ids for _part, ids in canonical.order]
    for item in plan.items:
        if "options" in item:
            shown = a.options[item["id"]]
            assert sorted(shown) == sorted(item["options"])
            on_paper = displayed_answer(item["answer"], shown)
            assert canonical_answer(on_paper, shown) == item["answer"]
            assert canonical_answer(on_paper.lower(), shown) == item["answer"]  # 'b' is 'B'
    assert canonical_answer("Z", "BCAD") == "Z"  # not a letter of the item: left for the form check


def _solution(plan: ExamPlan, student: str | None, shuffled: bool) -> nbformat.NotebookNode:
    master = master_from_notebook(exam_notebook(plan, "en_US", student, shuffled=shuffled), Path("exam.ipynb"))
    return solution_version(master)


def _answers(nb: nbformat.NotebookNode) -> dict[str, object]:
    """The answer variables a solution notebook assigns (objective items only)."""
    found: dict[str, object] = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("labkit", {})
        if meta.get("kind") == "answer":
            names: dict[str, object] = {}
            exec(cell.source, {}, names)  # noqa: S102 - our own solution cell
            found[meta["question"]] = names[f"{meta['question']}_answer"]
    return found


def _scores(master: nbformat.NotebookNode, student: str, answers: dict[str, object]) -> dict[str, float]:
    ex = master_from_notebook(master, Path("exam.ipynb"))
    outcome = Outcome(Submission(student, "exam", Path("x")), [], answers={q: encode(a) for q, a in answers.items()})
    return {row.question: row.score for row in score(outcome, ex)}


def test_shuffled_version_scores_as_the_canonical_paper() -> None:
    plan = plan_exam(2)
    shuffled_master = exam_notebook(plan, "en_US", shuffled=True)
    plain_master = exam_notebook(plan, "en_US")
    mine = _answers(_solution(plan, "s001", shuffled=True))
    canonical = _answers(_solution(plan, None, shuffled=False))
    wrong = next(i for i in plan.items if i["type"] == "single")["id"]
    assert mine != canonical  # the letters on the two papers differ
    for answers in (mine, canonical):
        answers[wrong] = next(letter for letter in "ABCD" if letter != answers[wrong])
    got = _scores(shuffled_master, "s001", mine)
    assert got == _scores(plain_master, "s001", canonical)
    assert sum(got.values()) == 50 - 1  # choice and true/false (50 points) but the wrong one; open items wait
    # another student handing in s001's paper gets s001's letters mapped by its own version
    assert sum(_scores(shuffled_master, "s002", mine).values()) < sum(got.values())


def test_build_writes_notebooks_papers_and_separate_keys(tmp_path: Path) -> None:
    written = build_exam(tmp_path / "exam", seed=5, language="zh_CN", students=["s001", "s002"])
    out = tmp_path / "exam"
    assert set(written) >= {out / "masters" / "exam.ipynb", out / "exam.ipynb", out / "paper" / "exam.docx",
                            out / "paper" / "exam.html", out / "keys" / "exam_key.docx",
                            out / "students" / "s001" / "exam.ipynb", out / "keys" / "s002_exam_key.docx"}
    master = master_from_notebook(nbformat.read(out / "masters" / "exam.ipynb", 4), Path("exam.ipynb"))
    assert sum(q.points for q in master.questions) == 100
    assert master.notebook.metadata["labkit"]["exam"]["shuffled"] is True
    paper = "\n".join(p.text for p in ReadDocx(str(out / "paper" / "exam.docx")).paragraphs)
    assert "单项选择题" in paper and "【正确答案】" not in paper
    for item in plan_exam(5).items:
        assert item["stem_zh"] in paper
    key = "\n".join(p.text for p in ReadDocx(str(out / "keys" / "exam_key.docx")).paragraphs)
    assert "评分" in key or "参考答案" in key
    student = json.loads((out / "students" / "s001" / "exam.ipynb").read_text(encoding="utf-8"))
    text = json.dumps(student, ensure_ascii=False)
    assert "BEGIN SOLUTION" not in text and "verify(" not in text and "s001" in text


def test_bad_student_id_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(LabkitError, match="not a student id"):
        build_exam(tmp_path / "exam", students=["s001", "bad id"])
    assert not (tmp_path / "exam").exists()


@pytest.mark.slow
def test_grader_maps_a_shuffled_notebook_back(tmp_path: Path) -> None:
    """End to end, in the sandbox: a student's own version, answered right, gets every objective point."""
    build_exam(tmp_path / "exam", seed=4, language="en_US", students=["s001"])
    plan = plan_exam(4)
    subs = tmp_path / "subs" / "s001"
    subs.mkdir(parents=True)
    nbformat.write(_solution(plan, "s001", shuffled=True), subs / "exam.ipynb")
    grade(tmp_path / "subs", tmp_path / "out", tmp_path / "exam" / "masters", workers=1, progress=False)
    rows = sqlite3.connect(tmp_path / "out" / "gradebook.sqlite").execute(
        "SELECT question, score, status FROM grades WHERE student_id = 's001'").fetchall()
    objective = {q: (s, st) for q, s, st in rows if st != "pending_review"}
    assert len(objective) == len([i for i in plan.items if "answer" in i])
    assert all(st == "correct" for _s, st in objective.values()), objective
    assert sum(s for s, _st in objective.values()) == 50


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from labkit.cli import main

    assert main(["exam", "build", "--out", str(tmp_path / "e"), "--exam-seed", "2", "--student", "s9", "--lang", "ko_KR"]) == 0
    assert "labkit grade" in capsys.readouterr().out
    paper = "\n".join(p.text for p in ReadDocx(str(tmp_path / "e" / "students" / "s9" / "exam.docx")).paragraphs)
    assert "단일 선택형" in paper and "s9" in paper
    assert main(["exam", "build", "--out", str(tmp_path / "f"), "--student", "no good"]) == 2
    err = capsys.readouterr().err
    assert "not a student id" in err and "Traceback" not in err
    assert not (tmp_path / "f").exists()
