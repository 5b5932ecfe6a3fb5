"""Custom exercises (自编练习): a folder with master, checks and reference answers, read by --masters.

Nothing inside the installed package is touched, and one master that cannot be graded never
stops the run: its notebooks get an error row and the other exercises are graded as usual.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat

from labkit.grading.grade import grade
from labkit.grading.release import default_masters, release

ROOT = Path(__file__).resolve().parents[1]

MASTER_CELLS = [
    ("markdown", "# Lab 5 · my own exercise", {}),
    ("code", "from labkit.checks import for_exercise\ncheck = for_exercise(\"lab5_custom\")", {}),
    ("code", "### BEGIN SOLUTION\nq1_answer = 6 * 7\n### END SOLUTION",
     {"question": "q1", "points": 2, "kind": "answer", "variable": "q1_answer"}),
    ("code", "check(\"q1\")", {"kind": "check"}),
    ("code", "### BEGIN SOLUTION\nq2_answer = \"对\"\n### END SOLUTION",
     {"question": "q2", "points": 1, "kind": "answer", "variable": "q2_answer"}),
]
CHECKS = {"questions": {"q1": {"type": "number", "kind": "count"}, "q2": {"type": "bool"}}}
REFERENCE = "def expected(question, world):\n    return {'q1': 42, 'q2': True}[question]\n"


def _custom_folder(masters: Path) -> Path:
    folder = masters / "lab5_custom"
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    for kind, source, meta in MASTER_CELLS:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        if meta:
            cell.metadata["labkit"] = meta
        nb.cells.append(cell)
    nbformat.write(nb, folder / "lab5_custom.ipynb")
    (folder / "checks.json").write_text(json.dumps(CHECKS), encoding="utf-8")
    (folder / "reference.py").write_text(REFERENCE, encoding="utf-8")
    return folder


def _submit(subs: Path, student: str, name: str, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    (subs / student).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, subs / student / f"{name}.ipynb")


def _rows(results: Path) -> dict[tuple[str, str, str], tuple[float, str]]:
    db = sqlite3.connect(results / "gradebook.sqlite")
    try:
        return {(s, e, q): (score, status) for s, e, q, score, status in
                db.execute("SELECT student_id, exercise, question, score, status FROM grades")}
    finally:
        db.close()


def test_a_custom_folder_is_graded_beside_the_kits_exercises(tmp_path: Path) -> None:
    masters = tmp_path / "mymasters"
    _custom_folder(masters)
    shutil.copy(default_masters() / "quiz.ipynb", masters)
    package = {p: p.stat().st_mtime_ns for p in (ROOT / "labkit").rglob("*") if p.is_file()}
    subs = tmp_path / "subs"
    _submit(subs, "s1", "lab5_custom", ["q1_answer = 42", "q2_answer = '√'"])
    _submit(subs, "s2", "lab5_custom", ["q1_answer = 41", "q2_answer = '错'"])
    _submit(subs, "s1", "quiz", ['sc01_answer = "B"'])
    summary = grade(subs, tmp_path / "out", masters, progress=False)
    rows = _rows(tmp_path / "out")
    assert rows[("s1", "lab5_custom", "q1")] == (2.0, "correct")
    assert rows[("s1", "lab5_custom", "q2")] == (1.0, "correct")
    assert rows[("s2", "lab5_custom", "q1")] == (0.0, "incorrect")
    assert rows[("s2", "lab5_custom", "q2")] == (0.0, "incorrect")
    assert rows[("s1", "quiz", "sc01")][1] == "correct"
    assert not summary.warnings or all("lab5_custom" not in w for w in summary.warnings)
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "labkit").rglob("*") if p.is_file()
            if "__pycache__" not in p.parts} == {p: t for p, t in package.items() if "__pycache__" not in p.parts}


def test_one_new_master_never_stops_the_run(tmp_path: Path) -> None:
    """The issue's case: a plain new master in --masters used to stop everything ("no exercise called")."""
    masters = tmp_path / "mymasters"
    masters.mkdir()
    shutil.copy(default_masters() / "quiz.ipynb", masters)
    _custom_folder(masters)
    shutil.move(masters / "lab5_custom" / "lab5_custom.ipynb", masters / "lab6_new.ipynb")  # no checks, no reference
    broken = masters / "lab7_broken"
    shutil.copytree(masters / "lab5_custom", broken)
    shutil.copy(masters / "lab6_new.ipynb", broken / "lab7_broken.ipynb")
    (broken / "reference.py").write_text("raise RuntimeError('half written')\n", encoding="utf-8")
    subs = tmp_path / "subs"
    _submit(subs, "s1", "quiz", ['sc01_answer = "B"'])
    _submit(subs, "s1", "lab6_new", ["q1_answer = 42"])
    _submit(subs, "s1", "lab7_broken", ["q1_answer = 42"])
    summary = grade(subs, tmp_path / "out", masters, progress=False)
    rows = _rows(tmp_path / "out")
    assert rows[("s1", "quiz", "sc01")][1] == "correct"
    assert rows[("s1", "lab6_new", "(notebook)")][1] == "error"
    assert rows[("s1", "lab7_broken", "(notebook)")][1] == "error"
    text = " | ".join(summary.warnings)
    assert "lab6_new: the kit has no checks or reference answers for it; make it a custom exercise folder" in text
    assert "lab7_broken:" in text and "RuntimeError: half written" in text


def test_release_puts_the_public_checks_beside_the_notebook(tmp_path: Path) -> None:
    masters = tmp_path / "mymasters"
    _custom_folder(masters)
    written = release(masters, tmp_path / "handout")
    assert sorted(p.name for p in written) == ["lab5_custom.checks.json", "lab5_custom.ipynb"]
    assert json.loads((tmp_path / "handout" / "lab5_custom.checks.json").read_text(encoding="utf-8")) == CHECKS
    text = (tmp_path / "handout" / "lab5_custom.ipynb").read_text(encoding="utf-8")
    assert "6 * 7" not in text and "q1_answer = None" in text
    # the student's check() reads the checks beside the notebook (the kernel runs in its folder)
    script = ("from labkit.checks import for_exercise\ncheck = for_exercise('lab5_custom')\n"
              "q1_answer = 4.5\ncheck('q1')\nq2_answer = '对'\ncheck('q2')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / "handout", capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "LABKIT_LANG": "en_US", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    q1, q2 = done.stdout.splitlines()
    assert q1.startswith("✗ q1:") and "a count is a whole number" in q1
    assert q2.startswith("✓ q2: public checks passed")
