"""The sandbox a submission runs in (沙箱): bubblewrap + rlimits, or rlimits + temp dir as fallback.

With ``bwrap`` the student's kernel sees only read-only system and Python directories, the
labkit package without ``labkit/grading``, and an empty size-limited tmpfs as its home; it has
no network, its own PID namespace (all stray children die with it) and a scrubbed environment.
Without ``bwrap`` the same limits apply but the kernel can see (and, as the grading user, change)
the file system: :data:`FALLBACK_WARNING` says so wherever grading runs. Memory and tasks of the
whole sandbox are capped by its own cgroup where the grader may make one
(:mod:`~labkit.grading.cgroup`) and always by the watcher (:mod:`~labkit.grading.watch`).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from labkit.grading import cgroup
from labkit.grading.watch import Usage, sandbox_usage
from labkit.i18n import N_, _
from labkit.world.loading import SHARED_WORLDS_ENV

RUNNER = Path(__file__).with_name("runner.py")
POLL_SECONDS = 0.1  # how often the watcher looks when it alone holds the sandbox's limits
GROUP_POLL_SECONDS = 0.5  # ... and when a cgroup holds them (memory and tasks): it then only writes the row
LABKIT_DIR = Path(__file__).resolve().parents[1]  # the labkit package
HOME = "/home/student"
TMPFS_MOUNTS = ("/tmp", HOME, "/dev/shm")  # the sandbox's writable mounts, each of Limits.tmpfs_bytes
SANDBOX_ID = 65534  # "nobody": the kernel's uid and gid inside its user namespace
SHARED_DIR = "/opt/worlds"  # where the kernel sees the student's world the grader built
MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")

FALLBACK_WARNING = N_(
    "bubblewrap (bwrap) is not available or not safe here: submissions run with CPU, memory, file-size, process "
    "and time limits in a throw-away directory, but they CAN read and change files the grading "
    "user can (masters, other submissions, the gradebook). Install bubblewrap "
    "(apt-get install bubblewrap) or grade inside a throw-away VM/container; "
    "labkit grade --check says what is missing and how to fix it."
)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission (资源限制)."""

    wall_seconds: float = 120.0
    cell_seconds: int = 30
    cpu_seconds: int = 90
    memory_bytes: int = 3 * 1024**3  # all the sandbox's processes together (and each one's address space)
    file_bytes: int = 20 * 1024**2
    tmpfs_bytes: int = 64 * 1024**2  # each writable mount: /tmp, the home folder, /dev/shm
    processes: int = 128  # processes and threads of the sandbox (an rlimit too, on top of the user's own)
    open_files: int = 1024
    output_bytes: int = 2 * 1024**2
    answer_bytes: int = 4 * 1024**2
    report_bytes: int = 8 * 1024**2


@dataclass
class RunResult:
    """What came back from the sandbox: a report (untrusted) or the reason there is none."""

    report: dict[str, Any] | None
    problem: str | None = None
    seconds: float = 0.0
    sandboxed: bool = True
    stderr_tail: str = field(default="", repr=False)
    memory_peak: int = 0  # the most the sandbox held at once, where a cgroup measured it


@dataclass(frozen=True)
class Probe:
    """What a trial run of the sandbox showed: did it start, and which capabilities it held."""

    started: bool
    capabilities: str = ""
    error: str = ""

    @property
    def safe(self) -> bool:
        return self.started and self.capabilities != "" and int(self.capabilities, 16) == 0


