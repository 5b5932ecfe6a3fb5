"""Each step of the grading pipeline on its own, in the order the data flows:
collect -> (run in the sandbox: tests/test_grading_hostile.py) -> decode answers -> compare -> flag."""
from __future__ import annotations

import os
import signal
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from labkit.errors import LabkitError
from labkit.grading.answers import collected_answers
from labkit.grading.collect import (
    MAX_CELL_BYTES,
    MAX_NOTEBOOK_BYTES,
    SubmittedCode,
    carried,
    discover,
    parse_code,
    read_code,
    submitted_code,
)
from labkit.grading.encoder import encode
from labkit.grading.exercise import find_masters
from labkit.grading.flags import flag_forbidden
from labkit.grading.release import default_masters
from labkit.grading.sandbox import RunResult
from labkit.grading.score import score
from labkit.grading.submission import Outcome, Submission
from labkit.i18n import using_language

QUIZ = {ex.name: ex for ex in find_masters(default_masters())}["quiz"]


@pytest.fixture(autouse=True)
def _english():
    with using_language("en_US"):  # and back to the language before, not to the default
        yield


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# -- collect ---------------------------------------------------------------------------------

def test_discover_keeps_good_entries_and_makes_rows_for_bad_ones(tmp_path: Path) -> None:
    _notebook(tmp_path / "s1" / "quiz.ipynb", "x = 1")
    _notebook(tmp_path / "s1" / "homework.ipynb", "x = 1")
    _notebook(tmp_path / "bad id!" / "quiz.ipynb", "x = 1")
    subs, bad, problems = discover(tmp_path, {"quiz": QUIZ})
    assert [(s.student_id, s.exercise) for s in subs] == [("s1", "quiz")]
    messages = {o.submission.student_id: o.rows[0].message for o in bad}
    assert list(messages) == ["s1"] and "no exercise called 'homework'" in messages["s1"]
    assert problems == ["No student id found in the folder name 'bad id!'; it is not graded."]


def test_code_cells_and_their_questions(tmp_path: Path) -> None:
    path = _notebook(tmp_path / "nb.ipynb", "a = 1", "b = 2")
    nb = nbformat.read(path, 4)
    nb.cells[1].metadata["labkit"] = {"question": "sc02"}
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("# text"))
    nbformat.write(nb, path)
    assert read_code(path) == SubmittedCode(["a = 1", "b = 2"], ["", "sc02"])


def test_carried_bytes_are_checked_as_a_file_is(tmp_path: Path) -> None:
    """A task for a machine without the submissions folder carries the bytes; the worker checks them again."""
    path = _notebook(tmp_path / "s001" / "quiz.ipynb", "a = 1", "b = 2")
    sub = carried(Submission("s001", "quiz", path))
    path.unlink()  # the worker never opens the file
    assert sub.content is not None and submitted_code(sub) == SubmittedCode(["a = 1", "b = 2"], ["", ""])
    assert sub == Submission("s001", "quiz", path)  # the same submission, with or without its bytes
    with pytest.raises(LabkitError, match="larger than 5 MB"):
        parse_code(b" " * (MAX_NOTEBOOK_BYTES + 1))
    with pytest.raises(LabkitError, match="code cell 1 is larger"):
        parse_code(nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x" * (MAX_CELL_BYTES + 1))])).encode())
    (tmp_path / "link.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    with pytest.raises(LabkitError, match="symbolic link"):
        carried(Submission("s001", "quiz", tmp_path / "link.ipynb"))


def _read_in_thread(path: Path) -> str:
    """read_code in a thread: a blocking open would hang the test, so it is joined with a bound."""
    found: list[str] = []
    worker = threading.Thread(target=lambda: found.append(_message(path)), daemon=True)
    worker.start()
    worker.join(20)
    assert found, "reading the submission blocked"
    return found[0]


def _message(path: Path) -> str:
    try:
        read_code(path)
    except LabkitError as exc:
        return str(exc)
    return "read"


def test_a_fifo_is_not_a_submission_and_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "quiz.ipynb")
    assert "not a regular file" in _read_in_thread(tmp_path / "quiz.ipynb")


def test_a_socket_is_not_a_submission(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "quiz.ipynb"))
    try:
        assert "not a regular file" in _read_in_thread(tmp_path / "quiz.ipynb")
    finally:
        server.close()


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_link_is_not_followed(tmp_path: Path, target: str) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
        target = str(tmp_path / "fifo")
    (tmp_path / "quiz.ipynb").symlink_to(target)
    assert "symbolic link" in _read_in_thread(tmp_path / "quiz.ipynb")


