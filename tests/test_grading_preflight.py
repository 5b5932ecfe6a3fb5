"""labkit grade --check: a working sandbox says so, a broken one says why and how to fix it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from labkit.cli import main
from labkit.grading import preflight
from labkit.grading.sandbox import bwrap_path
from labkit.i18n import using_language


@pytest.fixture(autouse=True)
def _english():
    with using_language("en_US"):  # and back to the language before, not to the default
        yield


def _fake_bwrap(folder: Path, script: str) -> Path:
    folder.mkdir(exist_ok=True)
    fake = folder / "bwrap"
    fake.write_text("#!/bin/sh\n" + script)
    fake.chmod(0o755)
    return folder


def test_this_machine_passes(capsys) -> None:
    if shutil.which("bwrap") is None or bwrap_path() is None:
        pytest.fail("bubblewrap is missing or blocked: run tools/system-deps.sh")
    assert main(["grade", "--check"]) == 0
    out = capsys.readouterr().out
    assert "CapEff 0000000000000000" in out and "FAIL" not in out and "works on this machine" in out


def test_without_bwrap_on_the_path(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["grade", "--check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL") and "apt-get install bubblewrap" in lines[0]
    assert "does NOT work" in lines[-1]


def test_a_bwrap_that_cannot_make_namespaces(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = _fake_bwrap(tmp_path / "bin", 'echo "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n')
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    monkeypatch.setattr(preflight, "_read", lambda path: "1" if "apparmor" in path else "")
    assert main(["grade", "--check"]) == 1
    [failed] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL")]
    assert "uid map: Permission denied" in failed
    assert "kernel.apparmor_restrict_unprivileged_userns=0" in failed


def test_docker_seccomp_is_named_in_a_container(tmp_path: Path, monkeypatch) -> None:
    folder = _fake_bwrap(tmp_path / "bin", 'echo "bwrap: No permissions to create new namespace" >&2\nexit 1\n')
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    monkeypatch.setattr(preflight, "_read", lambda path: "0::/docker/abc" if path == "/proc/1/cgroup" else "")
    failed = [c for c in preflight.run_checks() if not c.ok]
    assert len(failed) == 1 and "seccomp" in failed[0].fix


def test_a_sandbox_that_keeps_capabilities_fails(tmp_path: Path, monkeypatch) -> None:
    folder = _fake_bwrap(tmp_path / "bin", 'printf "Name:\\tcat\\nCapEff:\\t000001fffeffffff\\n"\n')
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    checks = preflight.run_checks()
    [failed] = [c for c in checks if not c.ok]
    assert "holds capabilities (CapEff 000001fffeffffff)" in failed.text
    assert bwrap_path() is None  # and grading would not trust it either


def test_grade_without_submissions_is_one_sentence(capsys) -> None:
    assert main(["grade", "--quiet"]) == 2
    assert "needs SUBMISSIONS and --out" in capsys.readouterr().err


@pytest.mark.parametrize(("groups", "words"), [
    ((True, True), "capped by a cgroup v1 memory group, the grader's watcher on top; processes: a cgroup v1 pids group"),
    ((True, False), "capped by a cgroup v1 memory group, the grader's watcher on top; processes: the watcher"),
    ((False, False), "limited by the grader's watcher alone (it may overshoot"),
])
def test_the_check_says_what_caps_the_whole_sandbox(monkeypatch, groups, words) -> None:
    from labkit.grading import cgroup

    if bwrap_path() is None:
        pytest.fail("bubblewrap is missing or blocked: run tools/system-deps.sh")
    monkeypatch.setattr(cgroup, "available", lambda: groups)
    assert words in preflight.run_checks()[-1].line()


def test_a_cgroup_is_made_and_removed_where_the_grader_may() -> None:
    from labkit.grading import cgroup

    group = cgroup.make_cgroup(256 * 1024**2, 16)
    if group is None:
        assert cgroup.available() == (False, False)
        return
    assert int((group.memory / "memory.limit_in_bytes").read_text()) == 256 * 1024**2
    if group.pids is not None:
        assert (group.pids / "pids.max").read_text().strip() == str(cgroup.TASK_MARGIN * 16)
    assert group.oom_kills() == 0
    group.remove()
    assert not group.memory.exists() and (group.pids is None or not group.pids.exists())
