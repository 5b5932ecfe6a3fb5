"""The sandbox's resource watcher (资源看守): memory and tasks of the whole sandbox, not per process.

Without a cgroup the kernel limits each process (RLIMIT_AS) but not the sandbox as a whole, and
RLIMIT_NPROC never applies to root. So the grader walks the sandbox's process tree a few times a
second and ends it when all its processes together hold more memory, or more processes and
threads, than allowed. Memory counted: private and shared anonymous pages (``RssAnon`` +
``RssShmem``), the size of every memfd a process holds open, and what the sandbox's tmpfs
mounts hold (each also has a size). Not counted: System V shared memory a process detached
(only a cgroup sees it). Near the limit the watcher looks five times as often.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Usage", "sandbox_usage"]

KIB = 1024


@dataclass(frozen=True)
class Usage:
    """What the sandbox holds now: processes and threads, and memory in bytes."""

    tasks: int
    memory_bytes: int


def _read(path: str) -> bytes:
    """A /proc file's bytes (plain ``open``: the watcher reads several per process, many times a second)."""
    with open(path, "rb") as handle:
        return handle.read()


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            try:
                found += [int(c) for c in _read(f"{task.path}/children").split()]
            except OSError:
                continue
    except OSError:
        pass
    return found


def _status(pid: int) -> tuple[int, int]:
    """(threads, anonymous + shared resident bytes) of one process; (0, 0) once it is gone."""
    try:
        text = _read(f"/proc/{pid}/status")
    except OSError:
        return 0, 0
    fields = dict(line.split(b":", 1) for line in text.splitlines() if b":" in line)
    kib = sum(int(fields.get(key, b"0 kB").split()[0]) for key in (b"RssAnon", b"RssShmem"))
    return int(fields.get(b"Threads", b"1").strip() or 1), kib * KIB


def _memfd_bytes(pid: int) -> int:
    """Bytes in the memfds (anonymous in-memory files) ``pid`` holds open."""
    total = 0
    try:
        fds = os.scandir(f"/proc/{pid}/fd")
        for fd in fds:
            try:
                if os.readlink(fd.path).startswith("/memfd:"):
                    total += os.stat(fd.path).st_size
            except OSError:
                continue
    except OSError:
        pass
    return total


def _tmpfs_bytes(pid: int, mounts: tuple[str, ...]) -> int:
    """Bytes written into the sandbox's tmpfs ``mounts``, seen through ``pid``'s root.

    Nothing before the sandbox has its own root (bubblewrap is still setting it up)."""
    try:
        theirs, ours = os.stat(f"/proc/{pid}/root"), os.stat("/")
    except OSError:
        return 0
    if (theirs.st_dev, theirs.st_ino) == (ours.st_dev, ours.st_ino):
        return 0
    total = 0
    for mount in mounts:
        try:
            info = os.statvfs(f"/proc/{pid}/root{mount}")
        except OSError:
            continue
        total += (info.f_blocks - info.f_bfree) * info.f_frsize
    return total


def sandbox_usage(root: int, mounts: tuple[str, ...] = ()) -> Usage:
    """Tasks and memory of ``root`` and every process below it, with what its tmpfs ``mounts`` hold."""
    tasks = memory = 0
    stack, seen = [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        threads, resident = _status(pid)
        tasks += threads
        memory += resident + _memfd_bytes(pid)
        stack += _children(pid)
    inside = next((pid for pid in seen if pid != root), None)
    if mounts and inside is not None:
        memory += _tmpfs_bytes(inside, mounts)
    return Usage(tasks, memory)
