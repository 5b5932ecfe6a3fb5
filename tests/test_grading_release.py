"""Masters -> student versions and answer keys; the committed releases stay in step with the masters."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from labkit.checks import public_specs, question_bank
from labkit.grading.exercise import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    ExerciseError,
    find_masters,
    load_master,
    notebook_text,
    solution_version,
    student_version,
)
from labkit.grading.quizbuild import build_quiz
from labkit.grading.release import default_masters, release
from labkit.i18n import LANGUAGES
from labkit.resources import masters_dir

ROOT = Path(__file__).resolve().parents[1]
MASTERS = find_masters(default_masters())
# the course material sits beside the checkout (shared/seeds/, as in CI); 004 is the exam bank 试题库


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("ex", MASTERS, ids=lambda e: e.name)
def test_committed_release_is_up_to_date(ex, language: str) -> None:
    master = load_master(masters_dir(language) / f"{ex.name}.ipynb")
    assert [q.id for q in master.questions] == [q.id for q in ex.questions]  # one grader for all languages
    committed = (masters_dir(language) / "release" / f"{ex.name}.ipynb").read_text(encoding="utf-8")
    assert committed == notebook_text(student_version(master)), "run: python tools/i18n.py notebooks"


def test_quiz_master_is_built_from_the_bank() -> None:
    """The quiz's single source (exercises/source/quiz.ipynb); its languages are generated from it."""
    committed = (ROOT / "exercises" / "source" / "quiz.ipynb").read_text(encoding="utf-8")
    assert committed == notebook_text(build_quiz())


@pytest.mark.parametrize("ex", MASTERS, ids=lambda e: e.name)
def test_student_version_hides_solutions_and_tests(ex) -> None:
    nb = student_version(ex)
    text = notebook_text(nb)
    assert BEGIN_SOLUTION not in text and BEGIN_HIDDEN not in text
    assert "verify(" not in text and "labkit.grading" not in text
    cells = {c.metadata.get("labkit", {}).get("question"): c for c in nb.cells
             if c.metadata.get("labkit", {}).get("kind") in ("answer", "open")}
    for q in ex.questions:
        assert f"{q.variable} = None" in cells[q.id].source
    for master_cell in ex.notebook.cells:
        if master_cell.metadata.get("labkit", {}).get("kind") in ("answer", "open"):
            solution = master_cell.source.split(BEGIN_SOLUTION)[1].split("### END SOLUTION")[0].strip()
            assert solution not in text
    checks = [c for c in nb.cells if c.metadata.get("labkit", {}).get("kind") == "check"]
    assert checks and all(c.metadata["editable"] is False and c.metadata["deletable"] is False for c in checks)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("ex", MASTERS, ids=lambda e: e.name)
def test_solution_version_keeps_solutions_without_hidden_tests(ex) -> None:
    nb = solution_version(ex)
    text = notebook_text(nb)
    assert BEGIN_SOLUTION not in text and BEGIN_HIDDEN not in text and "verify(" not in text
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for q in ex.questions:
        assert f"{q.variable} = None" not in sources
        assert re.search(rf"^{q.variable} = ", sources, re.MULTILINE)


@pytest.mark.parametrize("ex", MASTERS, ids=lambda e: e.name)
def test_every_question_has_a_public_check(ex) -> None:
    assert set(public_specs(ex.name)) == {q.id for q in ex.questions}


def _master(tmp_path: Path, source: str, name: str = "broken") -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["labkit"] = {"question": "q1", "points": 1, "kind": "answer", "variable": "q1_answer"}
    nb.cells = [cell]
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("source", [
    "### BEGIN SOLUTION\nq1_answer = 1",
    "q1_answer = 1\n### END SOLUTION",
    "### BEGIN SOLUTION\n### BEGIN SOLUTION\nq1_answer = 1\n### END SOLUTION",
    "q1_answer = 1",
])
def test_malformed_markers_are_refused(tmp_path: Path, source: str) -> None:
    with pytest.raises(ExerciseError):
        load_master(_master(tmp_path, source))


def test_release_writes_nothing_when_one_master_is_broken(tmp_path: Path) -> None:
    masters = tmp_path / "masters"
    masters.mkdir()
    _master(masters, "### BEGIN SOLUTION\nq1_answer = 1\n### END SOLUTION", "a_good")
    _master(masters, "### BEGIN SOLUTION\nq1_answer = 1", "b_bad")
    with pytest.raises(ExerciseError):
        release(masters, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_release_round_trip(tmp_path: Path) -> None:
    masters = tmp_path / "masters"
    masters.mkdir()
    _master(masters, "x = 2\n### BEGIN SOLUTION\nq1_answer = x * 21\n### END SOLUTION", "tiny")
    [student] = release(masters, tmp_path / "student")
    [key] = release(masters, tmp_path / "key", solutions=True)
    assert nbformat.read(student, 4).cells[0].source == (
        "x = 2\n# YOUR CODE HERE (在此作答): replace None with your answer\nq1_answer = None")
    assert nbformat.read(key, 4).cells[0].source == "x = 2\nq1_answer = x * 21"


def test_bank_is_data_not_code() -> None:
    bank = json.loads((ROOT / "labkit" / "data" / "question_bank.json").read_text(encoding="utf-8"))
    kinds = {i["type"] for i in bank["items"]}
    assert kinds == {"single", "multiple", "true_false", "short_answer", "essay", "case_analysis"}
    assert all("rubric" in i for i in bank["items"] if i["type"] in ("short_answer", "essay", "case_analysis"))


@pytest.mark.parametrize("language", ["en_US", "ko_KR"])
def test_quiz_items_are_in_the_notebooks_language(language: str) -> None:
    """The bank's items in en/ko as data: no Chinese stem or option in the English or Korean quiz
    (course terms in brackets aside, and the case's proper names)."""
    import re

    nb = nbformat.read(ROOT / "exercises" / language / "release" / "quiz.ipynb", as_version=4)
    stems = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("**")]
    assert len(stems) == len(question_bank()["quiz"])
    chinese = [s for s in stems if len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"\([^)]*\)", "", s))) > 6]
    assert chinese == [], chinese[:2]
