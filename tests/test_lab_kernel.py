"""The lessons' kernel answers JupyterLab's widget manager from its first message (Log Console 日志控制台).

JupyterLab's widget manager opens a ``jupyter.widget.control`` comm and asks for the widgets'
states as soon as it connects to a kernel, which can be before any cell imported ipywidgets.
The tests send the kernel exactly those two messages (what ``tests/browser_lab.py`` saw the
browser send): the kernel as pip installs it answers on stderr "No such comm target
registered" (that line is not from the kit), the kernel spec ``labkit lab`` writes answers
with the widget states and says nothing else.
"""
from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from labkit.lab import server

PLAIN = "plain-ipykernel"


def _kernels(tmp_path: Path) -> KernelSpecManager:
    server.write_kernel_spec(tmp_path)
    plain = tmp_path / "kernels" / PLAIN / "kernel.json"
    plain.parent.mkdir(parents=True)
    plain.write_text(json.dumps({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                 "display_name": "plain", "language": "python"}))
    return KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])


def _open_control_comm(kernel_name: str, specs: KernelSpecManager) -> list[dict[str, Any]]:
    """What a fresh kernel publishes when the widget manager opens its control comm (no cell run)."""
    manager = KernelManager(kernel_name=kernel_name, kernel_spec_manager=specs)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        comm_id = uuid.uuid4().hex
        sent = [client.session.msg("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control",
                                                 "data": {}}, metadata={"version": "1.0.0"}),
                client.session.msg("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})]
        said: list[dict[str, Any]] = []
        for msg in sent:
            client.shell_channel.send(msg)
            while True:  # everything the kernel publishes until it is idle again after this message
                reply = client.get_iopub_msg(timeout=60)
                if reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                    continue
                if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
                    break
                if reply["msg_type"] != "status":
                    said.append({"type": reply["msg_type"], **reply["content"]})
        return said
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


@pytest.mark.slow
def test_the_plain_kernel_says_no_such_comm_target(tmp_path: Path) -> None:
    said = _open_control_comm(PLAIN, _kernels(tmp_path))
    assert any("No such comm target registered: jupyter.widget.control" in m.get("text", "") for m in said), said


@pytest.mark.slow
def test_the_kits_kernel_answers_the_widget_manager(tmp_path: Path) -> None:
    said = _open_control_comm(server.KERNEL_NAME, _kernels(tmp_path))
    assert [m["type"] for m in said] == ["comm_msg"], said
    assert said[0]["data"]["method"] == "update_states"


def test_the_kernel_spec_is_this_python_with_ipywidgets(tmp_path: Path) -> None:
    path = server.write_kernel_spec(tmp_path)
    spec = json.loads(path.read_text(encoding="utf-8"))
    assert path == tmp_path / "kernels" / "python3" / "kernel.json"
    assert spec["argv"][0] == sys.executable and "--ext=ipywidgets" in spec["argv"]
    env = server.server_environment("zh_CN", {"JUPYTER_PATH": "/elsewhere"}, tmp_path)
    assert env["JUPYTER_PATH"].split(":") == [str(tmp_path), "/elsewhere"], "the kit's kernel spec comes first"
