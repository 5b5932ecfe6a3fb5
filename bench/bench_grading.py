"""Grading throughput on the same N submissions, measured in one run (评分吞吐量).

The methods run in ABBA order (all on the first half, then in reverse order on the second
half) so that a drifting load on a shared machine does not favour one of them.

1. floor: execute each notebook once with nbclient in this process (no sandbox, no grading);
2. labkit: ``grade`` with 1 worker (per-core comparison with the floor) and with ``--workers``;
3. nbgrader ``autograde`` on the same answers (if an nbgrader is available: ``--nbgrader BIN``).

The submissions are the answer key of ``lab1_classification`` for students s001..sNNN, so each
one builds its own personal world. Results go to bench/results/grading.json.

Run: PYTHONPATH=$PWD python bench/bench_grading.py [--n 50] [--workers 2] [--nbgrader NBGRADER]  (the nbgrader program of a separate venv)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from labkit.grading.exercise import BEGIN_HIDDEN, END_HIDDEN, load_master, solution_version
from labkit.grading.grade import grade
from labkit.grading.release import default_masters

EXERCISE = "lab1_classification"
ROOT = Path(__file__).resolve().parents[1]


def make_submissions(folder: Path, n: int) -> list[str]:
    key = solution_version(load_master(default_masters() / f"{EXERCISE}.ipynb"))
    students = [f"s{i:03d}" for i in range(1, n + 1)]
    for student in students:
        (folder / student).mkdir(parents=True)
        nbformat.write(key, folder / student / f"{EXERCISE}.ipynb")
    return students


def _subset(folder: Path, students: list[str]) -> Path:
    part = Path(tempfile.mkdtemp(prefix="bench-part-"))
    for student in students:
        shutil.copytree(folder / student, part / student)
    return part


def _count(results: dict[str, object], timed: tuple[float, int], key: str = "labkit_correct_rows") -> float:
    """Keep the seconds; add up how many rows/notebooks were really graded (a fast failure is no result)."""
    results[key] = int(results.get(key, 0)) + timed[1]  # type: ignore[arg-type]
    return timed[0]


def floor(folder: Path, students: list[str]) -> float:
    """Each notebook executed once with nbclient, serially, the student's id in the environment."""
    start = time.perf_counter()
    for student in students:
        os.environ["LABKIT_STUDENT_ID"] = student
        nb = nbformat.read(folder / student / f"{EXERCISE}.ipynb", as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    os.environ.pop("LABKIT_STUDENT_ID", None)
    return time.perf_counter() - start


def labkit_grade(folder: Path, workers: int) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp(prefix="bench-grade-"))
    start = time.perf_counter()
    grade(folder, out, default_masters(), workers=workers, progress=False)
    seconds = time.perf_counter() - start
    correct = sum(1 for line in (out / "gradebook.csv").read_text().splitlines() if ",correct," in line)
    shutil.rmtree(out)
    return seconds, correct


