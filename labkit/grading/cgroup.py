"""A control group for one sandbox (控制组): a hard cap on the memory and tasks of all its processes.

Where the grader may create one, the kernel itself holds the whole sandbox to its limits: it
reclaims and then kills inside the group instead of letting it grow past ``memory_bytes``
(tmpfs pages written by the sandbox are charged to it too), and refuses a fork past the task
cap. Supported: cgroup v1 ``memory`` (plus ``memory.memsw``, so swap is no way out) and ``pids``
hierarchies writable by the grader, as for root in many containers and CI machines. cgroup v2
(a delegated subtree, e.g. a systemd scope) is not used yet. Elsewhere only the watcher
(:mod:`labkit.grading.watch`) holds the limits; it also runs on top of a group, and is the one
that ends a sandbox with a row saying why. The grading log names the mechanism that held.
"""
from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Cgroup", "available", "cgroup_v1_root", "make_cgroup"]

TASK_MARGIN = 2  # the group allows twice the watcher's task limit: the watcher ends the sandbox first, with a row


def _own_path(controller: str) -> str | None:
    """This process's cgroup v1 path in ``controller`` (from /proc/self/cgroup)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _id, controllers, path = line.split(":", 2)
            if controller in controllers.split(","):
                return path
    return None


def _mount(controller: str) -> Path | None:
    """Where the cgroup v1 hierarchy of ``controller`` is mounted read-write at its root."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/mountinfo").read_text().splitlines():
            left, _sep, right = line.partition(" - ")
            fields, kind = left.split(), right.split()
            if kind[:1] == ["cgroup"] and controller in kind[2].split(",") and fields[3] == "/" \
                    and "rw" in fields[5].split(","):
                return Path(fields[4])
    return None


def cgroup_v1_root(controller: str) -> Path | None:
    """The folder of this process's own cgroup v1 group of ``controller``, if the grader may write there."""
    mount, path = _mount(controller), _own_path(controller)
    if mount is None or path is None:
        return None
    folder = mount / path.lstrip("/")
    return folder if os.access(folder, os.W_OK) else None


@dataclass
class Cgroup:
    """The memory and pids groups of one sandbox; ``enter`` runs in the sandbox's first process."""

    memory: Path
    pids: Path | None

    def enter(self) -> None:
        """Move the calling process (and so everything it starts) into the groups."""
        for group in (self.memory, self.pids):
            if group is not None:
                (group / "cgroup.procs").write_text(str(os.getpid()))

    def oom_kills(self) -> int:
        """How many of the sandbox's processes the kernel killed for going over the memory cap."""
        with contextlib.suppress(OSError, ValueError):
            for line in (self.memory / "memory.oom_control").read_text().splitlines():
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
        return 0

    def peak_bytes(self) -> int:
        """The most memory the sandbox held at once (memory.max_usage_in_bytes)."""
        with contextlib.suppress(OSError, ValueError):
            return int((self.memory / "memory.max_usage_in_bytes").read_text())
        return 0

    def remove(self) -> None:
        """Remove the groups once their processes are gone (the kernel may take a moment to reap them)."""
        for group in (self.memory, self.pids):
            for _attempt in range(50):
                if group is None or not group.exists():
                    break
                try:
                    group.rmdir()
                except OSError:
                    time.sleep(0.02)


def _group(controller: str, settings: list[tuple[str, int]]) -> Path | None:
    root = cgroup_v1_root(controller)
    if root is None:
        return None
    group = root / f"labkit-sandbox-{os.getpid()}-{time.monotonic_ns()}"
    try:
        group.mkdir()
        for name, value in settings:
            if (group / name).exists():
                (group / name).write_text(str(value))
    except OSError:
        with contextlib.suppress(OSError):
            group.rmdir()
        return None
    return group


def make_cgroup(memory_bytes: int, tasks: int) -> Cgroup | None:
    """New memory (and pids) groups capped at ``memory_bytes`` and ``TASK_MARGIN * tasks``, or None."""
    memory = _group("memory", [("memory.limit_in_bytes", memory_bytes), ("memory.memsw.limit_in_bytes", memory_bytes)])
    if memory is None:
        return None
    return Cgroup(memory, _group("pids", [("pids.max", TASK_MARGIN * tasks)]))


@cache
def available() -> tuple[bool, bool]:
    """Whether this grader can make a sandbox's (memory, pids) groups here (tried once)."""
    trial = make_cgroup(1024**3, 64)
    if trial is None:
        return False, False
    trial.remove()
    return True, trial.pids is not None
