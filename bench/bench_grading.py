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
The bench shows this instead of assuming it. Before timing, two students' whole submissions,
with one probe cell appended, run through each method's own kernel machinery (nbclient,
labkit's sandbox with the world the grader shares, nbgrader autograde with its hidden tests)
and the probe prints ``sys.executable``, the Python, numpy, pandas and ipykernel versions, the
student id the kernel sees, a digest of the world it computed on and how many cells the kernel
executed; they go to the results as ``evidence`` and the run stops unless every method agrees
(the labkit package path aside: the sandbox binds it at /opt/labkit). In the timed runs the
floor and nbgrader report the code cells their kernels executed (read from the executed and
the autograded notebooks) and labkit and nbgrader the answers they found correct. Every kernel
runs without a history file (``--HistoryManager.hist_file=:memory:``, nbgrader's default for
Python kernels, and labkit's).

Why nbgrader once ran below the floor (0.65x and 0.84x in two runs of the previous session): it
does not reproduce. With the lab1 of those runs (q1-q8) and with today's (q1-q10), per-cell times
in nbgrader's autograded notebooks equal the floor's, nbgrader executes every cell (the same
count), computes on the same worlds, and its whole ``autograde`` took 1.4-1.6x the floor's wall
time at low load and 1.06-1.19x its CPU time (its app start, the database, its preprocessors,
the hidden tests' ``verify``). Those two runs timed each method once per half while the load
average fell from 7-8 to 2-3, nbgrader in the middle of the run, the floor at both ends; a
round of this bench whose load fell from 12 to 6.5 read nbgrader at 0.88x the floor in wall
time and 1.11x in CPU time. So the methods now run in several rounds over
disjoint groups of students, the order rotated and reversed from round to round, and the figure
is the median over rounds of the ratios within a round; each method's CPU time (a cpuacct
cgroup around the bench and everything it starts, where the machine has one) is reported too:
the other helpers' processes do not count in it.

What the bench reports (``headline`` in the results): per core, in CPU seconds. With 1 worker
labkit builds the next student's world in a background thread while this student's kernel
runs, so its wall time gains from a second core the floor and nbgrader leave idle; its CPU
seconds (every process and thread of the method, the sandboxes included) do not. The goal
(issue #16: labkit with 1 worker at most 1.0x the floor and at least 1.2x faster than nbgrader)
is judged on the medians of the in-round CPU ratios; the wall-time ratios are reported beside
them. Both are computed from the rounds, never set: when the CPU goal is not met, the headline
says so.

The same bytecode for every method: the labkit package is compiled once before timing (as pip
does when it installs a wheel), so no method's kernel compiles labkit's modules again (a
checkout run with ``PYTHONDONTWRITEBYTECODE`` has no ``__pycache__``, and labkit's sandbox binds
the source read-only).

Run (nbgrader in its own venv, once):
    python3 -m venv /opt/nbgrader-venv && /opt/nbgrader-venv/bin/pip install nbgrader
    PYTHONPATH=$PWD python bench/bench_grading.py [--n 50] [--workers 2] [--nbgrader /opt/nbgrader-venv/bin/nbgrader]
    [--rounds 3]
Results go to bench/results/grading.json, with the load average before and after each round.
"""
from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import shutil
import statistics
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
from labkit.grading.collect import read_code
from labkit.grading.exercise import (
    BEGIN_HIDDEN,
    END_HIDDEN,
    given_imports,
    load_master,
    solution_version,
)
from labkit.grading.grade import grade
from labkit.grading.release import default_masters
from labkit.grading.sandbox import Limits, bwrap_path, run_cells
from labkit.grading.student_world import StudentWorld

EXERCISE = "lab1_classification"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ID = 'student_id("s0001")'
NO_HISTORY = ["--HistoryManager.hist_file=:memory:"]  # every method's kernel: nbgrader's default, labkit's runner
PROBE = """import json, sys
import ipykernel, numpy, pandas
import labkit
probe = json.dumps({"python": sys.executable, "version": sys.version.split()[0], "numpy": numpy.__version__,
                    "pandas": pandas.__version__, "ipykernel": ipykernel.__version__,
                    "labkit": labkit.__file__.rsplit("/", 3)[-3] + "/labkit", "student_id": STUDENT_ID,
                    "world": int(pandas.util.hash_pandas_object(world.organisations).sum() % 10**12),
                    "executed_cells": get_ipython().execution_count})
print(probe)
"""  # appended to a whole submission: STUDENT_ID and world are its setup cell's
CGROUP = Path("/sys/fs/cgroup/cpuacct")


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


class CpuClock:
    """CPU seconds of this process and everything it starts (a cpuacct cgroup), or None without one."""

    def __init__(self) -> None:
        self.group: Path | None = CGROUP / f"labkit-bench-{os.getpid()}"
        try:
            self.group.mkdir()
            (self.group / "cgroup.procs").write_text(str(os.getpid()))
        except OSError:
            self.group = None

    def seconds(self) -> float | None:
        return int((self.group / "cpuacct.usage").read_text()) / 1e9 if self.group else None

    def close(self) -> None:
        if self.group is not None:
            (CGROUP / "cgroup.procs").write_text(str(os.getpid()))
            for _attempt in range(20):  # the last children leave the group as they are reaped
                try:
                    self.group.rmdir()
                    return
                except OSError:
                    time.sleep(0.25)


Counts = dict[str, int]
Timed = tuple[float, float | None, Counts]


def _timed(clock: CpuClock, work: Callable[[], Counts]) -> Timed:
    cpu, start = clock.seconds(), time.perf_counter()
    counts = work()
    end_cpu = clock.seconds()
    return time.perf_counter() - start, None if cpu is None or end_cpu is None else end_cpu - cpu, counts


def _executed(nb: nbformat.NotebookNode) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" and c.get("execution_count") is not None)


def floor(clock: CpuClock, folder: Path, students: list[str]) -> Timed:
    """Each notebook executed once with nbclient, serially, the student's id in the environment."""
    def work() -> Counts:
        executed = 0
        for student in students:
            os.environ[STUDENT_ID_ENV] = student
            nb = nbformat.read(folder / student / f"{EXERCISE}.ipynb", as_version=4)
            NotebookClient(nb, kernel_name="python3", timeout=120, extra_arguments=NO_HISTORY).execute()
            executed += _executed(nb)
        os.environ.pop(STUDENT_ID_ENV, None)
        return {"executed_cells": executed}
    return _timed(clock, work)


def labkit_grade(clock: CpuClock, folder: Path, workers: int) -> Timed:
    out = Path(tempfile.mkdtemp(prefix="bench-grade-"))

    def work() -> Counts:
        grade(folder, out, default_masters(), workers=workers, progress=False)
        return {}
    seconds, cpu, counts = _timed(clock, work)
    lines = (out / "gradebook.csv").read_text(encoding="utf-8-sig").splitlines()
    counts["correct_rows"] = sum(1 for line in lines if ",correct," in line)
    # a round that grades fewer rows correct says why (once, 2 of 6 students lost every row at load 14)
    for line in lines[1:]:
        if ",correct," not in line and ",pending_review," not in line:
            print(f"labkit {workers} worker(s), a row not correct: {line}", file=sys.stderr)
    shutil.rmtree(out)
    shutil.rmtree(folder)
    return seconds, cpu, counts


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


def _auto_points() -> float:
    return sum(q.points for q in load_master(default_masters() / f"{EXERCISE}.ipynb").questions if q.kind == "answer")


def nbgrader_autograde(clock: CpuClock, program: str, folder: Path, students: list[str]) -> Timed:
    """``nbgrader autograde`` of these students (the course made beforehand, not timed)."""
    course = Nbgrader(program)
    try:
        mine = {s: nbformat.read(folder / s / f"{EXERCISE}.ipynb", as_version=4) for s in students}
        done = course.assignment("lab1", _nbgrader_source(default_masters() / f"{EXERCISE}.ipynb"), mine)
        seconds, cpu, counts = _timed(clock, lambda: course.run("autograde", "lab1", "--force") or {})
        course.run("export", "--to", str(course.course / "grades.csv"))
        with (course.course / "grades.csv").open(encoding="utf-8") as handle:
            scores = [row for row in csv.DictReader(handle) if row["assignment"] == "lab1"]
        # full marks on the auto-graded points (the open answers wait for the instructor, as in labkit)
        counts["full_marks"] = sum(1 for row in scores if float(row["raw_score"]) == _auto_points())
        counts["executed_cells"] = sum(_executed(nbformat.read(done / s / "lab1" / "lab1.ipynb", 4)) for s in students)
        return seconds, cpu, counts
    finally:
        course.close()


def _printed(nb: nbformat.NotebookNode) -> dict[str, object]:
    return json.loads(nb.cells[-1].outputs[0]["text"])


def _with_probe(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    probed = nbformat.from_dict(json.loads(json.dumps(nb)))
    probed.cells.append(nbformat.v4.new_code_cell(PROBE))
    return probed


def evidence(nbgrader: str | None, folder: Path, students: list[str]) -> dict[str, dict[str, object]]:
    """What each method's kernel says after running a whole submission: interpreter, versions, id, world, cells run."""
    seen: dict[str, dict[str, object]] = {}
    path = {s: folder / s / f"{EXERCISE}.ipynb" for s in students}
    ex = load_master(default_masters() / f"{EXERCISE}.ipynb")
    for student in students:
        os.environ[STUDENT_ID_ENV] = student
        nb = _with_probe(nbformat.read(path[student], as_version=4))
        NotebookClient(nb, kernel_name="python3", timeout=120, extra_arguments=NO_HISTORY).execute()
        seen[f"floor (nbclient) {student}"] = _printed(nb)
        os.environ.pop(STUDENT_ID_ENV, None)
    for student in students:  # the path of labkit.grading.task.grade_submission, the probe as one more cell
        with StudentWorld(student, [ex]) as world:
            result = run_cells([*read_code(path[student]).sources, PROBE], extraction_source(["probe"], 100_000),
                               Limits(), bwrap_path(), {STUDENT_ID_ENV: student}, shared=world.folder,
                               prepare=world.build, preload=given_imports(ex))
        seen[f"labkit (sandbox) {student}"] = json.loads(result.report["answers"]["probe"]["value"])  # type: ignore[index]
    if nbgrader:
        course = Nbgrader(nbgrader)
        try:
            done = course.assignment("probe", _with_probe(_nbgrader_source(ex.path)),
                                     {s: _with_probe(nbformat.read(path[s], as_version=4)) for s in students})
            course.run("autograde", "probe", "--force")
            for student in students:
                seen[f"nbgrader (autograde) {student}"] = _printed(nbformat.read(done / student / "probe" / "probe.ipynb", 4))
        finally:
            course.close()
    return seen


GOAL_VS_FLOOR = 1.0  # issue #16: labkit with 1 worker at most this many times the floor's CPU seconds
GOAL_VS_NBGRADER = 1.2  # and at least this many times faster than nbgrader


def headline(results: dict[str, object], rounds: list[dict[str, object]]) -> dict[str, object]:
    """Per core, in CPU seconds: labkit with 1 worker against the floor and nbgrader, and whether the goal holds."""
    def median(key: str) -> float | None:
        value = results.get(key)
        return value["median"] if isinstance(value, dict) else None  # type: ignore[return-value]

    def per_notebook(method: str, key: str) -> float | None:
        values = [r[method][key] / r["students"] for r in rounds  # type: ignore[index, operator]
                  if method in r and r[method][key] is not None]  # type: ignore[index]
        return round(statistics.median(values), 3) if values else None

    methods = [m for m in ("floor", "labkit_1_worker", "nbgrader") if all(m in r for r in rounds)]
    floor_cpu, nbgrader_cpu = median("labkit_1_worker_vs_floor_cpu"), median("nbgrader_vs_labkit_1_worker_cpu")
    line: dict[str, object] = {
        "measure": "CPU seconds (cpuacct cgroup); wall time beside it",
        "cpu_s_per_notebook": {m: per_notebook(m, "cpu_s") for m in methods},
        "wall_s_per_notebook": {m: per_notebook(m, "s") for m in methods},
        "labkit_1_worker_vs_floor": {"cpu": floor_cpu, "wall": median("labkit_1_worker_vs_floor_wall"),
                                     "goal": f"<= {GOAL_VS_FLOOR}"},
        "labkit_1_worker_faster_than_nbgrader": {"cpu": nbgrader_cpu, "wall": median("nbgrader_vs_labkit_1_worker_wall"),
                                                 "goal": f">= {GOAL_VS_NBGRADER}"},
        "load_average_1min": [round(r["load_before"][0], 1) for r in rounds],  # type: ignore[index]
    }
    if floor_cpu is None or nbgrader_cpu is None:
        line["per_core_goal_met"] = None  # no CPU clock here, or no nbgrader: not judged
    else:
        line["per_core_goal_met"] = floor_cpu <= GOAL_VS_FLOOR and nbgrader_cpu >= GOAL_VS_NBGRADER
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3, help="groups of students, each timed with every method")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--nbgrader", default=shutil.which("nbgrader"), help="nbgrader executable (separate venv)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-subs-"))
    students = make_submissions(folder, args.n)
    results: dict[str, object] = {"n": args.n, "rounds": args.rounds, "workers": args.workers}
    compileall.compile_dir(ROOT / "labkit", quiet=1)  # the same bytecode for every method's kernel
    seen = evidence(args.nbgrader, folder, students[:2])
    results["evidence"] = seen
    for student in students[:2]:  # the same interpreter, versions, id, world and cells run for one student
        alike = [{k: v for k, v in kernel.items() if k != "labkit"} for name, kernel in seen.items() if name.endswith(student)]
        if any(kernel != alike[0] for kernel in alike):
            print(json.dumps(seen, indent=1))
            raise SystemExit("the kernels of the methods differ: not the same work (see above)")
    w = f"labkit_{args.workers}_workers"
    methods: dict[str, Callable[[list[str]], Timed]] = {
        "floor": lambda part: floor(clock, folder, part),
        "labkit_1_worker": lambda part: labkit_grade(clock, _subset(folder, part), 1),
        w: lambda part: labkit_grade(clock, _subset(folder, part), args.workers),
    }
    if args.nbgrader:
        methods["nbgrader"] = lambda part: nbgrader_autograde(clock, args.nbgrader, folder, part)
    else:
        results["nbgrader_error"] = "nbgrader not available: --nbgrader /path/to/venv/bin/nbgrader"
    clock = CpuClock()
    rounds: list[dict[str, object]] = []
    try:
        for index in range(args.rounds):
            part = students[index::args.rounds]
            order = list(methods)[index % len(methods):] + list(methods)[:index % len(methods)]
            this: dict[str, object] = {"students": len(part), "load_before": os.getloadavg()}
            for name in order[::-1] if index % 2 else order:
                try:
                    seconds, cpu, counts = methods[name](part)
                except subprocess.CalledProcessError as exc:
                    raise SystemExit(f"{name} failed: {(exc.stderr or '')[-2000:]}") from None
                this[name] = {"s": round(seconds, 2), "cpu_s": None if cpu is None else round(cpu, 2), **counts}
            this["load_after"] = os.getloadavg()
            rounds.append(this)
            print(json.dumps(this), flush=True)
    finally:
        clock.close()
    results["rounds_detail"] = rounds

    def ratios(top: str, bottom: str, key: str) -> list[float]:
        return [r[top][key] / r[bottom][key] for r in rounds  # type: ignore[index]
                if r[top][key] is not None and r[bottom][key]]  # type: ignore[index]

    pairs = [("labkit_1_worker", "floor"), (w, "floor")]
    if args.nbgrader:
        pairs += [("nbgrader", "floor"), ("nbgrader", "labkit_1_worker"), ("nbgrader", w)]
    for top, bottom in pairs:
        for key, label in (("s", "wall"), ("cpu_s", "cpu")):
            values = ratios(top, bottom, key)
            if values:
                results[f"{top}_vs_{bottom}_{label}"] = {"median": round(statistics.median(values), 3),
                                                          "rounds": [round(v, 3) for v in values]}
    results["headline"] = headline(results, rounds)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "grading.json").write_text(json.dumps(results, indent=1))
    print(json.dumps({k: v for k, v in results.items() if k != "evidence"}, indent=1))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
