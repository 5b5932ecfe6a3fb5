"""A student's world is built once per batch and shared read-only with every kernel of that student."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

import labkit
from labkit.grading.exercise import find_masters
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

NPS = ("scores = world.survey_responses['recommend'].dropna().astype(float)\n"
       "q1_answer = 100.0 * ((scores >= 9).sum() - (scores <= 6).sum()) / len(scores)")


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
    masters = {ex.name: ex for ex in find_masters(default_masters())}
    lab, quiz = masters["lab1_classification"], masters["quiz"]
    with StudentWorld("s001", [lab, quiz]) as world:
        assert world.folder is not None and not any(world.folder.iterdir())
        world.build()
        [file] = world.folder.iterdir()
        assert world.for_exercise(quiz) is None and world.for_exercise(lab) is not None
    assert not file.exists() and not world.folder.exists()
    with StudentWorld("s001", [quiz]) as quiz_only:
        assert quiz_only.folder is None and quiz_only.for_exercise(quiz) is None


def test_every_kernel_of_a_student_loads_the_world_the_grader_built(tmp_path: Path, own_tempdir: Path) -> None:
    subs = tmp_path / "subs"
    answers = {"lab1_classification": "q1_answer = len(world.organisations.query(\"role == 'exhibitor'\"))",
               "lab3_surveys": NPS}
    for student in ("s001", "s002"):
        for exercise, answer in answers.items():
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell(NO_GENERATING), nbformat.v4.new_code_cell(answer)]
            (subs / student).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, subs / student / f"{exercise}.ipynb")
    grade(subs, tmp_path / "out", default_masters(), workers=1, progress=False,
          only_exercises=list(answers))
    rows = {(r.student_id, r.exercise): (r.status, r.message) for r in all_rows(connect(tmp_path / "out"))
            if r.question == "q1"}
    assert rows == {(s, e): ("correct", rows[(s, e)][1]) for s in ("s001", "s002") for e in answers}, rows
    assert list(own_tempdir.glob("labkit-world-*")) == []  # nothing left behind


TAMPER = """import glob, json, os
found = {}
for name in glob.glob("/opt/worlds/*.pickle"):
    for what, action in (("overwrite", lambda: open(name, "wb").write(b"x")), ("delete", lambda: os.remove(name)),
                         ("rename", lambda: os.rename(name, name + ".x")), ("chmod", lambda: os.chmod(name, 0o666))):
        try:
            action()
            found[what] = "DONE"
        except OSError as exc:
            found[what] = "BLOCKED " + type(exc).__name__
try:
    open("/opt/worlds/zh_CN-s002-planted.pickle", "wb").write(b"x")
    found["plant"] = "DONE"
except OSError as exc:
    found["plant"] = "BLOCKED " + type(exc).__name__
q6_answer = json.dumps(found)
"""


def test_a_kernel_cannot_change_the_shared_world(tmp_path: Path) -> None:
    """The first exercise tries to overwrite, delete, rename and plant worlds; the next one still loads the real one."""
    subs = tmp_path / "subs" / "s001"
    subs.mkdir(parents=True)
    for exercise, cells in {"lab1_classification": [NO_GENERATING, TAMPER],
                            "lab3_surveys": [NO_GENERATING, NPS]}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        nbformat.write(nb, subs / f"{exercise}.ipynb")
    grade(tmp_path / "subs", tmp_path / "out", default_masters(), workers=1, progress=False,
          only_exercises=["lab1_classification", "lab3_surveys"])
    db = connect(tmp_path / "out")
    tried = json.loads(db.execute("SELECT answer FROM open_answers WHERE question = 'q6'").fetchone()[0])
    assert set(tried) == {"overwrite", "delete", "rename", "chmod", "plant"}, tried
    assert all(result.startswith("BLOCKED") for result in tried.values()), tried
    rows = {r.question: r for r in all_rows(db) if r.exercise == "lab3_surveys"}
    assert rows["q1"].status == "correct", rows["q1"]  # the shared world, unchanged
