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
import os
import site
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from labkit.cli import main
from labkit.lab import server

ROOT = Path(__file__).resolve().parents[1]

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


def _python_environment(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A Python environment of its own, as a JupyterHub's single-user servers run in: a venv that sees
    this environment's packages and the kit (a .pth file, no PYTHONPATH), with ipykernel's own
    python3 kernel spec installed in it the usual way. Returns its python and the environment to run it in."""
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "labkit-test.pth").write_text("\n".join([str(ROOT), *site.getsitepackages()]) + "\n", encoding="utf-8")
    run_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JUPYTER_PATH", "JUPYTER_DATA_DIR")}
    run_env |= {"HOME": str(tmp_path / "home"), "LABKIT_HOME": str(tmp_path / "labkit_home"), "LABKIT_LANG": "en_US"}
    subprocess.run([str(python), "-m", "ipykernel", "install", "--sys-prefix"], check=True, env=run_env,
                   capture_output=True)
    return python, run_env


def _spec_seen_by(python: Path, env: dict[str, str]) -> dict[str, Any]:
    code = ("import json; from jupyter_client.kernelspec import KernelSpecManager as M; s = M().get_kernel_spec('python3');"
            " print(json.dumps({'argv': s.argv, 'dir': s.resource_dir}))")
    return dict(json.loads(subprocess.run([str(python), "-c", code], check=True, env=env, capture_output=True,
                                          text=True).stdout))


@pytest.mark.slow
def test_kernel_install_gives_every_user_of_an_environment_the_kits_kernel(tmp_path: Path) -> None:
    """A hub admin's path: `labkit kernel install` in the environment the single-user servers run
    replaces ipykernel's python3 spec there, Jupyter started from it finds the kit's kernel, and
    that kernel answers the widget manager at once."""
    python, env = _python_environment(tmp_path)
    kernels = python.parent.parent / "share" / "jupyter" / "kernels"
    before = _spec_seen_by(python, env)
    assert Path(before["dir"]) == kernels / "python3" and "--ext=ipywidgets" not in before["argv"], before
    done = subprocess.run([str(python), "-m", "labkit", "kernel", "install"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert str(kernels / "python3") in done.stdout and "now uses it for every lesson" in done.stdout, done.stdout
    after = _spec_seen_by(python, env)
    assert Path(after["dir"]) == kernels / "python3"
    assert after["argv"][0] == str(python) and "--ext=ipywidgets" in after["argv"], after
    said = _open_control_comm(server.KERNEL_NAME, KernelSpecManager(kernel_dirs=[str(kernels)]))
    assert [m["type"] for m in said] == ["comm_msg"], said


def test_kernel_install_says_when_jupyter_would_not_use_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A spec written where Jupyter looks later than another python3 (or not at all) is named, with what to do."""
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    assert main(["kernel", "install", "--prefix", str(tmp_path / "pfx")]) == 1
    said = capsys.readouterr()
    assert (tmp_path / "pfx" / "share" / "jupyter" / "kernels" / "python3" / "kernel.json").is_file()
    assert "Jupyter started from this environment" in said.err and "JUPYTER_PATH" in said.err, said.err
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "pfx" / "share" / "jupyter"))
    assert main(["kernel", "install", "--prefix", str(tmp_path / "pfx")]) == 0
    assert "now uses it" in capsys.readouterr().out


def test_kernel_places() -> None:
    from jupyter_core import paths

    assert server.kernel_place("sys-prefix") == Path(sys.prefix, "share", "jupyter")
    assert server.kernel_place("system") == Path(paths.SYSTEM_JUPYTER_PATH[0])
    assert server.kernel_place("user") == Path(paths.jupyter_data_dir())
    assert server.kernel_place("user", Path("/opt/x")) == Path("/opt/x/share/jupyter")
    assert main(["kernel", "install", "--system", "--user"]) == 2, "one place at a time"
