"""End to end in a real browser: the entry form in JupyterLab 4 and Notebook 7, headless Chromium.

Types one valid and one invalid customer into the form and saves both: the database must
hold exactly the valid one and the invalid one's message must be visible on screen. A
screenshot is kept in ``test-artifacts/``. Needs the ``chromium`` Debian package
(``make test`` installs it via tools/system-deps.sh) and the ``playwright`` Python package
(its bundled browsers are never downloaded: we drive /usr/bin/chromium).
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from labkit.customerdb import CustomerDB

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 60_000
VALID = {"company": "宁波浏览器测试有限公司", "contact": "赵敏", "phone": "139 0000 0777",
         "email": "zhao.min@example.cn", "employees": "45", "city": "宁波市"}
INVALID = {"company": "Bad Phone Ltd", "contact": "Li Lei", "phone": "12345", "city": "宁波市"}

FORM_CELL = """\
from labkit.customerdb import CustomerDB
from labkit.widgets.entry_form import EntryForm
db = CustomerDB("group.db")
EntryForm(db)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A JupyterLab server on 127.0.0.1 with a token, serving a folder with one notebook."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make system-deps` (tools/system-deps.sh)")
    work = tmp_path / "lab"
    work.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FORM_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, work / "entry.ipynb")
    port, token = _free_port(), secrets.token_hex(16)
    env = os.environ | {"PYTHONPATH": str(ROOT), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
                        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws")}
    log = (tmp_path / "jupyter.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
         "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
         "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", f"--LabApp.workspaces_dir={tmp_path / 'ws'}",
         f"--LabApp.user_settings_dir={tmp_path / 'settings'}", *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    json.load(r)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(tmp_path / 'jupyter.log').read_text()[-3000:]}")
                time.sleep(0.5)
        yield url, token, work
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _type_record(page, record: dict[str, str]) -> None:
    page.select_option(".labkit-field-province select", label="浙江省")
    for key, value in record.items():
        box = page.locator(f".labkit-field-{key} input")
        box.fill(value)
        box.press("Tab")  # Text widgets sync their value on change (blur)


@pytest.mark.parametrize("frontend, path", [("jupyterlab4", "lab/tree"), ("notebook7", "notebooks")])
def test_form_saves_only_the_valid_record(lab, frontend, path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (test extra)")
    server, token, work = lab
    url = f"{server}/{path}/entry.ipynb?token={token}"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"browser_entry_form_{frontend}.png"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.set_default_timeout(WAIT_MS)
        def step(what: str, action) -> None:
            try:
                action()
            except sync_api.Error as exc:
                first = (exc.message or str(exc)).splitlines()[0]
                raise AssertionError(f"[{frontend}] could not {what}: {first}; see {shot} and the server "
                                     f"log {work.parent / 'jupyter.log'}") from None

        try:
            step("open the notebook", lambda: page.goto(url))
            step("start the front end", lambda: page.wait_for_function(
                "window.jupyterapp && document.querySelector('.jp-Notebook')"))
            step("start the kernel", lambda: page.wait_for_function(
                "window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"))
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            step("see the entry form after running the cell", lambda: page.wait_for_selector(
                ".labkit-field-company input"))

            step("type the valid record", lambda: _type_record(page, VALID))
            page.select_option(".labkit-field-role select", label="exhibitor")  # the display language: English in tests
            page.select_option(".labkit-field-industry select", label="electronics")
            page.click(".labkit-save")
            step("see 'Saved' after saving the valid record", lambda: page.wait_for_function(
                "document.querySelector('.labkit-status')?.innerText.includes('Saved')"))
            step("see the form cleared", lambda: page.wait_for_function(
                "document.querySelector('.labkit-field-company input').value === ''"))

            step("type the invalid record", lambda: _type_record(page, INVALID))
            page.click(".labkit-save")
            step("see the phone message of the invalid record", lambda: page.wait_for_function(
                "document.querySelector('.labkit-msg-phone')?.innerText.includes('12345')"))
            assert page.locator(".labkit-msg-phone").is_visible()
            assert "Not saved" in page.locator(".labkit-status").inner_text()
            assert page.locator(".labkit-msg-province").inner_text().strip() == ""  # only the phone is wrong
        finally:
            page.screenshot(path=str(shot), full_page=True)
            browser.close()
    assert shot.stat().st_size > 10_000
    with CustomerDB(work / "group.db") as db:
        found = db.search()
    assert list(found["company"]) == [VALID["company"]], found
    assert found["phone"].iloc[0] == "+8613900000777"
