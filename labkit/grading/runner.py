"""Run one submission inside the sandbox (沙箱执行): the only grader code the student's kernel can see.

This file is copied into the sandbox and started as a script, so it imports nothing from
labkit, and only ``jupyter_client`` from Jupyter (importing nbformat/nbclient costs more than
running a short notebook). Protocol: a JSON job on stdin (cell sources, the extraction cell,
limits), one JSON report on stdout. The grader treats everything reported as untrusted.
"""
from __future__ import annotations

import json
import os
import queue
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


class Session:
    """One kernel, cells run one at a time with a timeout and an output budget."""

    def __init__(self, cell_timeout: float, max_output_bytes: int) -> None:
        from jupyter_client.manager import start_new_kernel

        self.km, self.kc = start_new_kernel(kernel_name="python3", startup_timeout=60,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.cell_timeout = cell_timeout
        self.budget = max_output_bytes
        self.flooded = False

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
                self.km.interrupt_kernel()
                deadline = time.monotonic() + INTERRUPT_GRACE
                continue
            try:
                msg = self.kc.get_iopub_msg(timeout=min(left, 0.5))
            except queue.Empty:
                if not self.km.is_alive():
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
                    self.km.interrupt_kernel()
        if timed_out:
            error = {"ename": "CellTimeout", "evalue": f"the cell ran longer than {self.cell_timeout:g} s and was interrupted"}
        return error, answers

    def close(self) -> None:
        try:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - the sandbox is torn down anyway
            pass


def main() -> int:
    # The kernel inherits fds 1 and 2: point them at /dev/null so student output can only
    # travel through the (size-limited) Jupyter messages; keep our own copy of stdout.
    report = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    job = json.loads(sys.stdin.buffer.read())
    result: dict[str, Any] = {"answers": None, "errors": [], "kernel_died": False, "stuck": False, "flooded": False}
    session = Session(float(job["cell_timeout"]), int(job["max_output_bytes"]))
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
