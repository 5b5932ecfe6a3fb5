"""JupyterLab in headless Chromium for the browser tests (not a test module).

One JupyterLab server on 127.0.0.1 (a free port, a token), started with the environment and
kernel spec ``labkit lab`` gives a student, and Debian's Chromium driven by
Playwright (its own browser downloads are never used). :class:`Lab` opens a notebook, runs
all cells, waits for them, and watches the kernel's messages: any output that does not
belong to a cell (it would land in JupyterLab's Log Console: a widget callback's traceback,
a stray chart, a print) and any error in the browser console are collected in ``problems``.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from labkit.i18n import _, using_language
from labkit.lab.server import server_environment, write_kernel_spec

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = "zh_CN"  # the lessons' default language


def zh(message: str) -> str:
    """``message`` as the zh_CN notebooks show it (the kit's own catalog)."""
    with using_language(LANGUAGE):
        return _(message)
PLAIN_KERNEL = "plain-ipykernel"  # a kernel spec without the kit's start-up (see test_browser_lessons)
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
WAIT_MS = 90_000
SETTINGS = {
    # every cell in the DOM (JupyterLab 4 otherwise leaves cells out of view unattached)
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    # no "get notified about Jupyter news?" toast over the widgets
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

# Outputs of the kernel that do not come from running a cell end up in the Log Console.
WATCH_KERNEL = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  // fresh for each notebook: a closed lesson's kernel may still answer its tab's last messages
  window.labkitStray = [];
  window.labkitComms = {};
  window.labkitKernel = kernel;
  const mine = (k) => k === window.labkitKernel;  // handlers of earlier lessons stay connected
  kernel.anyMessage.connect((k, args) => {  // which comm is which, to explain a stray message
    if (!mine(k)) return;
    const m = args.msg;
    if (args.direction === "send" && m.header.msg_type.startsWith("comm_")) {
      const id = m.content.comm_id;
      window.labkitComms[id] = (window.labkitComms[id] || []).concat(
        [m.header.msg_type + ":" + (m.content.target_name || (m.content.data || {}).method || "") + "@" + m.channel
         + "/" + (m.metadata && m.metadata.subshell_id ? "subshell" : (m.header.subshell_id ? "subshell" : "main"))]);
    }
  });
  kernel.iopubMessage.connect((k, msg) => {
    if (!mine(k)) return;
    const type = msg.header.msg_type;
    const parent = (msg.parent_header || {}).msg_type;
    if (["stream", "error", "display_data", "execute_result"].includes(type) && parent !== "execute_request") {
      const text = JSON.stringify(msg.content);
      const id = (text.match(/No such comm: ([\\w-]+)/) || [])[1];
      window.labkitStray.push(type + " after " + parent + ": " + text.slice(0, 600)
                              + (id ? " [that comm: " + JSON.stringify(window.labkitComms[id] || "never sent") + "]" : ""));
    }
  });
}"""

# The Log Console's own record of the open notebook (its logger in JupyterLab's logger registry).
LOG_CONSOLE = """() => {
  const app = window.jupyterapp;
  const registry = app.pluginRegistry._plugins.get("@jupyterlab/logconsole-extension:plugin").service;
  const logger = registry.getLogger(app.shell.currentWidget.context.path);
  return logger.outputAreaModel.toJSON();
}"""

CELLS_DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.sessionContext.session || panel.sessionContext.session.kernel.status !== "idle") return false;
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === "code" && cell.sharedModel.getSource().trim() && !cell.executionCount) return false;
  }
  return panel.content.widgets.every(w => !w.node.querySelector('.jp-InputPrompt')?.innerText.includes('*'));
}"""

CELL_ERRORS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const errors = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== "code") continue;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === "error") errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
    }
  }
  return errors;
}"""

# Run code in the notebook's kernel (its namespace) and return what it printed.
KERNEL_PRINT = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let text = "";
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === "stream") text += msg.content.text;
    if (msg.header.msg_type === "error") text += "ERROR " + msg.content.ename + ": " + msg.content.evalue;
  };
  await future.done;
  return text;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make system-deps` (tools/system-deps.sh)")


@contextmanager
def jupyter_server(work: Path, scratch: Path) -> Iterator[tuple[str, str]]:
    """JupyterLab serving ``work``; yields (url, token). Its log is ``scratch/jupyter.log``."""
    for plugin, values in SETTINGS.items():
        folder, name = plugin.split(":")
        settings = scratch / "settings" / folder
        settings.mkdir(parents=True, exist_ok=True)
        (settings / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    data = scratch / "jupyter-data"
    write_kernel_spec(data)  # the kernel `labkit lab` gives the lessons
    plain = data / "kernels" / PLAIN_KERNEL / "kernel.json"  # ipykernel as installed, for the proof test
    plain.parent.mkdir(parents=True)
    plain.write_text(json.dumps({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                 "display_name": "plain ipykernel", "language": "python"}))
    # the kernels keep the language the tests run in (conftest sets LABKIT_LANG); lessons set their own
    env = server_environment(os.environ.get("LABKIT_LANG", LANGUAGE), os.environ, data) | {
        "PYTHONPATH": str(ROOT), "JUPYTER_CONFIG_DIR": str(scratch / "cfg"),
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "ws")}
    log_path = scratch / "jupyter.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
         "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", f"--LabApp.workspaces_dir={scratch / 'ws'}",
         f"--LabApp.user_settings_dir={scratch / 'settings'}", *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/api/status?token={token}", server, log_path, "JupyterLab")
        yield url, token
    finally:
        stop(server)
        log.close()


def wait_until_up(status_url: str, server: subprocess.Popen[bytes], log_path: Path, what: str) -> None:
    """Wait until ``status_url`` answers JSON; fail with the end of the server's log if it never does."""
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(status_url, timeout=2) as r:
                json.load(r)
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{what} did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a server this test started (and only it)."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


