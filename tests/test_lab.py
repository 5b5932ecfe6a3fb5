"""labkit lab: the student's working folder, and JupyterLab started on it (terminal, language)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from labkit import resources
from labkit.errors import LabkitError
from labkit.lab import server
from labkit.lab.workspace import EXERCISES, LESSONS, prepare_workspace

TOKEN = "labkit-test-token"


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.ipynb"))


def test_the_workspace_gets_lessons_and_student_versions_only(tmp_path: Path) -> None:
    done = prepare_workspace(tmp_path / "work", "zh_CN")
    assert _names(done.folder / LESSONS) == _names(resources.lessons_dir("zh_CN"))
    assert _names(done.folder / EXERCISES) == _names(resources.student_exercises_dir("zh_CN"))
    assert len(done.copied) == len(list((done.folder).rglob("*.ipynb"))) and done.kept == []
    for copy in (done.folder / EXERCISES).glob("*.ipynb"):
        text = copy.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, copy.name
    assert not [p for p in done.folder.rglob("*") if p.name.startswith(".")], "no stray temporary file"


def test_a_students_edited_copy_is_never_overwritten(tmp_path: Path) -> None:
    first = prepare_workspace(tmp_path, "en_US")
    edited, removed = first.copied[0], first.copied[1]
    edited.write_text("my own work", encoding="utf-8")
    removed.unlink()
    again = prepare_workspace(tmp_path, "en_US")
    assert edited.read_text(encoding="utf-8") == "my own work"
    assert again.copied == [removed] and edited in again.kept
    assert len(again.kept) == len(first.copied) - 1


def test_a_file_given_as_folder_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(LabkitError, match="is a file, not a folder"):
        prepare_workspace(tmp_path / "notes.txt")


def test_jupyterlab_gets_the_kits_scripts_and_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.HOME_VARIABLE, str(tmp_path))
    env = server.server_environment("ko_KR", {"PATH": "/usr/bin"})
    assert env["PATH"].split(os.pathsep)[0] == server.scripts_dirs()[0]
    assert env["PATH"].endswith("/usr/bin") and env["LABKIT_LANG"] == "ko_KR"
    assert shutil.which("labkit", path=env["PATH"]) is not None
    cmd = server.lab_command(tmp_path, port=9999, open_browser=False)
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"] and "--no-browser" in cmd and "--port=9999" in cmd
    assert ("--allow-root" in cmd) == server.is_root()


def test_the_interface_language_keeps_other_settings(tmp_path: Path) -> None:
    path = tmp_path / server.TRANSLATION_SETTINGS
    path.parent.mkdir(parents=True)
    path.write_text('{"displayPseudoLanguage": false}', encoding="utf-8")
    server.write_interface_language("zh_CN", tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"displayPseudoLanguage": False, "locale": "zh_CN"}
    server.write_interface_language("en_US", tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["locale"] == "en"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def _terminal_says(base: str, command: str) -> str:
    """Type ``command`` into a new JupyterLab terminal and return what it printed."""
    import websocket  # websocket-client, a dependency of jupyter-server

    request = urllib.request.Request(f"{base}/api/terminals?token={TOKEN}", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=10) as response:
        name = json.loads(response.read())["name"]
    ws = websocket.create_connection(f"{base.replace('http', 'ws')}/terminals/websocket/{name}?token={TOKEN}",
                                     timeout=10)
    try:
        ws.send(json.dumps(["stdin", f"{command}; echo END''MARK\r"]))
        out = ""
        for _ in range(200):
            kind, *data = json.loads(ws.recv())
            out += data[0] if kind == "stdout" else ""
            if "ENDMARK" in out:
                break
        return out
    finally:
        ws.close()


def _menu_labels(url: str) -> list[str]:
    """The labels of JupyterLab's menu bar as Chromium shows them; the page is kept as a screenshot."""
    from tests.browser_lab import ARTIFACTS, WAIT_MS, chromium_page, require_chromium

    require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (test extra)")
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page(sync_api, {"width": 1280, "height": 800}) as page:
        page.set_default_timeout(WAIT_MS)
        page.goto(url)
        page.wait_for_selector(".lm-MenuBar-itemLabel")
        page.wait_for_function("document.querySelectorAll('.lm-MenuBar-itemLabel').length >= 6")
        page.screenshot(path=str(ARTIFACTS / "labkit_lab_zh_CN_menus.png"))
        return [label.strip() for label in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]


@pytest.mark.slow
def test_labkit_lab_serves_the_workspace(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "JUPYTER"))}
    env.update(LABKIT_HOME=str(tmp_path / "home"), PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    log = (tmp_path / "lab.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "labkit", "lab", "--lang", "zh_CN", "--dir", str(tmp_path / "work"), "--no-browser",
         "--port", str(port), "--", f"--IdentityProvider.token={TOKEN}", "--ServerApp.ip=127.0.0.1"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):  # building the default worlds comes first
            if proc.poll() is not None:
                break
            try:
                _get(f"{base}/api/status?token={TOKEN}")
                break
            except OSError:
                time.sleep(0.5)
        assert proc.poll() is None, (tmp_path / "lab.log").read_text(encoding="utf-8")
        lessons = {c["name"] for c in _get(f"{base}/api/contents/{LESSONS}?token={TOKEN}")["content"]}
        exercises = {c["name"] for c in _get(f"{base}/api/contents/{EXERCISES}?token={TOKEN}")["content"]}
        assert lessons >= {"01_world_tour.ipynb", "04_clv.ipynb"} and "quiz.ipynb" in exercises
        assert (tmp_path / "home" / "worlds" / "zh_CN" / "manifest.json").is_file()
        said = _terminal_says(base, "command -v labkit; echo lang=$LABKIT_LANG")
        assert f"{server.scripts_dirs()[0]}/labkit" in said and "lang=zh_CN" in said, said
        settings = _get(f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={TOKEN}")
        assert settings["settings"]["locale"] == "zh_CN"
        assert {"zh_CN", "ko_KR"} <= set(_get(f"{base}/lab/api/translations?token={TOKEN}")["data"])
        menus = _menu_labels(f"{base}/lab?token={TOKEN}")
        assert {"文件", "编辑", "运行", "内核", "帮助"} <= set(menus), f"JupyterLab's menus are not Chinese: {menus}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        log.close()
