"""A student's world is built once per batch and shared read-only with every kernel of that student."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

import labkit
from labkit.grading.grade import grade
from labkit.grading.gradebook import all_rows, connect
from labkit.grading.release import default_masters
from labkit.grading.student_world import StudentWorld
from labkit.i18n import using_language
from labkit.world import loading

pytestmark = pytest.mark.slow

# The kernel's generator is made to fail: the answer can only come from the world the grader shared.
NO_GENERATING = """import os
import labkit
import labkit.world.loading as loading

def refuse(*args, **kwargs):
    raise RuntimeError("the kernel generated the world itself")

loading.generate_world = refuse
world = labkit.load_world(student_id=os.environ["LABKIT_STUDENT_ID"])
"""


@pytest.fixture(autouse=True)
def _english():
    with using_language("en_US"):
        yield


def test_a_shared_world_is_the_generated_one(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(ValueError, match="only a student's default classroom world"):
        loading.share_world(labkit.load_world(), tmp_path)
    world = labkit.load_world(student_id="s042")
    path = loading.share_world(world, tmp_path)
    assert path.parent == tmp_path and "s042" in path.name
    monkeypatch.setenv(loading.SHARED_WORLDS_ENV, str(tmp_path))
    monkeypatch.setattr(loading, "generate_world", lambda **kw: pytest.fail("generated instead of shared"))
    loading._cached.cache_clear()
    try:
        shared = labkit.load_world(student_id="s042")
        assert shared.tables.keys() == world.tables.keys()
        assert all(shared.tables[name].equals(world.tables[name]) for name in world.tables)
    finally:
        loading._cached.cache_clear()


def test_another_students_file_is_not_taken(tmp_path: Path, monkeypatch) -> None:
    shared = loading.share_world(labkit.load_world(student_id="s001"), tmp_path)
    shared.rename(tmp_path / shared.name.replace("s001", "s002"))  # planted under another student's name
    monkeypatch.setenv(loading.SHARED_WORLDS_ENV, str(tmp_path))
    loading._cached.cache_clear()
    try:
        assert loading._shared("zh_CN", "s002") is None
    finally:
        loading._cached.cache_clear()


def test_the_world_is_removed_after_the_students_task() -> None:
    with StudentWorld("s001", ["lab1_classification", "quiz"]) as world:
        assert world.folder is not None and not any(world.folder.iterdir())
        world.build()
        [file] = world.folder.iterdir()
        assert world.for_exercise("quiz") is None and world.for_exercise("lab1_classification") is not None
    assert not file.exists() and not world.folder.exists()
    with StudentWorld("s001", ["quiz"]) as quiz_only:
        assert quiz_only.folder is None and quiz_only.for_exercise("quiz") is None


def test_every_kernel_of_a_student_loads_the_world_the_grader_built(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    answers = {"lab1_classification": "q1_answer = len(world.organisations.query(\"role == 'exhibitor'\"))",
               "lab3_surveys": ("scores = world.survey_responses['recommend'].dropna().astype(float)\n"
                                "q1_answer = 100.0 * ((scores >= 9).sum() - (scores <= 6).sum()) / len(scores)")}
    for student in ("s001", "s002"):
        for exercise, answer in answers.items():
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell(NO_GENERATING), nbformat.v4.new_code_cell(answer)]
            (subs / student).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, subs / student / f"{exercise}.ipynb")
    before = set(Path(os.environ.get("TMPDIR", "/tmp")).glob("labkit-world-*"))
    grade(subs, tmp_path / "out", default_masters(), workers=1, progress=False,
          only_exercises=list(answers))
    rows = {(r.student_id, r.exercise): (r.status, r.message) for r in all_rows(connect(tmp_path / "out"))
            if r.question == "q1"}
    assert rows == {(s, e): ("correct", rows[(s, e)][1]) for s in ("s001", "s002") for e in answers}, rows
    assert set(Path(os.environ.get("TMPDIR", "/tmp")).glob("labkit-world-*")) == before  # nothing left behind
