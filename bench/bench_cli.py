"""Start-up of the command line: ``labkit --help`` and ``labkit schema`` now vs before lazy imports.

Each run is a fresh ``python -m labkit ARGS`` subprocess; "before" runs the package as it was
at ``--before`` (default: the commit before the lazy imports), unpacked with ``git archive``
into a temporary folder. Runs alternate A B B A so a drifting load on the shared machine
favours neither; the figures are medians of wall time and of peak memory (max RSS, os.wait4).

Run: PYTHONPATH=$PWD python bench/bench_cli.py [--rounds 5] [--before 99e1545]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (["--help"], ["schema"])


def unpack(revision: str, into: Path) -> Path:
    """The ``labkit`` package as it was at ``revision``, in ``into``."""
    archive = into / "labkit.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), revision, "labkit"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def run_once(tree: Path, args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one ``python -m labkit ARGS`` from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "labkit", *args], env=env, cwd=tree,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"labkit {' '.join(args)} from {tree} exited {child.returncode}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="A B B A rounds per command")
    parser.add_argument("--before", default="99e1545", help="revision with the eager imports")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"before": unpack(opts.before, Path(tmp)), "now": ROOT}
        for args in COMMANDS:
            runs: dict[str, list[tuple[float, float]]] = {"before": [], "now": []}
            for _ in range(opts.rounds):
                for name in ("before", "now", "now", "before"):
                    runs[name].append(run_once(trees[name], args))
            seconds = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
            memory = {k: statistics.median(m for _, m in v) for k, v in runs.items()}
            print(f"labkit {' '.join(args)}: before {seconds['before']:.2f} s {memory['before']:.0f} MB, "
                  f"now {seconds['now']:.2f} s {memory['now']:.0f} MB: "
                  f"{seconds['before'] / seconds['now']:.1f}x faster, {memory['before'] / memory['now']:.1f}x less memory")


if __name__ == "__main__":
    main()