def test_sizes_are_checked_before_parsing(tmp_path: Path) -> None:
    huge = tmp_path / "huge.ipynb"
    with huge.open("wb") as handle:
        handle.truncate(6 * 1024**2)  # sparse: the size alone refuses it
    assert "larger than 5 MB" in _message(huge)
    big_cell = _notebook(tmp_path / "cell.ipynb", "x = 1", "x = " + "1+" * (MAX_CELL_BYTES // 2) + "1")
    assert "code cell 2 is larger than 64 KB" in _message(big_cell)


@pytest.mark.parametrize("content", [b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe", b'{"cells": 5}'])
def test_unreadable_notebooks_are_one_sentence(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "nb.ipynb").write_bytes(content)
    assert "not a readable Jupyter notebook" in _message(tmp_path / "nb.ipynb")


# -- decode answers --------------------------------------------------------------------------

def test_answers_come_back_per_question() -> None:
    report = {"answers": {"sc01_answer": encode("B")}, "errors": []}
    answers = collected_answers(RunResult(report), QUIZ)
    assert answers["sc01"] == {"kind": "text", "value": "B"} and answers["sc02"] is None


@pytest.mark.parametrize("result, words", [
    (RunResult(None, "stopped after the wall-clock limit of 5 s"), "wall-clock"),
    (RunResult({"answers": None, "kernel_died": True}), "kernel died"),
    (RunResult({"answers": "forged"}), "no answers came back"),
])
def test_no_answers_is_a_reason(result: RunResult, words: str) -> None:
    with pytest.raises(LabkitError, match=words):
        collected_answers(result, QUIZ)


# -- compare ---------------------------------------------------------------------------------

def test_rows_per_question_without_expected_values() -> None:
    outcome = Outcome(Submission("s1", "quiz", Path("x")), [],
                      answers={"sc01": encode("B"), "sc02": encode("C"), "sc03": {"kind": "missing"},
                               "sa01": encode("展前、展中、展后的全程客户沟通与服务安排")})
    rows = {r.question: r for r in score(outcome, QUIZ)}
    assert (rows["sc01"].status, rows["sc01"].score) == ("correct", rows["sc01"].max_score)
    assert rows["sc02"].status == "incorrect" and "'A'" not in rows["sc02"].message
    assert rows["sc03"].status == "not_answered" and "not defined" in rows["sc03"].message
    assert rows["sa01"].status == "pending_review" and outcome.open_answers["sa01"].startswith("展前")
    assert outcome.expected["sc01"] == encode("B")


# -- flag ------------------------------------------------------------------------------------

def test_a_forbidden_call_flags_its_question_only() -> None:
    outcome = Outcome(Submission("s1", "quiz", Path("x")), [], answers={"sc01": encode("B"), "sc02": encode("A")})
    code = SubmittedCode(["import labkit.grading.reference\nsc01_answer = 'B'", "sc02_answer = 'A'"], ["sc01", "sc02"])
    rows = {r.question: r for r in flag_forbidden(score(outcome, QUIZ), QUIZ, code)}
    assert rows["sc01"].status == "flagged" and "labkit.grading" in rows["sc01"].message
    assert rows["sc02"].status == "correct"


# -- run in the sandbox: the watcher ---------------------------------------------------------

def test_the_watcher_counts_anonymous_memory_memfds_and_tasks() -> None:
    import subprocess
    import sys

    from labkit.grading.watch import sandbox_usage

    code = ("import os, subprocess, sys, time\n"
            "fd = os.memfd_create('hidden')\nos.write(fd, b'm' * (32 * 1024**2))\n"
            "held = b'a' * (64 * 1024**2)\n"
            "child = subprocess.Popen([sys.executable, '-c', 'import time; x = b\"c\" * (48 * 1024**2); time.sleep(60)'])\n"
            "time.sleep(1.5)\nprint('ready', flush=True)\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        usage = sandbox_usage(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert usage.tasks >= 2
    assert usage.memory_bytes >= (32 + 64 + 48) * 1024**2
