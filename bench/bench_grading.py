"""Grading throughput on the same N submissions, measured in one run (评分吞吐量).

The methods run in ABBA order (all on the first half, then in reverse order on the second
half) so that a drifting load on a shared machine does not favour one of them.

1. floor: execute each notebook once with nbclient in this process (no sandbox, no grading);
2. labkit: ``grade`` with 1 worker (per-core comparison with the floor) and with ``--workers``;
3. nbgrader ``autograde`` of the same notebooks (``--nbgrader BIN``, nbgrader of a separate venv).

The same work for every method (a fair baseline):

- the same notebooks: the answer key of ``lab1_classification`` with each student's own id
  written in its first code cell, as a student hands it in (s001..sNNN), so every method builds
  that student's own world; nbgrader gets these very cells under its metadata (its hidden tests
  are the masters' ``verify`` calls, the setup cell stays the student's, not nbgrader's copy);
- the same student ids: the folder names for labkit, ``nbgrader db student add`` + ``submitted/<id>``;
- kernels in the same environment: nbgrader runs from its own venv, whose ``python3`` kernel
  would be that venv's interpreter (other pandas and numpy); the bench gives it a ``python3``
  kernelspec of this interpreter (``JUPYTER_PATH``, found before the native one).
The bench proves the last point instead of assuming it: before timing, one probe cell runs
through each method's own kernel machinery (nbclient, labkit's sandbox, nbgrader autograde) and
prints ``sys.executable``, the Python, numpy, pandas and ipykernel versions, the labkit package
the student id the kernel sees and a digest of its world; they go to the results as ``kernels``
and the run stops if they differ. Every kernel runs without a history file
(``--HistoryManager.hist_file=:memory:``, nbgrader's default for Python kernels, and labkit's).
Measured so far nbgrader still runs *below* the nbclient floor (0.65-0.84x) with the same
interpreter, notebooks, ids and worlds: the cause is not found yet (not the kernel, not the
history file), so read the nbgrader column with that in mind.

Run (nbgrader in its own venv, once):
    python3 -m venv /opt/nbgrader-venv && /opt/nbgrader-venv/bin/pip install nbgrader
    PYTHONPATH=$PWD python bench/bench_grading.py [--n 50] [--workers 2] [--nbgrader /opt/nbgrader-venv/bin/nbgrader]
Results go to bench/results/grading.json, with the load average before and after.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from labkit.checks import STUDENT_ID_ENV
from labkit.grading.answers import extraction_source
from labkit.grading.exercise import (
    BEGIN_HIDDEN,
    END_HIDDEN,
    load_master,
    solution_version,
)
from labkit.grading.grade import grade
from labkit.grading.release import default_masters
from labkit.grading.sandbox import Limits, bwrap_path, run_cells

EXERCISE = "lab1_classification"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ID = 'student_id("s0001")'
NO_HISTORY = ["--HistoryManager.hist_file=:memory:"]  # every method's kernel: nbgrader's default, labkit's runner
PROBE = """import json, os, sys
import ipykernel, numpy, pandas
import labkit
world = labkit.load_world(student_id=STUDENT_ID)
probe = json.dumps({"python": sys.executable, "version": sys.version.split()[0], "numpy": numpy.__version__,
                    "pandas": pandas.__version__, "ipykernel": ipykernel.__version__,
                    "labkit": os.path.basename(os.path.dirname(os.path.dirname(labkit.__file__))) + "/labkit",
                    "student_id": STUDENT_ID,
                    "world": int(pandas.util.hash_pandas_object(world.organisations).sum() % 10**12)})
print(probe)
"""


def make_submissions(folder: Path, n: int) -> list[str]:
    """The key with each student's own id in its setup cell, as that student hands it in."""
    key = solution_version(load_master(default_masters() / f"{EXERCISE}.ipynb"))
    students = [f"s{i:03d}" for i in range(1, n + 1)]
    for student in students:
        nb = nbformat.from_dict(json.loads(json.dumps(key)))
        [setup] = [c for c in nb.cells if c.get("metadata", {}).get("labkit", {}).get("kind") == "setup"]
        assert DEFAULT_ID in setup.source
        setup.source = setup.source.replace(DEFAULT_ID, f'student_id("{student}")')
        (folder / student).mkdir(parents=True)
        nbformat.write(nb, folder / student / f"{EXERCISE}.ipynb")
    return students


def _subset(folder: Path, students: list[str]) -> Path:
    part = Path(tempfile.mkdtemp(prefix="bench-part-"))
    for student in students:
        shutil.copytree(folder / student, part / student)
    return part


def floor(folder: Path, students: list[str]) -> tuple[float, int]:
    """Each notebook executed once with nbclient, serially, the student's id in the environment."""
    start = time.perf_counter()
    for student in students:
        os.environ[STUDENT_ID_ENV] = student
        nb = nbformat.read(folder / student / f"{EXERCISE}.ipynb", as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=120, extra_arguments=NO_HISTORY).execute()
    os.environ.pop(STUDENT_ID_ENV, None)
    return time.perf_counter() - start, len(students)


