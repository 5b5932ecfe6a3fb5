"""A group shares one database file: concurrent writers lose nothing; a killed writer breaks nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.customerdb import CustomerDB
from tests.customer_records import numbered

ROOT = Path(__file__).resolve().parents[1]


def _writer(path: Path, first: int, count: int, journal_mode: str = "wal") -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.customerdb_writer", str(path), str(first), str(count),
                             journal_mode],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _acknowledged(output: str) -> dict[int, int]:
    """customer id -> record number, for every line the writer printed in full."""
    acks = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "ok":
            acks[int(parts[1])] = int(parts[2])
    return acks


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])  # delete: the network-drive setting
def test_four_students_adding_at_once_lose_nothing(tmp_path, journal_mode) -> None:
    path = tmp_path / "group.db"
    CustomerDB(path, journal_mode=journal_mode).close()
    writers = [_writer(path, first=k * 1000, count=20, journal_mode=journal_mode) for k in range(4)]
    acks: dict[int, int] = {}
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        acks |= _acknowledged(out)
    assert len(acks) == 80  # ids are distinct: no two writers got the same id
    with CustomerDB(path, journal_mode=journal_mode) as db:
        assert db.integrity_check() == "ok"
        assert db.count() == 80
        companies = set(db.search()["company"])
    assert companies == {f"测试公司{i}" for i in acks.values()}


def test_a_writer_killed_mid_stream_keeps_every_acknowledged_record(tmp_path) -> None:
    path = tmp_path / "group.db"
    proc = _writer(path, first=0, count=100_000)
    lines = []
    assert proc.stdout is not None
    while len(lines) < 40:
        line = proc.stdout.readline()
        assert line, f"writer stopped early: {proc.stderr.read() if proc.stderr else ''}"
        lines.append(line)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    acks = _acknowledged("".join(lines) + out)
    assert len(acks) >= 40
    with CustomerDB(path) as db:
        assert db.integrity_check() == "ok"
        for cid, i in acks.items():
            assert db.get(cid)["company"] == f"测试公司{i}"
        # at most the one record in flight when the signal came may exist unacknowledged
        assert len(acks) <= db.count() <= len(acks) + 1
        assert db.add(numbered(999_999)) > max(acks)  # the file is writable again
