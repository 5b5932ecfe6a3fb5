"""Run one submission inside the sandbox (沙箱执行): the only grader code the student's kernel can see.

This file is copied into the sandbox and started as a script, so it imports nothing from
labkit. Protocol: a JSON job on stdin (the cleaned notebook, the extraction cell, limits), one
JSON report on stdout. Everything it reports is treated by the grader as untrusted student data.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

ANSWERS_MIME = "application/vnd.labkit.answers+json"


def _report(out: Any, payload: dict[str, Any]) -> None:
    out.write(json.dumps(payload).encode("utf-8"))
    out.flush()


def main() -> int:
    # The kernel inherits fds 1 and 2: point them at /dev/null so student output can only
    # travel through the (size-limited) Jupyter messages; keep our own copy of stdout.
    report = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    job = json.loads(sys.stdin.buffer.read())

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    limit = int(job["max_output_bytes"])

    class LimitedClient(NotebookClient):
        """Drops outputs beyond the byte limit and interrupts the cell that floods."""

        seen = 0
        flooded = False

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[override]
            size = len(json.dumps(msg.get("content", {}), default=str))
            if msg.get("content", {}).get("data", {}).get(ANSWERS_MIME) is not None:
                return super().output(outs, msg, display_id, cell_index)
            self.seen += size
            if self.seen > limit:
                if not self.flooded:
                    self.flooded = True
                    asyncio.ensure_future(self._interrupt())
                return None
            return super().output(outs, msg, display_id, cell_index)

        async def _interrupt(self) -> None:
            if self.km is not None:
                res = self.km.interrupt_kernel()
                if asyncio.iscoroutine(res):
                    await res

    nb = nbformat.from_dict(job["notebook"])
    nb.cells.append(nbformat.v4.new_code_cell(job["extract_source"]))
    client = LimitedClient(
        nb,
        timeout=int(job["cell_timeout"]),
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "CellTimeout", "evalue": f"the cell ran longer than {job['cell_timeout']} s and was interrupted", "traceback": []},
        allow_errors=True,
        kernel_name="python3",
        resources={"metadata": {"path": os.getcwd()}},
        iopub_timeout=5,
        shutdown_kernel="immediate",
    )
    result: dict[str, Any] = {"answers": None, "errors": [], "kernel_died": False}
    try:
        client.execute()
    except DeadKernelError:
        result["kernel_died"] = True
    except Exception as exc:  # noqa: BLE001 - any failure becomes a line in the report
        result["errors"].append({"cell": None, "ename": type(exc).__name__, "evalue": str(exc)[:300]})
    result["flooded"] = client.flooded
    for index, cell in enumerate(nb.cells[:-1]):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                result["errors"].append(
                    {"cell": index, "ename": str(out.get("ename"))[:100], "evalue": str(out.get("evalue"))[:300]}
                )
    for out in nb.cells[-1].get("outputs", []):
        data = out.get("data", {}).get(ANSWERS_MIME)
        if data is not None:
            result["answers"] = data
        elif out.get("output_type") == "error":
            result["errors"].append({"cell": "extract", "ename": str(out.get("ename"))[:100], "evalue": str(out.get("evalue"))[:300]})
    _report(report, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