def labkit_grade(folder: Path, workers: int) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp(prefix="bench-grade-"))
    start = time.perf_counter()
    grade(folder, out, default_masters(), workers=workers, progress=False)
    seconds = time.perf_counter() - start
    correct = sum(1 for line in (out / "gradebook.csv").read_text().splitlines() if ",correct," in line)
    shutil.rmtree(out)
    return seconds, correct


def _nbgrader_source(master: Path) -> nbformat.NotebookNode:
    """The master with nbgrader metadata: the markers are the same, only the metadata differs.

    The setup cell (the student id) gets none: nbgrader keeps the student's own, as labkit does."""
    nb = nbformat.read(master, as_version=4)
    points = {c.metadata["labkit"]["question"]: c.metadata["labkit"]["points"] for c in nb.cells
              if c.metadata.get("labkit", {}).get("kind") in ("answer", "open")}
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.pop("labkit", {})
        kind = meta.get("kind")
        base = {"schema_version": 3, "grade_id": f"{meta.get('question', 'cell')}_{kind}_{index}", "locked": False,
                "solution": False, "grade": False}
        if kind in ("answer", "open"):
            base.update(solution=True, grade=kind == "open", **({"points": meta["points"]} if kind == "open" else {}))
        elif kind == "check" and BEGIN_HIDDEN in cell.source:  # the hidden tests bring their own import
            cell.source = cell.source.replace(BEGIN_HIDDEN, BEGIN_HIDDEN + "\nfrom labkit.grading.reference import verify")
            base.update(grade=True, locked=True, points=points[meta["question"]])
        elif kind == "setup":
            cell.source = "\n".join(line for line in cell.source.splitlines()
                                    if line.strip() not in (BEGIN_HIDDEN, END_HIDDEN) and "import verify" not in line)
            continue
        elif cell.cell_type == "code":
            base.update(locked=True)
        else:
            continue
        cell.metadata["nbgrader"] = base
    return nb


