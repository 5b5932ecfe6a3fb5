"""Run one submission inside the sandbox (沙箱执行): the only grader code the student's kernel can see.

This file is copied into the sandbox and started as a script, so it imports nothing from
labkit, and only ``jupyter_client`` from Jupyter (importing nbformat/nbclient costs more than
running a short notebook). Protocol: a JSON job on stdin (cell sources, the extraction cell,
limits), one JSON report on stdout. The grader treats everything reported as untrusted.

The kernel process starts first, before this script imports ``jupyter_client`` and before the
job is read: the two imports (the kernel's IPython, our client) overlap, and the grader builds
the student's world while the kernel starts. The modules the master's own cells import (pandas,
labkit, named on this script's command line) are imported by the kernel's process before
ipykernel starts, in that same wait, not in the student's namespace. No student code runs
before the job arrives.
"""
from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import signal
import socket
import subprocess
import sys
import time
from typing import Any

ANSWERS_MIME = "application/vnd.labkit.answers+json"
INTERRUPT_GRACE = 5.0


class KernelDied(Exception):
    """The kernel process ended while a cell ran."""


class KernelStuck(Exception):
    """A cell ignored the interrupt after its timeout."""


CHANNELS = ("shell", "iopub", "stdin", "control", "hb")
# ``python -m ipykernel_launcher`` with the given modules imported first (argv[1]: their names, comma-separated)
KERNEL_LAUNCHER = """import importlib, sys
if sys.path[0] == "":
    del sys.path[0]
for name in filter(None, sys.argv.pop(1).split(",")):
    try:
        importlib.import_module(name)
    except Exception:
        pass
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


def start_kernel(folder: str, preload: str = "") -> tuple[subprocess.Popen[bytes], str]:
    """Start the python3 kernel (ipykernel) on free loopback ports, the ``preload`` modules (comma-separated)
    imported first; (its process, its connection file)."""
    ports = []
    for _ in CHANNELS:  # the sandbox has a network namespace of its own: nobody else takes these ports
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    info = {f"{name}_port": port for name, port in zip(CHANNELS, ports)}
    info.update(ip="127.0.0.1", transport="tcp", key=secrets.token_hex(32), signature_scheme="hmac-sha256",
                kernel_name="python3")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    connection = os.path.join(folder, "kernel.json")
    with open(os.open(connection, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        json.dump(info, handle)
    # no history file: grading never reads it, and an SQLite file costs every start (nbgrader does the same)
    kernel = subprocess.Popen([sys.executable, "-c", KERNEL_LAUNCHER, preload, "-f", connection,
                               "--HistoryManager.hist_file=:memory:"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    return kernel, connection


class Session:
    """One kernel, cells run one at a time with a timeout and an output budget."""

    def __init__(self, kernel: subprocess.Popen[bytes], connection: str, cell_timeout: float,
                 max_output_bytes: int) -> None:
        from jupyter_client.blocking import BlockingKernelClient

        self.kernel = kernel
        self.kc = BlockingKernelClient(connection_file=connection)
        self.kc.load_connection_file()
        self.kc.start_channels()
        deadline = time.monotonic() + 60
        while True:
            try:
                self.kc.wait_for_ready(timeout=2)
                break
            except RuntimeError:
                if kernel.poll() is not None or time.monotonic() > deadline:
                    raise
        self.cell_timeout = cell_timeout
        self.budget = max_output_bytes
        self.flooded = False

    def interrupt(self) -> None:
        """SIGINT to the kernel's process group, as jupyter_client does for a python3 kernel."""
        with contextlib.suppress(OSError):
            os.killpg(self.kernel.pid, signal.SIGINT)

    def run(self, source: str, collect_answers: bool = False) -> tuple[dict[str, str] | None, Any]:
        """(error or None, answers payload or None) for one cell."""
        msg_id = self.kc.execute(source, store_history=not collect_answers, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + self.cell_timeout
        error: dict[str, str] | None = None
        answers = None
        timed_out = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                if timed_out:
                    raise KernelStuck
                timed_out = True
                self.interrupt()
                deadline = time.monotonic() + INTERRUPT_GRACE
                continue
            try:
                msg = self.kc.get_iopub_msg(timeout=min(left, 0.5))
            except queue.Empty:
                if self.kernel.poll() is not None:
                    raise KernelDied from None
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content.get("execution_state") == "idle":
                break
            if kind == "error" and error is None:
                error = {"ename": str(content.get("ename"))[:100], "evalue": str(content.get("evalue"))[:300]}
            if collect_answers and kind == "display_data" and ANSWERS_MIME in content.get("data", {}):
                answers = content["data"][ANSWERS_MIME]
                continue
            if kind in ("stream", "display_data", "execute_result", "update_display_data", "error"):
                self.budget -= len(json.dumps(content, default=str))
                if self.budget < 0 and not self.flooded:
                    self.flooded = True
                    self.interrupt()
        if timed_out:
            error = {"ename": "CellTimeout", "evalue": f"the cell ran longer than {self.cell_timeout:g} s and was interrupted"}
        return error, answers

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the sandbox is torn down anyway
            self.kc.stop_channels()
            os.killpg(self.kernel.pid, signal.SIGKILL)


def main() -> int:
    # The kernel inherits fds 1 and 2: point them at /dev/null so student output can only
    # travel through the (size-limited) Jupyter messages; keep our own copy of stdout.
    report = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    kernel, connection = start_kernel(os.environ.get("JUPYTER_RUNTIME_DIR") or os.getcwd(), sys.argv[1] if len(sys.argv) > 1 else "")
    job = json.loads(sys.stdin.buffer.read())
    result: dict[str, Any] = {"answers": None, "errors": [], "kernel_died": False, "stuck": False, "flooded": False}
    session = Session(kernel, connection, float(job["cell_timeout"]), int(job["max_output_bytes"]))
    cells = [(i, src) for i, src in enumerate(job["cells"])] + [("extract", job["extract_source"])]
    try:
        for index, source in cells:
            if not source.strip():
                continue
            error, answers = session.run(source, collect_answers=index == "extract")
            if error and len(result["errors"]) < 50:
                result["errors"].append({"cell": index, **error})
            if answers is not None:
                result["answers"] = answers
    except KernelDied:
        result["kernel_died"] = True
    except KernelStuck:
        result["stuck"] = True
    result["flooded"] = session.flooded
    report.write(json.dumps(result))
    report.flush()
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
