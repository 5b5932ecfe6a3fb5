"""The kit on a class server: a real JupyterHub on 127.0.0.1, two students in Chromium, collect, grade.

JupyterHub from PyPI with configurable-http-proxy from npm (tools/system-deps.sh installs it),
the DummyAuthenticator and SimpleLocalProcessSpawner (home folders under a temporary folder;
single-user servers with ``--allow-root``, since CI runs as root). The admin installs the lessons'
kernel with ``labkit kernel install --prefix`` and names that folder on the servers' ``JUPYTER_PATH``:
each student's kernel is that one (ipywidgets loaded at start). The handout sits in each home
as nbgitpuller would put it there. ``alice`` logs in with a login the roster maps to 学号 2024011
(``labkit.roster.hub.hub_student_id`` in ``Spawner.environment``); ``2024012`` logs in with the
学号 itself (the kit reads ``JUPYTERHUB_USER``). Each opens a lesson and the quiz, answers, saves;
``labkit collect`` then ``labkit grade`` give each their own rows.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from labkit.cli import main
from tests.browser_lab import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    SETTINGS,
    WAIT_MS,
    Lab,
    free_port,
    require_chromium,
    stop,
    wait_until_up,
    zh,
)

pytestmark = pytest.mark.browser

LANGUAGE = "zh_CN"
ROSTER = "学号,姓名,账号\n2024011,张三,alice\n2024012,李四,\n"
USERS = {"alice": ("2024011", "B"), "2024012": ("2024012", "A")}  # login: (学号, answer to sc01)
CONFIG = """
import sys
from labkit.roster.hub import hub_student_id
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = {scratch!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {scratch!r} + "/hub.sqlite"
c.JupyterHub.cookie_secret_file = {scratch!r} + "/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "labkit-test"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.args = ["--allow-root", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
                  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.environment = {{
    "LABKIT_STUDENT_ID": hub_student_id({roster!r}),
    "LABKIT_HOME": {labkit_home!r},
    "JUPYTERLAB_SETTINGS_DIR": {settings!r},
    "JUPYTER_CONFIG_DIR": {scratch!r} + "/cfg",
    "JUPYTER_PATH": {kernels!r},
}}
"""



def _require_proxy() -> str:
    found = shutil.which("configurable-http-proxy")
    if found is None:
        message = "configurable-http-proxy (npm) is not installed: run tools/system-deps.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    require_chromium()
    pytest.importorskip("jupyterhub", reason="pip install jupyterhub (test extra)")
    _require_proxy()
    scratch = tmp_path_factory.mktemp("hub")
    homes = scratch / "home"
    for user in USERS:  # the handout, as an nbgitpuller link puts it into ~/handout/
        handout = homes / user / "handout"
        handout.mkdir(parents=True)
        shutil.copy(ROOT / "notebooks" / LANGUAGE / "01_world_tour.ipynb", handout)
        shutil.copy(ROOT / "exercises" / LANGUAGE / "release" / "quiz.ipynb", handout)
    for plugin, values in SETTINGS.items():
        folder, name = plugin.split(":")
        (scratch / "settings" / folder).mkdir(parents=True, exist_ok=True)
        (scratch / "settings" / folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    # the admin installs the lessons' kernel where the single-user servers look (README: a class server)
    admin = scratch / "admin"
    assert main(["kernel", "install", "--prefix", str(admin)]) in (0, 1)  # 1: not yet on this JUPYTER_PATH
    roster = scratch / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    port = free_port()
    config = scratch / "jupyterhub_config.py"
    config.write_text(CONFIG.format(port=port, hub_port=free_port(), api_port=free_port(), scratch=str(scratch),
                                    homes=str(homes), roster=str(roster), labkit_home=str(scratch / "labkit_home"),
                                    settings=str(scratch / "settings"), kernels=str(admin / "share" / "jupyter")),
                      encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(ROOT), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("LABKIT_LANG", None)  # the students' servers show the lessons' language
    log_path = scratch / "hub.log"
    log = log_path.open("w")
    server = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=scratch, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/hub/api/", server, log_path, "JupyterHub")
        yield {"url": url, "homes": homes, "roster": roster, "scratch": scratch, "log": log_path}
    finally:
        stop(server)
        log.close()


def _student_session(sync_api: Any, browser: Any, hub: dict[str, Any], user: str, answer: str) -> str:
    """Log in, open the lesson and the quiz, answer sc01, save; returns the student id the kernel uses."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    lab = Lab(sync_api, page, f"{hub['url']}/user/{user}", "", hub["homes"] / user, hub["log"])
    lab.name = f"hub_{user}"
    lab.step("open the login page", lambda: page.goto(f"{hub['url']}/hub/login"))
    page.fill("#username_input", user)
    page.fill("#password_input", "labkit-test")
    lab.step("log in", lambda: page.click("#login_submit"))
    lab.step("reach the student's own JupyterLab", lambda: page.wait_for_url(f"**/user/{user}/lab**", timeout=5 * WAIT_MS))
    lab.step("open the lesson", lambda: page.goto(f"{lab.url}/lab/tree/handout/01_world_tour.ipynb"))
    lab.step("see the lesson", lambda: page.wait_for_function(
        "window.jupyterapp?.shell.currentWidget?.context?.path === 'handout/01_world_tour.ipynb'"))
    lab.step("read its title", lambda: page.locator(".jp-RenderedMarkdown h1", has_text="会展客户数据初探").first.wait_for())
    lab.open_and_run_all("handout/quiz.ipynb")
    who = lab.kernel_print("from labkit.checks import student_id\nprint(student_id('s0001'))").strip()
    # the student types the answer into the sc01 cell and runs its check, then saves (Ctrl+S)
    cell = page.locator(".jp-CodeCell", has_text="sc01_answer = None").first
    lab.step("click the answer cell", lambda: cell.locator(".cm-content").click())
    page.keyboard.press("Control+a")
    page.keyboard.type(f'sc01_answer = "{answer}"')
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")  # the check cell under it
    passed = zh("{q}: public checks passed (type, shape, columns). {note}").split("{note}")[0].format(q="sc01").strip()
    lab.step("see the check's answer", lambda: page.get_by_text(passed).first.wait_for())
    lab.name = f"hub_{user}"
    lab.shot("quiz_answered")
    page.keyboard.press("Control+s")
    lab.step("save", lambda: page.wait_for_function(
        "!window.jupyterapp.shell.currentWidget.context.model.dirty"))
    assert lab.console_errors() == [], lab.browser_errors
    loaded = lab.kernel_print("print('ipywidgets' in get_ipython().extension_manager.loaded)").strip()
    assert loaded == "True", "the student's kernel is the one the admin installed (ipywidgets loaded at start)"
    assert (lab.stray_output(), lab.log_console()) == ([], []), "nothing lands outside the cells"
    context.close()
    return who


def test_two_students_on_the_hub_then_collect_and_grade(hub: dict[str, Any], tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (test extra)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            seen = {user: _student_session(sync_api, browser, hub, user, answer) for user, (_sid, answer) in USERS.items()}
        finally:
            browser.close()
    assert seen == {"alice": "2024011", "2024012": "2024012"}  # from the roster via the hub, and JUPYTERHUB_USER
    for user in USERS:
        saved = json.loads((hub["homes"] / user / "handout" / "quiz.ipynb").read_text(encoding="utf-8"))
        assert any(f'sc01_answer = "{USERS[user][1]}"' in "".join(c["source"]) for c in saved["cells"])

    subs, results = tmp_path / "SUBMISSIONS", tmp_path / "RESULTS"
    assert main(["collect", str(hub["homes"]), "--roster", str(hub["roster"]), "--out", str(subs),
                 "--exercise", "quiz"]) == 0
    assert sorted(p.relative_to(subs).as_posix() for p in subs.rglob("*.ipynb")) == [
        "2024011/quiz.ipynb", "2024012/quiz.ipynb"]
    assert main(["grade", str(subs), "--roster", str(hub["roster"]), "--out", str(results), "--exercise", "quiz",
                 "--workers", "2", "--quiet"]) == 0
    rows = pd.read_csv(results / "gradebook.csv", encoding="utf-8-sig", dtype={"student_id": str})
    sc01 = rows[rows["question"] == "sc01"].set_index("student_id")["status"].to_dict()
    assert sc01 == {"2024011": "correct", "2024012": "incorrect"}  # each their own row, their own answer
    assert (results / "feedback" / "2024011.html").is_file() and (results / "feedback" / "2024012.html").is_file()
