"""End to end in a real browser: the entry form in JupyterLab 4 and Notebook 7, headless Chromium.

Types one valid and one invalid customer into the form and saves both: the database must
hold exactly the valid one and the invalid one's message must be visible on screen. A
screenshot is kept in ``test-artifacts/``. Needs the ``chromium`` Debian package
(``make test`` installs it via tools/system-deps.sh) and the ``playwright`` Python package
(its bundled browsers are never downloaded: we drive /usr/bin/chromium). The lessons' widgets
are driven in ``test_browser_lessons.py``; this test keeps Notebook 7 covered.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from labkit.customerdb import CustomerDB
from labkit.i18n import using_language
from labkit.world.schema import ENUMS
from tests.browser_lab import ARTIFACTS, WAIT_MS, chromium_page, jupyter_server, require_chromium

pytestmark = pytest.mark.browser

VALID = {"company": "宁波浏览器测试有限公司", "contact": "赵敏", "phone": "139 0000 0777",
         "email": "zhao.min@example.cn", "employees": "45", "city": "宁波市"}
INVALID = {"company": "Bad Phone Ltd", "contact": "Li Lei", "phone": "12345", "city": "宁波市"}

FORM_CELL = """\
from labkit.customerdb import CustomerDB
from labkit.i18n import using_language
from labkit.widgets.entry_form import EntryForm
db = CustomerDB("group.db")
EntryForm(db)
"""


@pytest.fixture()
def lab(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """A JupyterLab server on 127.0.0.1 with a token, serving a folder with one notebook."""
    require_chromium()
    work = tmp_path / "lab"
    work.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FORM_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, work / "entry.ipynb")
    with jupyter_server(work, tmp_path) as (url, token):
        yield url, token, work


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
    with chromium_page(sync_api, {"width": 1280, "height": 1400}) as page:
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
            with using_language("en_US"):  # the server's kernels speak English (conftest)
                page.select_option(".labkit-field-role select", label=ENUMS["role"].labels.text("exhibitor"))
                page.select_option(".labkit-field-industry select", label=ENUMS["industry"].labels.text("electronics"))
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
    assert shot.stat().st_size > 10_000
    with CustomerDB(work / "group.db") as db:
        found = db.search()
    assert list(found["company"]) == [VALID["company"]], found
    assert found["phone"].iloc[0] == "+8613900000777"
