"""Run one submission inside the sandbox (沙箱执行): the only grader code the student's kernel can see.

This file is copied into the sandbox and started as a script, so it imports nothing from
labkit and nothing from Jupyter: it speaks the Jupyter messaging protocol (signed JSON frames
over ZeroMQ, https://jupyter-client.readthedocs.io/en/stable/messaging.html) itself with
``pyzmq``, for the few messages it needs (kernel_info, execute, the IOPub replies). Importing
``jupyter_client`` cost 0.2 CPU seconds per notebook, a sixth of the time its kernel needs to
start, and importing nbformat/nbclient costs more than running a short notebook. Protocol with
the grader: a JSON job on stdin (cell sources, the extraction cell, limits), one JSON report on
stdout. The grader treats everything reported as untrusted.

The kernel process starts first, before this script imports ``zmq`` and before the job is
read, and the grader builds the student's world while the kernel starts. The modules the master's own cells import (pandas,
labkit, named on this script's command line) are imported by the kernel's process before
ipykernel starts, in that same wait, not in the student's namespace. No student code runs
before the job arrives.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

ANSWERS_MIME = "application/vnd.labkit.answers+json"
INTERRUPT_GRACE = 5.0
DELIMITER = b"<IDS|MSG>"  # between a message's routing frames and its signature
PROTOCOL_VERSION = "5.3"


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


class Connection:
    """The two sockets the runner needs (shell to send, IOPub to listen), signed with the kernel's key."""

    def __init__(self, info: dict[str, Any]) -> None:
        import zmq

        self.zmq = zmq
        self.context = zmq.Context()
        self.key = info["key"].encode()
        self.session = secrets.token_hex(16)
        self.shell = self._socket(zmq.DEALER, info["shell_port"])
        self.iopub = self._socket(zmq.SUB, info["iopub_port"])
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")

    def _socket(self, kind: int, port: int) -> Any:
        sock = self.context.socket(kind)
        sock.setsockopt(self.zmq.LINGER, 0)
        sock.connect(f"tcp://127.0.0.1:{port}")
        return sock

    def _signature(self, frames: list[bytes]) -> bytes:
        digest = hmac.new(self.key, digestmod=hashlib.sha256)
        for frame in frames:
            digest.update(frame)
        return digest.hexdigest().encode()

    def send(self, msg_type: str, content: dict[str, Any]) -> str:
        """Send one request on the shell channel; its msg_id."""
        msg_id = secrets.token_hex(16)
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "grader", "session": self.session,
                  "date": datetime.now(UTC).isoformat(), "version": PROTOCOL_VERSION}
        frames = [json.dumps(part).encode() for part in (header, {}, {}, content)]
        self.shell.send_multipart([DELIMITER, self._signature(frames), *frames])
        return msg_id

    def receive(self, sock: Any, timeout: float) -> tuple[dict[str, Any], int] | None:
        """(message, size of its content and buffers in bytes) from ``sock`` within ``timeout`` seconds, or None.

        A message without a valid signature (not from the kernel) is dropped."""
        if not sock.poll(max(0, int(timeout * 1000))):
            return None
        frames = sock.recv_multipart(copy=True)
        try:
            at = frames.index(DELIMITER)
            signature, header, parent, metadata, content = frames[at + 1:at + 6]
        except ValueError:
            return {}, 0
        if not hmac.compare_digest(signature, self._signature([header, parent, metadata, content])):
            return {}, 0
        try:
            message = {"header": json.loads(header), "parent_header": json.loads(parent), "content": json.loads(content)}
        except ValueError:
            return {}, 0
        if not all(isinstance(part, dict) for part in message.values()):
            return {}, 0
        message["msg_type"] = message["header"].get("msg_type")
        return message, len(content) + sum(len(frame) for frame in frames[at + 6:])

    def drain_shell(self) -> None:
        """Drop the shell replies (execute_reply): the runner reads what it needs from IOPub."""
        while self.shell.poll(0):
            self.shell.recv_multipart()

    def close(self) -> None:
        self.shell.close(0)
        self.iopub.close(0)
        self.context.term()


class Session:
    """One kernel, cells run one at a time with a timeout and an output budget."""

    def __init__(self, kernel: subprocess.Popen[bytes], connection: str, cell_timeout: float,
                 max_output_bytes: int) -> None:
        self.kernel = kernel
        with open(connection, encoding="utf-8") as handle:
            self.conn = Connection(json.load(handle))
        self._wait_for_ready(deadline=time.monotonic() + 60)
        self.cell_timeout = cell_timeout
        self.budget = max_output_bytes
        self.flooded = False

    def _wait_for_ready(self, deadline: float) -> None:
        """Until the kernel answers kernel_info on the shell channel and its IOPub messages reach us.

        The IOPub subscription takes a moment: the status message of our own request proves it works."""
        while True:
            if self.kernel.poll() is not None:
                raise KernelDied
            if time.monotonic() > deadline:
                raise KernelStuck
            msg_id = self.conn.send("kernel_info_request", {})
            replied = self.conn.receive(self.conn.shell, 1.0)
            if replied is None or replied[0].get("msg_type") != "kernel_info_reply":
                continue
            until = time.monotonic() + 0.5
            while (left := until - time.monotonic()) > 0:
                got = self.conn.receive(self.conn.iopub, left)
                if got is not None and got[0].get("parent_header", {}).get("msg_id") == msg_id:
                    return

    def interrupt(self) -> None:
        """SIGINT to the kernel's process group, as jupyter_client does for a python3 kernel."""
        with contextlib.suppress(OSError):
            os.killpg(self.kernel.pid, signal.SIGINT)

    def run(self, source: str, collect_answers: bool = False) -> tuple[dict[str, str] | None, Any]:
        """(error or None, answers payload or None) for one cell."""
        msg_id = self.conn.send("execute_request", {
            "code": source, "silent": False, "store_history": not collect_answers, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": False})
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
            got = self.conn.receive(self.conn.iopub, min(left, 0.5))
            self.conn.drain_shell()
            if got is None:
                if self.kernel.poll() is not None:
                    raise KernelDied from None
                continue
            msg, size = got
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content.get("execution_state") == "idle":
                break
            if kind == "error" and error is None:
                error = {"ename": str(content.get("ename"))[:100], "evalue": str(content.get("evalue"))[:300]}
            data = content.get("data")
            if collect_answers and kind == "display_data" and isinstance(data, dict) and ANSWERS_MIME in data:
                answers = data[ANSWERS_MIME]
                continue
            if kind in ("stream", "display_data", "execute_result", "update_display_data", "error"):
                self.budget -= size
                if self.budget < 0 and not self.flooded:
                    self.flooded = True
                    self.interrupt()
        if timed_out:
            error = {"ename": "CellTimeout", "evalue": f"the cell ran longer than {self.cell_timeout:g} s and was interrupted"}
        return error, answers

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the sandbox is torn down anyway
            os.killpg(self.kernel.pid, signal.SIGKILL)
            self.conn.close()


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