def probe(bwrap: str) -> Probe:
    """Start a throw-away sandbox with the grading isolation and read its effective capabilities."""
    cmd = [bwrap, "--ro-bind", "/", "/", *isolation_options(bwrap), "--proc", "/proc", "--die-with-parent",
           "cat", "/proc/self/status"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Probe(False, error=str(exc))
    if run.returncode != 0:
        return Probe(False, error=(run.stderr.strip() or f"exit status {run.returncode}")[:300])
    caps = [line.split()[1] for line in run.stdout.splitlines() if line.startswith("CapEff:")]
    return Probe(True, caps[0] if caps else "")


def bwrap_path() -> str | None:
    """The bubblewrap binary if it is installed and its sandbox starts here without capabilities."""
    path = shutil.which("bwrap")
    return path if path is not None and probe(path).safe else None


def _python_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        roots.add(sysconfig.get_paths()[key])
    return sorted(r for r in roots if Path(r).exists())


def _hidden_dirs() -> list[str]:
    """The folders a student must not read: grading code and the exercise masters (answers)."""
    secret = ["grading", "_content/exercises"]
    places = [Path("/opt/labkit/labkit")]
    if any(LABKIT_DIR.is_relative_to(root) for root in _python_roots()):
        places.append(LABKIT_DIR)
    return [str(place / name) for place in places for name in secret if (LABKIT_DIR / name).is_dir()]


def _environment(home: str, pythonpath: str) -> dict[str, str]:
    """A scrubbed environment: nothing of the instructor's, one thread per maths library."""
    return {
        "HOME": home,
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "PYTHONPATH": pythonpath,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "JUPYTER_RUNTIME_DIR": f"{home}/.jupyter-runtime",
        "JUPYTER_DATA_DIR": f"{sys.prefix}/share/jupyter",
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": f"{home}/.ipython",
        "MPLCONFIGDIR": f"{home}/.mpl",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMBA_NUM_THREADS": "1",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }


@cache
def _supports(bwrap: str, option: str) -> bool:
    """Whether this bubblewrap knows ``option`` (``--disable-userns`` came with 0.8)."""
    shown = subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=20, check=False)
    return option in shown.stdout + shown.stderr


def isolation_options(bwrap: str) -> list[str]:
    """No capabilities, whoever grades (无特权): a user namespace of its own, an unprivileged id in it.

    Why a user namespace and not a dedicated Unix account: it works for every grader (root in a
    container or CI, a teacher's own account) without creating users or opening the venv (which
    may live in /root) to them. Inside, the kernel is uid/gid 65534 and holds no capability at
    all (``--cap-drop ALL``; as root bwrap would otherwise keep them), so it cannot remount,
    unmount or write any of the read-only binds; ``--disable-userns`` stops it from making a
    nested namespace where it would hold capabilities again. Outside the namespace its processes
    still carry the grader's uid, which is why everything it can reach is bound read-only or is
    a size-limited tmpfs.
    """
    options = ["--unshare-all", "--unshare-user", "--uid", str(SANDBOX_ID), "--gid", str(SANDBOX_ID),
               "--cap-drop", "ALL"]
    return options + (["--disable-userns"] if _supports(bwrap, "--disable-userns") else [])


def _preload_argument(preload: tuple[str, ...]) -> str:
    """The runner's one argument: module names only (the master's imports), comma-separated."""
    return ",".join(name for name in preload if MODULE_NAME.fullmatch(name))


def _bwrap_command(bwrap: str, limits: Limits, extra_env: dict[str, str], shared: Path | None,
                   preload: tuple[str, ...] = ()) -> list[str]:
    home = HOME
    size = str(limits.tmpfs_bytes)
    cmd = [bwrap, *isolation_options(bwrap), "--die-with-parent", "--new-session", "--clearenv"]
    for system_dir in ("/usr", "/etc/alternatives", "/etc/ssl", "/etc/fonts"):
        if Path(system_dir).exists():
            cmd += ["--ro-bind", system_dir, system_dir]
    for link, target in (("/bin", "usr/bin"), ("/lib", "usr/lib"), ("/lib64", "usr/lib64"), ("/sbin", "usr/sbin")):
        if Path(link).is_symlink():
            cmd += ["--symlink", target, link]
        elif Path(link).exists():
            cmd += ["--ro-bind", link, link]
    # The empty tmpfs mounts come first: a venv that lives under /tmp (a CI checkout, say)
    # is bound on top of them, not hidden by them. Every writable mount has a size.
    cmd += ["--size", size, "--tmpfs", "/tmp"]
    cmd += ["--size", size, "--tmpfs", home, "--chdir", home]
    for root in _python_roots():
        if not root.startswith("/usr/"):
            cmd += ["--ro-bind", root, root]
    # labkit for the student's imports, with the grading package and the masters hidden under an
    # empty tmpfs: at /opt/labkit, and where an installed wheel sits inside the bound site-packages.
    cmd += ["--ro-bind", str(LABKIT_DIR), "/opt/labkit/labkit"]
    for hidden in _hidden_dirs():
        cmd += ["--size", "4096", "--tmpfs", hidden, "--remount-ro", hidden]
    cmd += ["--ro-bind", str(RUNNER), "/opt/runner.py"]
    if shared is not None:  # the student's world, built by the grader: read-only for every kernel
        cmd += ["--ro-bind", str(shared), SHARED_DIR]
        extra_env = {SHARED_WORLDS_ENV: SHARED_DIR, **extra_env}
    # /dev and / are bwrap's own tmpfs without a size: read-only, with a sized /dev/shm.
    cmd += ["--proc", "/proc", "--dev", "/dev", "--size", size, "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    cmd += ["--remount-ro", "/"]
    for key, value in {**_environment(home, "/opt/labkit"), **extra_env}.items():
        cmd += ["--setenv", key, value]
    cmd += [sys.executable, "/opt/runner.py", _preload_argument(preload)]
    return cmd


def _user_tasks() -> int:
    """Processes and threads of this user now: RLIMIT_NPROC counts them all, not only the sandbox's."""
    uid, total = str(os.getuid()), 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("Uid", "").split()[:1] == [uid]:
            total += int(fields.get("Threads", "1").strip() or 1)
    return total


def limit_mechanisms(limits: Limits) -> dict[str, object]:
    """What holds each limit, for the grading log: a cgroup where the grader may make one, and the watcher."""
    memory, pids = cgroup.available()
    return {"memory": "cgroup v1 memory + watcher" if memory else "watcher",
            "processes": "cgroup v1 pids + watcher" if pids else "watcher",
            "memory_bytes": limits.memory_bytes, "tmpfs_bytes_each": limits.tmpfs_bytes,
            "max_processes": limits.processes, "poll_seconds": GROUP_POLL_SECONDS if memory and pids else POLL_SECONDS}


def _too_much_memory(limits: Limits) -> str:
    return _("stopped: the notebook's processes together used more than {mb} MB of memory").format(
        mb=limits.memory_bytes // 1024**2)


def over_limit(usage: Usage, limits: Limits, group: cgroup.Cgroup | None = None) -> str | None:
    """Why the sandbox must stop now (all its processes together), or None."""
    if usage.memory_bytes > limits.memory_bytes or (group is not None and group.oom_kills()):
        return _too_much_memory(limits)
    if usage.tasks > limits.processes:
        return _("stopped: started more than {n} processes or threads").format(n=limits.processes)
    return None


def _set_limits(limits: Limits, processes: int, group: cgroup.Cgroup | None) -> None:
    """Runs in the child before exec: the limits are inherited by bwrap, runner and kernel."""
    os.setsid()
    if group is not None:
        group.enter()
    for which, value in (
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NPROC, processes),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NOFILE, limits.open_files),
    ):
        resource.setrlimit(which, (value, value))


def _kill_tree(proc: subprocess.Popen[bytes], token: str | None) -> None:
    """Kill the process group; in fallback mode also every process carrying our token."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if token is None:
        return
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if token.encode() in (entry / "environ").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue


def run_cells(cells: list[str], extract_source: str, limits: Limits, bwrap: str | None,
              extra_env: dict[str, str] | None = None, shared: Path | None = None,
              prepare: Callable[[], object] | None = None, preload: tuple[str, ...] = ()) -> RunResult:
    """Execute the code ``cells`` plus the extraction cell in a fresh sandboxed kernel.

    ``shared``: a folder the kernel sees read-only (the student's world, see
    :mod:`labkit.grading.student_world`). ``prepare`` runs while the kernel starts, before the
    cells are sent (no student code runs before that): the grader builds the world there.
    ``preload``: modules the kernel's process imports before ipykernel starts, in that same wait
    (the master's own imports, :func:`labkit.grading.exercise.given_imports`)."""
    job = json.dumps({
        "cells": cells,
        "extract_source": extract_source,
        "cell_timeout": limits.cell_seconds,
        "max_output_bytes": limits.output_bytes,
    }).encode("utf-8")
    token = None
    with tempfile.TemporaryDirectory(prefix="labkit-sub-") as work:
        if bwrap:
            cmd, env, cwd = _bwrap_command(bwrap, limits, extra_env or {}, shared, preload), {}, work
        else:
            token = f"labkit-sandbox-{os.getpid()}-{time.monotonic_ns()}"
            env = {**_environment(work, str(LABKIT_DIR.parent)), **(extra_env or {})}
            if shared is not None:
                env[SHARED_WORLDS_ENV] = str(shared)
            env["LABKIT_SANDBOX_TOKEN"] = token
            shutil.copy(RUNNER, Path(work) / "runner.py")
            cmd, cwd = [sys.executable, str(Path(work) / "runner.py"), _preload_argument(preload)], work
        group = cgroup.make_cgroup(limits.memory_bytes, limits.processes)
        # Where a cgroup caps memory and tasks, the kernel holds the sandbox to them: the watcher
        # only has to end it with a row, so it looks less often (each look walks /proc).
        poll = GROUP_POLL_SECONDS if group is not None and group.pids is not None else POLL_SECONDS
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, _removed(group):
            processes = _user_tasks() + limits.processes
            start = time.monotonic()
            proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=out, stderr=err, cwd=cwd, env=env,
                preexec_fn=lambda: _set_limits(limits, processes, group),  # noqa: PLW1509 - set in the child
            )
            problem = None
            try:
                if prepare is not None:
                    prepare()
                proc.stdin.write(job)  # type: ignore[union-attr]
                proc.stdin.close()  # type: ignore[union-attr]
            except BrokenPipeError:
                problem = _("the sandbox stopped before reading the submission")
            except BaseException:
                _kill_tree(proc, token)
                proc.wait()
                raise
            while proc.poll() is None and problem is None:
                if time.monotonic() - start > limits.wall_seconds:
                    problem = _("stopped after the wall-clock limit of {seconds:.0f} s").format(seconds=limits.wall_seconds)
                else:
                    usage = sandbox_usage(proc.pid, TMPFS_MOUNTS if bwrap else ())
                    problem = over_limit(usage, limits, group)
                    near = usage.memory_bytes > limits.memory_bytes // 2 or usage.tasks > limits.processes // 2
                    with contextlib.suppress(subprocess.TimeoutExpired):  # back as soon as the sandbox ends
                        proc.wait(POLL_SECONDS / 5 if near else poll)
            _kill_tree(proc, token)
            proc.wait()
            if problem is None and group is not None and group.oom_kills():
                problem = _too_much_memory(limits)  # a process was killed at the cap between two looks
            peak = group.peak_bytes() if group is not None else 0
            seconds = time.monotonic() - start
            err.seek(0)
            stderr_tail = err.read(4096).decode("utf-8", "replace")
            out.seek(0)
            raw = out.read(limits.report_bytes + 1)
    if problem is None and len(raw) > limits.report_bytes:
        problem = _("the answers were larger than the size limit")
    report = None
    if problem is None:
        try:
            report = json.loads(raw)
            if not isinstance(report, dict):
                raise TypeError
        except (ValueError, TypeError):
            report = None
            problem = _("the notebook's kernel process ended abnormally (no report)")
    return RunResult(report, problem, seconds, bwrap is not None, stderr_tail, peak)


@contextlib.contextmanager
def _removed(group: cgroup.Cgroup | None) -> Iterator[None]:
    try:
        yield
    finally:
        if group is not None:
            group.remove()
