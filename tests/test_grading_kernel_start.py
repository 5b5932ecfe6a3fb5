"""The kernel's start (内核启动): the master's given imports loaded first, the next world built ahead.

Both only move work earlier (so a batch with one worker waits less); nothing a student sees or
gets graded on may change: the preloaded modules are not in the student's namespace, an answer's
own imports are never preloaded, a world that cannot be built still gives that student's rows.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import nbformat
import pytest

from labkit.grading.answers import extraction_source
from labkit.grading.exercise import find_masters, given_imports
from labkit.grading.grade import grade
from labkit.grading.gradebook import all_rows, connect
from labkit.grading.release import default_masters
from labkit.grading.sandbox import Limits, _preload_argument, bwrap_path, run_cells
from labkit.i18n import using_language
from labkit.world import loading

pytestmark = pytest.mark.slow

SEEN = """import json, sys
seen_answer = json.dumps({"loaded": sorted(m for m in ("pandas", "sklearn", "colorsys") if m in sys.modules),
                          "named": sorted(m for m in ("pandas", "importlib", "name") if m in globals())})
"""


@pytest.fixture(autouse=True)
def _english():
    with using_language("en_US"):
        yield


def _seen(preload: tuple[str, ...]) -> dict[str, object]:
    result = run_cells([SEEN], extraction_source(["seen_answer"], 10_000), Limits(), bwrap_path(), preload=preload)
    assert result.report is not None, (result.problem, result.stderr_tail)
    return json.loads(result.report["answers"]["seen_answer"]["value"])


def test_the_given_cells_imports_are_preloaded_not_the_answers() -> None:
    masters = {ex.name: ex for ex in find_masters(default_masters())}
    lab1 = given_imports(masters["lab1_classification"])
    assert {"pandas", "labkit", "labkit.checks"} <= set(lab1)
    assert not any(name.startswith("sklearn") for name in lab1)  # only q10's answer imports the decision tree
    assert given_imports(masters["quiz"]) == ("labkit.i18n", "labkit.checks")


def test_only_module_names_reach_the_kernel() -> None:
    assert _preload_argument(("pandas", "os; import shutil", "../x", "labkit.checks", "", "a,b")) == "pandas,labkit.checks"


def test_a_preloaded_module_is_loaded_but_not_in_the_students_namespace() -> None:
    assert _seen(("pandas", "colorsys")) == {"loaded": ["colorsys", "pandas"], "named": []}
    assert _seen(()) == {"loaded": [], "named": []}  # nothing preloaded: a plain kernel


def test_a_module_that_fails_to_import_does_not_stop_the_kernel() -> None:
    assert _seen(("no_such_module_here", "colorsys")) == {"loaded": ["colorsys"], "named": []}


def _key_cells() -> list[nbformat.NotebookNode]:
    from labkit.grading.exercise import solution_version

    [lab1] = [ex for ex in find_masters(default_masters()) if ex.name == "lab1_classification"]
    return solution_version(lab1).cells


def test_one_worker_builds_worlds_ahead_and_a_failed_build_is_that_students_rows(tmp_path: Path, monkeypatch,
                                                                                own_tempdir: Path) -> None:
    cells = _key_cells()
    for student in ("s001", "s002", "s003"):
        nb = nbformat.v4.new_notebook()
        nb.cells = cells
        (tmp_path / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, tmp_path / "subs" / student / "lab1_classification.ipynb")
    real = loading.load_world
    builders: dict[str, set[str]] = {}

    def refusing(**kwargs):
        builders.setdefault(kwargs.get("student_id"), set()).add(threading.current_thread().name.split("_")[0])
        if kwargs.get("student_id") == "s002":
            raise RuntimeError("no world for s002")
        return real(**kwargs)

    monkeypatch.setattr(loading, "load_world", refusing)  # the grader's build (the kernels load their own)
    grade(tmp_path / "subs", tmp_path / "out", default_masters(), workers=1, progress=False)
    rows = all_rows(connect(tmp_path / "out"))
    statuses = {(r.student_id, r.status) for r in rows if r.question != "q6"}
    assert statuses == {("s001", "correct"), ("s002", "error"), ("s003", "correct")}, statuses
    assert any("no world for s002" in r.message for r in rows if r.student_id == "s002")
    assert list(own_tempdir.glob("labkit-world-*")) == []  # every world removed
    assert builders["s003"] == {"next-world"}  # built while s002's notebook was graded
    assert builders["s002"] == {"next-world", "MainThread"}  # built ahead, failed, tried again by the task