def _nbgrader_source(master: Path) -> nbformat.NotebookNode:
    """The master with nbgrader metadata: the markers are the same, only the metadata differs."""
    nb = nbformat.read(master, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.pop("labkit", {})
        kind = meta.get("kind")
        base = {"schema_version": 3, "grade_id": f"{meta.get('question', 'setup')}_{kind}_{id(cell)}", "locked": False,
                "solution": False, "grade": False}
        if kind in ("answer", "open"):
            base.update(solution=True, grade=kind == "open", **({"points": meta["points"]} if kind == "open" else {}))
        elif kind == "check" and BEGIN_HIDDEN in cell.source:
            points = next(c.metadata["labkit"]["points"] for c in nbformat.read(master, as_version=4).cells
                          if c.metadata.get("labkit", {}).get("question") == meta["question"]
                          and c.metadata["labkit"]["kind"] == "answer")
            base.update(grade=True, locked=True, points=points)
        elif cell.cell_type == "code":  # nbgrader allows hidden tests only in grade cells
            cell.source = "\n".join(line for line in cell.source.splitlines() if line.strip() not in (BEGIN_HIDDEN, END_HIDDEN))
            base.update(locked=True)
        else:
            continue
        cell.metadata["nbgrader"] = base
    return nb


def nbgrader_autograde(nbgrader: str, folder: Path, students: list[str]) -> tuple[float, int]:
    course = Path(tempfile.mkdtemp(prefix="bench-nbgrader-"))
    (course / "source" / "lab1").mkdir(parents=True)
    nbformat.write(_nbgrader_source(default_masters() / f"{EXERCISE}.ipynb"), course / "source" / "lab1" / "lab1.ipynb")
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\nc.ExecutePreprocessor.timeout = 120\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{Path(nbgrader).parent}:{os.environ['PATH']}"}
    run = lambda *args: subprocess.run([nbgrader, *args], cwd=course, env=env, check=True,  # noqa: E731
                                       capture_output=True, text=True)
    run("db", "student", "add", "dummy")
    for student in students:
        run("db", "student", "add", student)
    run("generate_assignment", "lab1", "--force")
    released = nbformat.read(course / "source" / "lab1" / "lab1.ipynb", as_version=4)
    for cell in released.cells:  # what a student who solved everything hands in: no hidden tests
        lines, hidden = [], False
        for line in cell.source.splitlines():
            if line.strip() == BEGIN_HIDDEN:
                hidden = True
            elif line.strip() == END_HIDDEN:
                hidden = False
            elif not hidden and not line.strip().startswith("### "):
                lines.append(line)
        cell.source = "\n".join(lines)
    for student in students:
        target = course / "submitted" / student / "lab1"
        target.mkdir(parents=True)
        nbformat.write(released, target / "lab1.ipynb")
        (target / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
    start = time.perf_counter()
    run("autograde", "lab1", "--force")
    seconds = time.perf_counter() - start
    graded = len(list((course / "autograded").glob("*/lab1/lab1.ipynb")))
    shutil.rmtree(course)
    return seconds, graded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--nbgrader", default=shutil.which("nbgrader"), help="nbgrader executable (separate venv)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-subs-"))
    students = make_submissions(folder, args.n)
    results: dict[str, object] = {"n": args.n, "workers": args.workers, "load_before": os.getloadavg()}
    halves = [students[: len(students) // 2], students[len(students) // 2:]]
    methods = {
        "floor_s": lambda part: floor(folder, part),
        "labkit_1_worker_s": lambda part: _count(results, labkit_grade(_subset(folder, part), 1)),
        f"labkit_{args.workers}_workers_s": lambda part: _count(results, labkit_grade(_subset(folder, part), args.workers)),
    }
    if args.nbgrader:
        methods["nbgrader_autograde_s"] = lambda part: _count(
            results, nbgrader_autograde(args.nbgrader, folder, part), "nbgrader_autograded")
    else:
        results["nbgrader_error"] = "nbgrader not available"
    order = list(methods)
    for half, names in zip(halves, (order, order[::-1])):  # ABBA order cancels a drifting machine load
        for name in names:
            try:
                results[name] = results.get(name, 0.0) + methods[name](half)
            except subprocess.CalledProcessError as exc:
                results["nbgrader_error"] = (exc.stderr or "")[-2000:]
    results["load_after"] = os.getloadavg()
    per_core = results["labkit_1_worker_s"] / results["floor_s"]
    results["labkit_per_core_vs_floor"] = per_core
    if "nbgrader_autograde_s" in results:
        results["speedup_vs_nbgrader"] = results["nbgrader_autograde_s"] / results[f"labkit_{args.workers}_workers_s"]
        results["speedup_vs_nbgrader_1_worker"] = results["nbgrader_autograde_s"] / results["labkit_1_worker_s"]
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "grading.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