#: Browser console noise that is not about the kit (a server without the optional endpoints).
BENIGN_CONSOLE = ("Failed to load resource", "favicon")


class Lab:
    """One browser page on the server: open a notebook, run it, use it, screenshot it."""

    def __init__(self, sync_api: Any, page: Any, url: str, token: str, work: Path, log: Path) -> None:
        self.sync_api, self.page, self.url, self.token, self.log = sync_api, page, url, token, log
        self.work = work  # the folder the server serves
        self.browser_errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.browser_errors.append(m.text))
        page.on("pageerror", lambda e: self.browser_errors.append(str(e)))
        page.set_default_timeout(WAIT_MS)
        self.name = ""
        self.outputs: dict[str, Any] = {}  # what the lesson's cells show (tables, texts, charts)

    def console_errors(self) -> list[str]:
        """The browser console's errors, without the noise that is not about the kit."""
        return [e for e in self.browser_errors if not any(b in e for b in BENIGN_CONSOLE)]

    def step(self, what: str, action: Callable[[], Any]) -> Any:
        """Do ``action``; a Playwright failure says what the student could not do."""
        try:
            return action()
        except self.sync_api.Error as exc:
            first = (exc.message or str(exc)).splitlines()[0]
            self.shot("failed")
            raise AssertionError(f"[{self.name}] could not {what}: {first}; see {ARTIFACTS} and {self.log}") from None

    def open_and_run_all(self, path: str) -> None:
        self.name = Path(path).stem
        page = self.page
        # ?reset: a fresh workspace, so the tabs of lessons closed before are not restored (each
        # restored tab would start a kernel of its own beside this lesson's)
        self.step("open the notebook", lambda: page.goto(f"{self.url}/lab/tree/{path}?reset&token={self.token}"))
        self.step("start the front end", lambda: page.wait_for_function(
            f"window.jupyterapp?.shell.currentWidget?.context?.path === {json.dumps(path)}"))
        self.step("start the kernel", lambda: page.wait_for_function(
            "window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"))
        page.evaluate(WATCH_KERNEL)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        # a lesson runs in seconds on a quiet machine; the shared CI machine may be much slower
        self.step("run all cells", lambda: page.wait_for_function(CELLS_DONE, polling=500, timeout=5 * WAIT_MS))
        errors = page.evaluate(CELL_ERRORS)
        assert errors == [], f"[{self.name}] cells failed under Run All: {errors}"

    def kernel_print(self, code: str) -> str:
        """What ``code`` prints in the notebook's kernel."""
        return str(self.page.evaluate(KERNEL_PRINT, code))

    def stray_output(self) -> list[str]:
        """Kernel output that belongs to no cell, since the notebook opened (also what the Log
        Console only shows at its "info" level: replies to the front end's own comm messages)."""
        return list(self.page.evaluate("window.labkitStray || []"))

    def log_console(self) -> list[str]:
        """What JupyterLab's Log Console holds for the open notebook, at its default level."""
        return [json.dumps(m)[:600] for m in self.page.evaluate(LOG_CONSOLE)]

    def shot(self, what: str, selector: str | None = None) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"browser_{self.name}_{what}.png"
        try:
            if selector:
                self.page.locator(selector).first.screenshot(path=str(path))
            else:
                self.page.screenshot(path=str(path))
        except self.sync_api.Error:
            self.page.screenshot(path=str(path))
        return path


@contextmanager
def chromium_page(sync_api: Any, viewport: dict[str, int] | None = None) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser.new_page(viewport=viewport or {"width": 1400, "height": 1800})
        finally:
            browser.close()


@contextmanager
def lab_on(work: Path, scratch: Path) -> Iterator[Lab]:
    """JupyterLab serving ``work`` and a Chromium page on it, as one :class:`Lab` (log in ``scratch``)."""
    require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (test extra)")
    with jupyter_server(work, scratch) as (url, token), chromium_page(sync_api) as page:
        yield Lab(sync_api, page, url, token, work, scratch / "jupyter.log")