class Nbgrader:
    """A course folder for ``nbgrader autograde``, its kernels in this interpreter."""

    def __init__(self, program: str) -> None:
        self.program = program
        self.course = Path(tempfile.mkdtemp(prefix="bench-nbgrader-"))
        kernel = self.course / "jupyter" / "kernels" / "python3"
        kernel.mkdir(parents=True)
        (kernel / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (the bench's interpreter)", "language": "python"}))
        (self.course / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.root = {str(self.course)!r}\nc.ExecutePreprocessor.timeout = 120\n")
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_PATH": str(self.course / "jupyter"),
                    "PATH": f"{Path(program).parent}:{os.environ['PATH']}"}
        self.env.pop(STUDENT_ID_ENV, None)

    def run(self, *args: str) -> None:
        subprocess.run([self.program, *args], cwd=self.course, env=self.env, check=True, capture_output=True, text=True)

    def assignment(self, name: str, source: nbformat.NotebookNode, students: dict[str, nbformat.NotebookNode]) -> Path:
        """Release ``source`` as ``name`` and hand in each student's cells; the folder of the autograded ones."""
        (self.course / "source" / name).mkdir(parents=True)
        nbformat.write(source, self.course / "source" / name / f"{name}.ipynb")
        for student in students:
            self.run("db", "student", "add", student)
        self.run("generate_assignment", name, "--force")
        released = nbformat.read(self.course / "release" / name / f"{name}.ipynb", as_version=4)
        for student, handed_in in students.items():
            nb = nbformat.from_dict(json.loads(json.dumps(released)))
            for cell, theirs in zip(nb.cells, handed_in.cells, strict=True):
                cell.source = theirs.source  # the student's cells; autograde puts the locked ones back
            target = self.course / "submitted" / student / name
            target.mkdir(parents=True)
            nbformat.write(nb, target / f"{name}.ipynb")
            (target / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
        return self.course / "autograded"

    def close(self) -> None:
        shutil.rmtree(self.course)


def nbgrader_autograde(program: str, folder: Path, students: list[str]) -> tuple[float, int]:
    course = Nbgrader(program)
    try:
        mine = {s: nbformat.read(folder / s / f"{EXERCISE}.ipynb", as_version=4) for s in students}
        course.assignment("lab1", _nbgrader_source(default_masters() / f"{EXERCISE}.ipynb"), mine)
        start = time.perf_counter()
        course.run("autograde", "lab1", "--force")
        seconds = time.perf_counter() - start
        course.run("export", "--to", str(course.course / "grades.csv"))
        with (course.course / "grades.csv").open(encoding="utf-8") as handle:
            scores = [row for row in csv.DictReader(handle) if row["assignment"] == "lab1"]
        # full marks on the auto-graded points (the open answers wait for the instructor, as in labkit)
        auto = sum(q.points for q in load_master(default_masters() / f"{EXERCISE}.ipynb").questions if q.kind == "answer")
        return seconds, sum(1 for row in scores if float(row["raw_score"]) == auto)
    finally:
        course.close()


def _probe_cells(student: str) -> list[str]:
    """The probe: the setup cell's student id as a student writes it, then what the kernel sees."""
    return [f"from labkit.checks import student_id\nSTUDENT_ID = student_id({student!r})", PROBE]


def _probe_notebook(student: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in _probe_cells(student)]
    return nb


def _printed(nb: nbformat.NotebookNode) -> dict[str, object]:
    return json.loads(nb.cells[-1].outputs[0]["text"])


def kernels(nbgrader: str | None, student: str) -> dict[str, dict[str, object]]:
    """What each method's kernel says about itself: interpreter, versions, labkit, student id, world."""
    seen: dict[str, dict[str, object]] = {}
    os.environ[STUDENT_ID_ENV] = student
    nb = _probe_notebook(student)
    NotebookClient(nb, kernel_name="python3", timeout=120, extra_arguments=NO_HISTORY).execute()
    seen["floor (nbclient)"] = _printed(nb)
    os.environ.pop(STUDENT_ID_ENV, None)
    result = run_cells(_probe_cells(student), extraction_source(["probe"], 10_000), Limits(), bwrap_path(),
                       {STUDENT_ID_ENV: student})
    seen["labkit (sandbox)"] = json.loads(result.report["answers"]["probe"]["value"])  # type: ignore[index]
    if nbgrader:
        course = Nbgrader(nbgrader)
        try:
            done = course.assignment("probe", _probe_notebook(student), {student: _probe_notebook(student)})
            course.run("autograde", "probe", "--force")
            seen["nbgrader (autograde)"] = _printed(nbformat.read(done / student / "probe" / "probe.ipynb", 4))
        finally:
            course.close()
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--nbgrader", default=shutil.which("nbgrader"), help="nbgrader executable (separate venv)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-subs-"))
    students = make_submissions(folder, args.n)
    results: dict[str, object] = {"n": args.n, "workers": args.workers, "load_before": os.getloadavg()}
    seen = kernels(args.nbgrader, students[0])
    results["kernels"] = seen
    # the same interpreter, versions, student id and world; labkit's sandbox binds this package at /opt/labkit
    alike = [{k: v for k, v in kernel.items() if k != "labkit"} for kernel in seen.values()]
    if any(kernel != alike[0] for kernel in alike):
        print(json.dumps(seen, indent=1))
        raise SystemExit("the kernels of the methods differ: not the same environment (see above)")
    halves = [students[: len(students) // 2], students[len(students) // 2:]]
    methods: dict[str, tuple[str, Callable[[list[str]], tuple[float, int]]]] = {
        "floor": ("executed", lambda part: floor(folder, part)),
        "labkit_1_worker": ("correct_rows", lambda part: labkit_grade(_subset(folder, part), 1)),
        f"labkit_{args.workers}_workers": ("correct_rows", lambda part: labkit_grade(_subset(folder, part), args.workers)),
    }
    if args.nbgrader:
        methods["nbgrader_autograde"] = ("full_marks", lambda part: nbgrader_autograde(args.nbgrader, folder, part))
    else:
        results["nbgrader_error"] = "nbgrader not available: --nbgrader /path/to/venv/bin/nbgrader"
    order = list(methods)
    for half, names in zip(halves, (order, order[::-1])):  # ABBA order cancels a drifting machine load
        for name in names:
            what, method = methods[name]
            try:
                seconds, done = method(half)
            except subprocess.CalledProcessError as exc:
                raise SystemExit(f"{name} failed: {(exc.stderr or '')[-2000:]}") from None
            results[f"{name}_s"] = results.get(f"{name}_s", 0.0) + seconds  # type: ignore[operator]
            results[f"{name}_{what}"] = results.get(f"{name}_{what}", 0) + done  # type: ignore[operator]
    results["load_after"] = os.getloadavg()
    w = f"labkit_{args.workers}_workers"
    results["labkit_1_worker_vs_floor"] = results["labkit_1_worker_s"] / results["floor_s"]  # type: ignore[operator]
    if args.nbgrader:
        results["nbgrader_vs_labkit_1_worker"] = results["nbgrader_autograde_s"] / results["labkit_1_worker_s"]  # type: ignore[operator]
        results[f"nbgrader_vs_{w}"] = results["nbgrader_autograde_s"] / results[f"{w}_s"]  # type: ignore[operator]
        results["nbgrader_vs_floor"] = results["nbgrader_autograde_s"] / results["floor_s"]  # type: ignore[operator]
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "grading.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
