"""The test's own count of a grading run's memory (内存核算), independent of labkit's watcher.

The test starts the whole run (the grader and everything it starts: bubblewrap, runner, kernel,
their children, the tmpfs pages they write) in a memory control group of its own, made for that
one run, and reads the kernel's peak for the group once the run is over: ``memory.peak`` on
cgroup v2, ``memory.max_usage_in_bytes`` on cgroup v1. The kernel charges every page a member
touches to the group, so the peak sees what the watcher's look every 20-100 ms can miss, and
nothing else on the machine counts in it. The group sets no limit: it only counts.

The grader's own share (its Python, the notebooks it reads, the gradebook it writes) is in the
peak too: tests/test_grading_hostile.py subtracts the peak of the same grader on a batch that
starts no sandbox at all.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from labkit.grading import cgroup

__all__ = ["MemoryGroup", "Peak", "no_group_reason", "peak_of"]


def _v2_parent() -> Path | None:
    """A cgroup v2 folder whose children get the memory controller, writable here (None if none)."""
    with contextlib.suppress(OSError):
        mounts = [line.split(" - ")[0].split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()
                  if line.partition(" - ")[2].startswith("cgroup2 ")]
        own = next((line[3:] for line in Path("/proc/self/cgroup").read_text().splitlines() if line.startswith("0::")),
                   None)
        for mount in mounts:
            for folder in ([Path(mount) / own.lstrip("/")] if own else []) + [Path(mount)]:
                controls = folder / "cgroup.subtree_control"
                if controls.exists() and "memory" in controls.read_text().split() and os.access(folder, os.W_OK):
                    return folder
    return None


@dataclass
class MemoryGroup:
    """A counting-only memory group made by the test: ``join`` in the first process, ``peak`` at the end."""

    path: Path
    peak_file: str

    @classmethod
    def make(cls) -> MemoryGroup | None:
        """A new group under cgroup v2 (``memory.peak``) or v1 (``memory.max_usage_in_bytes``), or None."""
        name = f"labkit-test-oracle-{os.getpid()}-{time.monotonic_ns()}"
        for parent, peak_file in ((_v2_parent(), "memory.peak"), (cgroup.cgroup_v1_root("memory"),
                                                                   "memory.max_usage_in_bytes")):
            if parent is None:
                continue
            try:
                (parent / name).mkdir()
            except OSError:
                continue
            if (parent / name / peak_file).exists():
                return cls(parent / name, peak_file)
            (parent / name).rmdir()
        return None

    def join(self) -> None:
        """Move the calling process (and all it will start) into the group: a ``preexec_fn``."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def peak(self) -> int:
        """The most memory the group's processes held at once, in bytes."""
        return int((self.path / self.peak_file).read_text())

    def remove(self) -> None:
        """Remove the group once its processes are gone (the kernel may take a moment to reap them)."""
        for _attempt in range(100):
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.05)


def no_group_reason() -> str | None:
    """Why the test cannot make a memory group of its own here (None when it can)."""
    group = MemoryGroup.make()
    if group is None:
        return ("the test cannot make a memory cgroup of its own (needs root and a writable cgroup v1 memory "
                "hierarchy, or a cgroup v2 folder that delegates the memory controller)")
    group.remove()
    return None


@dataclass(frozen=True)
class Peak:
    """A finished run and the peak of its memory group."""

    run: subprocess.CompletedProcess[str]
    bytes: int


def peak_of(command: list[str], env: dict[str, str], cwd: str, timeout: float) -> Peak:
    """Run ``command`` to the end in a new memory group of its own; its output and the group's peak."""
    group = MemoryGroup.make()
    if group is None:
        raise RuntimeError(no_group_reason())
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=cwd,
                             timeout=timeout, preexec_fn=group.join)  # noqa: PLW1509 - joins before exec
        return Peak(run, group.peak())
    finally:
        group.remove()
