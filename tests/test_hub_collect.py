"""``labkit collect`` and the hub login: each JupyterHub user's notebooks into SUBMISSIONS/<学号>/, safely as root."""
from __future__ import annotations

import os
import types
from pathlib import Path

import nbformat
import pytest

from labkit.checks import student_id
from labkit.cli import main
from labkit.grading.hub import collect
from labkit.roster import read_roster
from labkit.roster.hub import hub_student_id

ROSTER = "学号,姓名,账号\n2024011,张三,alice\n2024012,李四,\n2024013,王五,\n"


def _notebook(path: Path, answer: str, mtime: float) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"sc01_answer = {answer!r}")]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    os.utime(path, (mtime, mtime))


def test_each_login_lands_in_its_students_folder(tmp_path: Path) -> None:
    homes, out = tmp_path / "home", tmp_path / "SUBMISSIONS"
    roster_path = tmp_path / "roster.csv"
    roster_path.write_text(ROSTER, encoding="utf-8")
    _notebook(homes / "alice" / "handout" / "quiz.ipynb", "B", 1_700_000_000)                 # 账号 alice = 2024011
    _notebook(homes / "alice" / "handout" / ".ipynb_checkpoints" / "quiz.ipynb", "A", 1_800_000_000)
    _notebook(homes / "2024012" / "quiz.ipynb", "C", 1_700_000_100)                            # login = 学号
    _notebook(homes / "2024012" / "old" / "quiz.ipynb", "D", 1_600_000_000)                    # an older copy
    _notebook(homes / "mallory" / "quiz.ipynb", "B", 1_700_000_000)                            # on no roster
    (homes / "2024012" / "lab1_classification.ipynb").symlink_to("/etc/passwd")
    os.mkfifo(homes / "2024012" / "lab2_clv.ipynb")
    (homes / "2024012" / "deep").symlink_to("/etc", target_is_directory=True)
    done = collect(homes, out, ["quiz", "lab1_classification", "lab2_clv"], read_roster(roster_path))
    assert done.copied == {"2024011": ["quiz"], "2024012": ["quiz"]}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "2024011/quiz.ipynb", "2024012/quiz.ipynb"]
    assert "'B'" in (out / "2024011" / "quiz.ipynb").read_text(encoding="utf-8")  # not the checkpoint
    assert "'C'" in (out / "2024012" / "quiz.ipynb").read_text(encoding="utf-8")  # the last saved copy
    assert (out / "2024011" / "quiz.ipynb").stat().st_mtime == 1_700_000_000      # the hand-in time kept
    text = "\n".join(done.problems)
    assert "hub user mallory is not on the roster" in text
    assert "2024012/lab1_classification.ipynb: a symbolic link is not a submission" in text
    assert "2024012/lab2_clv.ipynb: not a regular file" in text
    assert "2024012: 2 copies of quiz; took the last saved, 2024012/quiz.ipynb (not 2024012/old/quiz.ipynb)" in text
    assert "2024013 王五: nothing handed in on the server" in text


def test_collect_from_the_command_line_then_grade(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    homes = tmp_path / "home"
    _notebook(homes / "s1" / "quiz.ipynb", "B", 1_700_000_000)
    assert main(["collect", str(homes), "--out", str(tmp_path / "subs"), "--exercise", "quiz"]) == 0
    assert "collected 1 notebooks of 1 students" in capsys.readouterr().out
    assert main(["collect", str(tmp_path / "nowhere"), "--out", str(tmp_path / "subs")]) == 2
    assert "is not the folder of the hub users' home folders" in capsys.readouterr().err


def test_the_student_id_comes_from_the_hub_login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LABKIT_STUDENT_ID", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert student_id("s0001") == "s0001"
    monkeypatch.setenv("JUPYTERHUB_USER", "2024012")
    assert student_id("s0001") == "2024012"  # nothing to type on the class server
    monkeypatch.setenv("LABKIT_STUDENT_ID", "2024011")  # set by the hub from the roster, or by grading
    assert student_id("s0001") == "2024011"
    roster_path = tmp_path / "roster.csv"
    roster_path.write_text(ROSTER, encoding="utf-8")
    of = hub_student_id(roster_path)
    assert of(types.SimpleNamespace(user=types.SimpleNamespace(name="alice"))) == "2024011"
    assert of(types.SimpleNamespace(user=types.SimpleNamespace(name="2024012"))) == ""  # JUPYTERHUB_USER is the 学号
