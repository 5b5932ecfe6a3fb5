"""Every widget of the lessons, used in JupyterLab 4 in headless Chromium the way a student does.

One server and one browser for the module. Each test opens a zh_CN lesson (the default
language), runs all cells, then types, clicks and changes every dropdown and slider at least
twice, checking what the screen shows (messages, table rows, a fresh chart image under the
widget) and what the kernel or the database holds. Any kernel output that belongs to no cell
(it would land in the Log Console) and any browser console error fail the test. Screenshots
of each widget go to ``test-artifacts/browser_<lesson>_<what>.png``.
"""
from __future__ import annotations

import json
import re
import shutil
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from labkit.classification import ROLE_TITLES, TITLES
from labkit.customerdb import CustomerDB
from labkit.i18n import using_language
from labkit.plotting.numbers import is_p_value_name
from labkit.widgets.clv_explorer import explorer_view
from labkit.widgets.search_table import column_header
from labkit.world.schema import ENUMS, Role
from tests.browser_lab import ROOT, Lab, lab_on, zh
from tests.kit_tables import kit_codes
from tests.shown_codes import codes_shown

pytestmark = pytest.mark.browser

LANGUAGE = "zh_CN"
LESSONS = ["01_world_tour", "02_data_entry", "03_classification", "04_clv", "05_surveys", "06_campaigns_reports",
           "07_relationships", "08_data_mining"]
VALID = {"company": "宁波浏览器测试有限公司", "contact": "赵敏", "phone": "139 0000 0777",
         "email": "zhao.min@example.cn", "employees": "45", "city": "宁波市"}
INVALID = {"company": "Bad Phone Ltd", "contact": "Li Lei", "phone": "12345", "city": "宁波市"}
DUPLICATE = {"company": "宁波另一家公司", "contact": "钱七", "phone": "139 0000 0777", "city": "宁波市"}



@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    scratch = tmp_path_factory.mktemp("browser")
    work = scratch / "lessons"
    work.mkdir()
    for lesson in LESSONS:
        shutil.copy(ROOT / "notebooks" / LANGUAGE / f"{lesson}.ipynb", work)
    with lab_on(work, scratch) as lab:
        yield lab


@pytest.fixture()
def lesson(lab: Lab, request: pytest.FixtureRequest) -> Iterator[Lab]:
    """Open and run the lesson named by the test's ``lesson`` mark (or its ``lesson`` parameter);
    check the Log Console after."""
    name = getattr(request, "param", None) or request.node.get_closest_marker("lesson").args[0]
    lab.browser_errors.clear()
    lab.open_and_run_all(f"{name}.ipynb")
    lab.outputs = assert_outputs_for_people(lab)
    yield lab
    lab.shot("page")
    stray, log_console = lab.stray_output(), lab.log_console()
    _shut_down_kernels(lab)
    errors = lab.console_errors()  # closing the lesson counts too
    print(f"{name}: {lab.name} screenshots in test-artifacts/, console: {lab.browser_errors}")
    assert log_console == [], f"the Log Console shows: {log_console}"
    assert stray == [], f"kernel output that belongs to no cell: {stray}"
    assert errors == [], f"browser console errors: {errors}"


# Every table and text a lesson's cells show (widgets apart), as the page has them.
LESSON_OUTPUTS = """() => {
  const outside = (e) => !e.closest('.jupyter-widgets, .jp-OutputArea-output .widget-html');
  const tables = [...document.querySelectorAll('.jp-OutputArea-output table')].filter(outside)
    .map(t => ({id: t.id, cells: [...t.querySelectorAll('td')].map(td => td.innerText.trim()),
                text: t.innerText.slice(0, 200),
                // each cell with its column's header and its row's header (a Series' figure names)
                named: [...t.querySelectorAll('tbody td')].map(td => [
                  (t.rows[0].cells[td.cellIndex] || {innerText: ''}).innerText.trim(),
                  (td.parentElement.querySelector('th') || {innerText: ''}).innerText.trim(), td.innerText.trim()]),
                // every header: column labels, the names of the index and the columns, row labels
                headers: [...t.querySelectorAll('th')].map(th => th.innerText.trim()),
                // each body row's cells with its row labels; the column labels of a named column axis (codes as columns)
                rows: [...t.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(c => c.innerText.trim())),
                heads: [...t.querySelectorAll('thead tr')]
                  .filter(tr => [...tr.querySelectorAll('th.index_name')].some(th => th.innerText.trim()))
                  .flatMap(tr => [...tr.querySelectorAll('th.col_heading')].map(th => th.innerText.trim()))}));
  const texts = [...document.querySelectorAll('.jp-OutputArea-output pre')].filter(outside).map(p => p.innerText);
  const charts = document.querySelectorAll('.jp-OutputArea-output img').length;
  const perCell = [...document.querySelectorAll('.jp-CodeCell')]
    .map(c => [...c.querySelectorAll('.jp-OutputArea-output img')].filter(outside).length);
  return {tables, texts, charts, mostChartsInACell: Math.max(0, ...perCell)};
}"""
RAW_NUMBER = re.compile(r"^-?\d+\.\d{5,}$|np\.float64\(|np\.int64\(|Fraction\(")
SNAKE_CASE = re.compile(r"[a-z]+_[a-z_]+")  # a header that reads as code: exhibitor_share, cost_to_serve


def assert_outputs_for_people(lab: Lab) -> dict[str, Any]:
    """Every table is shown through ``styled`` (a Styler table, ``T_`` id) with no raw float in a
    cell; no text output shows a numpy, Fraction, Axes, Figure, Line2D list or Text repr (a chart
    call left last in a cell) or a printed pandas Series (``dtype: int64``); no cell shows a chart twice;
    no header (column label, index name, row label) reads as code (``exhibitor_share``; a code of an enumeration
    heading a row or a column is the code check's business); no table or text shows a code where its name
    exists (``sms`` for 短信, ``CN`` for 中国: tests/shown_codes.py).
    Returns what the page shows."""
    shown = lab.page.evaluate(LESSON_OUTPUTS)
    raw = [t["text"] for t in shown["tables"] if not t["id"].startswith("T_")]
    assert raw == [], f"[{lab.name}] tables shown as raw frames, not through styled(): {raw}"
    cells = [c for t in shown["tables"] for c in t["cells"] if RAW_NUMBER.search(c)]
    assert cells == [], f"[{lab.name}] unformatted numbers in tables: {cells[:10]}"
    zero_p = [(column, row, text) for t in shown["tables"] for column, row, text in t["named"]
              if (is_p_value_name(column) or is_p_value_name(row)) and re.fullmatch(r"0\.0+", text)]
    assert zero_p == [], f"[{lab.name}] p-values shown as zero (a textbook writes < 0.001): {zero_p}"
    reprs = [t[:200] for t in shown["texts"] if re.search(r"np\.float64\(|np\.int64\(|Fraction\(|<Axes|<Figure|\[<matplotlib|^Text\(|(\n|, )dtype: \w+\s*$", t)]
    assert reprs == [], f"[{lab.name}] Python reprs on screen: {reprs}"
    assert shown["mostChartsInACell"] <= 1, f"[{lab.name}] a cell shows its chart twice"
    snake = sorted({h for t in shown["tables"] for h in t["headers"] if SNAKE_CASE.search(h) and h not in kit_codes()})
    assert snake == [], f"[{lab.name}] headers in snake_case (give the column a label in COLUMN_LABELS): {snake}"
    codes = codes_shown(shown["tables"], shown["texts"], LANGUAGE)
    assert codes == [], f"[{lab.name}] codes shown where a name exists: {codes[:12]}"
    return shown


# A student's "Close and Shut Down Notebook", for every open tab: the front end ends the kernel
# itself and waits for it, so no closed tab is left talking to a kernel killed under it (a kernel
# ended behind the front end's back logs "Kernel is dead" and the debugger's "Could not restore the
# debugger state" in whatever page comes next). A run lesson is dirty: closing it must not ask.
CLOSE_AND_SHUT_DOWN = """async () => {
  const app = window.jupyterapp;
  for (const widget of [...app.shell.widgets('main')]) {
    if (widget.sessionContext?.session) await widget.sessionContext.shutdown();
    widget.dispose();
  }
  await app.serviceManager.sessions.refreshRunning();
  await app.serviceManager.kernels.refreshRunning();
  return [...app.serviceManager.sessions.running()].length + [...app.serviceManager.kernels.running()].length;
}"""


def _shut_down_kernels(lab: Lab) -> None:
    """Close the lesson's tab and end its kernel, as a student closing the lesson; return when
    the server has no kernel left."""
    left = lab.step("close the lesson and shut down its kernel", lambda: lab.page.evaluate(CLOSE_AND_SHUT_DOWN))
    with urllib.request.urlopen(f"{lab.url}/api/kernels?token={lab.token}") as r:
        kernels = json.load(r)
    assert left == 0 and kernels == [], f"[{lab.name}] kernels still running after the lesson was closed: {kernels}"


def _wait_text(lab: Lab, selector: str, text: str, what: str) -> None:
    lab.step(what, lambda: lab.page.wait_for_function(
        "([s, t]) => [...document.querySelectorAll(s)].some(e => e.innerText.includes(t))", arg=[selector, text]))


# -- lesson 02: entry form and search table ----------------------------------------------------
def _type_record(lab: Lab, record: dict[str, str]) -> None:
    page = lab.page
    page.select_option(".labkit-field-province select", label="浙江省")
    for key, value in record.items():
        box = page.locator(f".labkit-field-{key} input")
        box.fill(value)
        box.press("Tab")  # Text widgets sync their value on change (blur)


def zh_header(key: str) -> str:
    """A column header of the customer search table as the zh_CN lesson shows it."""
    with using_language(LANGUAGE):
        return column_header(key)


def _shown_ids(lab: Lab) -> list[int]:
    cells = lab.page.eval_on_selector_all(".labkit-results tbody tr td:first-child", "tds => tds.map(t => t.innerText)")
    return [int(c) for c in cells]


def _expect_rows(lab: Lab, db: CustomerDB, what: str, **filters: Any) -> list[int]:
    """Wait until the table shows the first page of what ``db.search(**filters)`` finds."""
    expected = [int(i) for i in db.search(**filters)["id"].head(15)]
    lab.step(f"see {what}", lambda: lab.page.wait_for_function(
        """(ids) => JSON.stringify([...document.querySelectorAll('.labkit-results tbody tr td:first-child')]
                    .map(t => parseInt(t.innerText))) === JSON.stringify(ids)""", arg=expected))
    assert lab.page.locator(".labkit-search .labkit-status .labkit-error").count() == 0
    return expected


@pytest.mark.lesson("02_data_entry")
def test_lesson_02_entry_form_and_search_table(lesson: Lab) -> None:
    lab, page = lesson, lesson.page
    db_file = lab.work / "group_data" / "fair_customers.db"
    assert db_file.is_file(), "the group database is next to the lesson, where the file browser shows it"
    assert (db_file.parent / "collected.refused.csv").is_file(), "the refused rows are where the student can open them"
    with CustomerDB(db_file) as db:
        before = db.count()
    lab.step("see the entry form", lambda: page.wait_for_selector(".labkit-field-company input"))

    _type_record(lab, VALID)
    page.select_option(".labkit-field-role select", index=1)
    page.select_option(".labkit-field-industry select", index=2)
    page.click(".labkit-save")
    _wait_text(lab, ".labkit-entry-form .labkit-status .labkit-ok", zh("Saved: customer {id}.").split("{")[0],
               "see 'saved' after saving the valid record")
    lab.step("see the form cleared", lambda: page.wait_for_function(
        "document.querySelector('.labkit-field-company input').value === ''"))
    with CustomerDB(db_file) as db:
        saved = db.search(name=VALID["company"])
        assert db.count() == before + 1 and len(saved) == 1
        assert saved["phone"].iloc[0] == "+8613900000777"
    new_id = int(saved["id"].iloc[0])
    assert str(new_id) in page.locator(".labkit-entry-form .labkit-status").inner_text()
    lab.shot("entry_form_saved", ".labkit-entry-form")

    _type_record(lab, INVALID)
    page.click(".labkit-save")
    _wait_text(lab, ".labkit-msg-phone .labkit-error", "12345", "see the phone message of the invalid record")
    assert page.locator(".labkit-entry-form .labkit-status .labkit-error").is_visible()
    assert page.locator(".labkit-msg-province").inner_text().strip() == ""  # only the phone is wrong
    phone = page.locator(".labkit-msg-phone").inner_text()
    assert "电话号码" in phone and "phone number" not in phone, f"the refusal is Chinese in a zh_CN lesson: {phone!r}"
    assert page.locator(".labkit-save").inner_text().strip() == "保存", "the button speaks the lesson's language only"
    lab.shot("entry_form_invalid", ".labkit-entry-form")

    for key in ("company", "contact", "phone", "city"):
        page.locator(f".labkit-field-{key} input").fill("")
    _type_record(lab, DUPLICATE)
    page.click(".labkit-save")
    _wait_text(lab, ".labkit-msg-phone .labkit-error", str(new_id), "see that the phone belongs to the saved customer")
    lab.shot("entry_form_duplicate", ".labkit-entry-form")
    with CustomerDB(db_file) as db:
        assert db.count() == before + 1, "neither the invalid nor the duplicate record was stored"

        name = page.locator(".labkit-search-name input")
        page.click(".labkit-search-refresh")  # picks up the customer just saved
        for text, hits in (("浏览器测试", 1), ("电子", None), ("xyz", 0)):
            name.fill(text)
            name.press("Enter")
            shown = _expect_rows(lab, db, f"the customers named like {text!r}", name=text)
            assert hits is None or len(shown) == hits
        _wait_text(lab, ".labkit-search-summary", zh("No customer matches these filters."), "see 'no customer'")
        lab.shot("search_no_hits", ".labkit-search")
        name.fill("")
        name.press("Enter")
        _expect_rows(lab, db, "every customer again")

        filters: dict[str, Any] = {}
        choices = {"role": list(Role.codes()), "industry": ["electronics", "machinery"],
                   "region": ["华东", "华南"], "size_band": ["small", "medium"]}
        for key, codes in choices.items():
            for code in codes:
                with using_language(LANGUAGE):
                    label = code if key == "region" else ENUMS[key].labels.text(code)
                page.locator(f".labkit-search-{key} select").select_option(label=label)
                _expect_rows(lab, db, f"the customers with {key} = {code}", **filters, **{key: code})
            filters[key] = codes[-1]
            if key in ("industry", "size_band"):  # keep the result from getting empty: let these go again
                page.locator(f".labkit-search-{key} select").select_option(index=0)
                del filters[key]
                _expect_rows(lab, db, f"the customers without the {key} filter", **filters)
        lab.shot("search_filtered", ".labkit-search")
        for key in ("role", "region"):
            page.locator(f".labkit-search-{key} select").select_option(index=0)
        everyone = _expect_rows(lab, db, "every customer after the filters are reset")
        assert len(everyone) == 15 and db.count() > 15
        page.click(".labkit-search-next")
        second = [int(i) for i in db.search()["id"].iloc[15:30]]
        lab.step("see the second page", lambda: page.wait_for_function(
            """(ids) => JSON.stringify([...document.querySelectorAll('.labkit-results tbody tr td:first-child')]
                        .map(t => parseInt(t.innerText))) === JSON.stringify(ids)""", arg=second))
        headers = page.eval_on_selector_all(".labkit-results thead th", "ths => ths.map(t => t.innerText)")
        assert len(headers) == len(db.search().columns), "every column of the customer record is shown"
        box = page.locator(".labkit-results").locator("xpath=..").bounding_box()
        assert box is not None and box["height"] <= 30 * 16 + 4, "the table scrolls inside a box of fixed height"
        rows = page.eval_on_selector_all(".labkit-results tbody tr",
                                         "trs => trs.map(tr => [...tr.cells].map(c => c.innerText.trim()))")
        country = headers.index(zh_header("country"))
        assert {row[country] for row in rows} >= {"中国"}, "the country column names the country (中国, not CN)"
        codes = codes_shown([{"rows": rows, "heads": []}], [], LANGUAGE)
        assert codes == [], f"the search table shows codes where a name exists: {codes[:12]}"
        lab.shot("search_page_2", ".labkit-search")


# -- lesson 03: classification view -------------------------------------------------------------
def _chart_src(lab: Lab, scope: str) -> str:
    return str(lab.page.get_attribute(f"{scope} img.labkit-chart", "src") or "")


def _wait_new_chart(lab: Lab, scope: str, before: str, what: str) -> str:
    lab.step(what, lambda: lab.page.wait_for_function(
        """([scope, before]) => { const img = document.querySelector(scope + ' img.labkit-chart');
             return img && img.src && img.src !== before && img.complete && img.naturalWidth > 100; }""",
        arg=[scope, before]))
    return _chart_src(lab, scope)


@pytest.mark.lesson("03_classification")
def test_lesson_03_classification_view(lesson: Lab) -> None:
    lab, page = lesson, lesson.page
    scope = ".labkit-classification"
    lab.step("see the classification view with its chart", lambda: page.wait_for_selector(f"{scope} img.labkit-chart"))
    src = _wait_new_chart(lab, scope, "", "see the first chart")
    steps = [("dimension", "loyalty"), ("role", "buyer"), ("dimension", "rfm"), ("role", "total")]
    dimension = "value_matrix"  # the lesson's first choice
    for kind, key in steps:
        with using_language(LANGUAGE):
            label = (TITLES if kind == "dimension" else ROLE_TITLES).text(key)
        if kind == "dimension":
            page.select_option(f"{scope}-dimension select", label=label)
        else:
            page.locator(f"{scope}-role button", has_text=label).click()
        src = _wait_new_chart(lab, scope, src, f"see a new chart after choosing {kind} {key}")
        dimension = key if kind == "dimension" else dimension
        labels = json.loads(lab.kernel_print(
            f"import json; print(json.dumps(list(cls.composition_table(features, {dimension!r})['label'])))"))
        shown = page.eval_on_selector_all(f"{scope}-table tbody tr td:first-of-type", "tds => tds.map(t => t.innerText)")
        assert shown == labels, (kind, key)
        assert page.locator(f"{scope} .labkit-status").inner_text().strip() == ""
        lab.shot(f"classification_{kind}_{key}", scope)


# -- lesson 04: CLV explorer ----------------------------------------------------------------------
def _set_slider(lab: Lab, name: str, value: str) -> None:
    """Type ``value`` into the slider's readout (a rate's box) and press Enter, as a student does."""
    readout = lab.page.locator(_readout(name))
    readout.click()
    lab.page.keyboard.press("Control+A")
    lab.page.keyboard.type(value)
    lab.page.keyboard.press("Enter")


def _readout(name: str) -> str:
    """Where a slider shows its value: a rate's box beside it, the others' own readout."""
    return f".labkit-clv-{name} " + (".labkit-rate-box input" if name in RATES else ".widget-readout")


def _rate_readout(lab: Lab, name: str) -> str:
    return str(lab.page.locator(_readout(name)).input_value()).strip()


RATES = ("retention", "discount-rate")
# In the lesson's kernel: the explorer's rates as the model holds them (shares).
EXPLORER_RATES = """
explorer = [o for o in Out.values() if type(o).__name__ == "CLVExplorer"][-1]
print(explorer.retention.value, explorer.discount_rate.value)
"""


def _move_rate(lab: Lab, name: str, how: float | str | tuple[str, ...]) -> float:
    """Move a rate slider as a student does: drag its handle to ``how`` of the track, press the
    keys ``how`` on the handle, or type ``how`` into its box. Returns the rate the box then shows
    ("73%" -> 0.73)."""
    page, row = lab.page, f".labkit-clv-{name}"
    before = _rate_readout(lab, name)
    handle = page.locator(f"{row} .noUi-handle")
    if isinstance(how, float):
        track, grip = page.locator(f"{row} .noUi-target").bounding_box(), handle.bounding_box()
        assert track is not None and grip is not None
        page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
        page.mouse.down()
        page.mouse.move(track["x"] + how * track["width"], grip["y"] + grip["height"] / 2, steps=8)
        page.mouse.up()
    elif isinstance(how, str):
        _set_slider(lab, name, how)
    else:
        handle.focus()
        for key in how:
            page.keyboard.press(key)
    lab.step(f"see the {name} readout change from {before}", lambda: page.wait_for_function(
        "([s, b]) => document.querySelector(s).value.trim() !== b", arg=[_readout(name), before]))
    return _settled_rate(lab, name)


def _model_rates(lab: Lab) -> dict[str, float]:
    return dict(zip(RATES, map(float, lab.kernel_print(EXPLORER_RATES).split()), strict=True))


def _settled_rate(lab: Lab, name: str) -> float:
    """The rate once the kernel has the value the slider's handle shows (a drag sends many values, the
    last one after the kernel has drawn the chart of the one before) and the box shows it.
    Returns the kernel's rate."""
    handle_at = f"Number(document.querySelector('.labkit-clv-{name} .noUi-target').noUiSlider.get())"
    for _attempt in range(100):
        shown, model, handle = _rate_readout(lab, name), _model_rates(lab)[name], float(lab.page.evaluate(handle_at))
        if abs(model - handle) < 1e-9 and shown == f"{round(model * 100)}%":
            assert re.fullmatch(r"\d{1,2}%", shown), f"the {name} slider reads {shown!r}, not a percentage like 60%"
            return model
        lab.page.wait_for_timeout(300)
    raise AssertionError(f"the {name} box reads {shown}, the handle {handle}, the kernel {model}")


# In the lesson's kernel: the SHA-256 of the chart the explorer (the lesson cell's output) draws for its sliders now.
EXPLORER_CHART_NOW = """
import copy, hashlib, types
explorer = [o for o in Out.values() if type(o).__name__ == "CLVExplorer"][-1]
twin = copy.copy(explorer)
twin.image, twin.headline, twin.status = (types.SimpleNamespace(value="") for _ in range(3))
twin._draw()
print(hashlib.sha256(bytes(twin.image.value)).hexdigest())
"""
# In the page: whether the explorer's image shows the PNG with that SHA-256.
SHOWN_CHART_IS = """async ([scope, want]) => {
  const img = document.querySelector(scope + ' img.labkit-chart');
  const bytes = await (await fetch(img.src)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map(b => b.toString(16).padStart(2, '0')).join('') === want;
}"""


@pytest.mark.lesson("04_clv")
def test_lesson_04_clv_explorer(lesson: Lab) -> None:
    lab, page = lesson, lesson.page
    scope = ".labkit-clv-explorer"
    lab.step("see the CLV explorer", lambda: page.wait_for_selector(f"{scope} img.labkit-chart"))
    src = _wait_new_chart(lab, scope, "", "see the first chart")
    assert (_rate_readout(lab, "retention"), _rate_readout(lab, "discount-rate")) == ("80%", "10%"), \
        "the lesson's 0.8 and 0.1 read as the course writes them"
    assert "0.80" not in page.locator(scope).inner_text()
    setting: dict[str, Any] = {"margin": 1000.0, "retention": 0.8, "discount-rate": 0.1, "horizon": 12,
                               "first-margin-now": False}
    # rates: dragged to a point of the track, moved by keys on the handle (PageDown = 5 steps of 1%) or typed
    # as students type them: "70" and "70%" are 70%, a share "0.6" is 60%, full-width "１２" (Chinese keyboard) 12%
    typed = {"70": 0.7, "70%": 0.7, "0.6": 0.6, "１２": 0.12}
    moves: list[tuple[str, Any]] = [
        ("margin", 2500.0), ("retention", 0.93), ("discount-rate", ("ArrowLeft",) * 3), ("horizon", 20),
        ("first-margin-now", True), ("retention", "70"), ("retention", ("PageDown", "PageDown", "ArrowRight")),
        ("margin", 500.0), ("discount-rate", 0.4), ("retention", 0.35), ("horizon", 5), ("retention", "0.6"),
        ("discount-rate", ("Home",)), ("retention", "70%"), ("discount-rate", "１２"), ("first-margin-now", False)]
    for name, how in moves:
        if name == "first-margin-now":
            page.locator(f".labkit-clv-{name} input").click()
            value = how
        elif name in ("retention", "discount-rate"):
            value = _move_rate(lab, name, how)
        else:
            _set_slider(lab, name, str(how))
            value = how
        setting[name] = value
        with using_language(LANGUAGE):
            expected = explorer_view(setting["margin"], setting["retention"], setting["discount-rate"],
                                     int(setting["horizon"]), bool(setting["first-margin-now"]), "CNY").headline
        _wait_text(lab, f"{scope} .labkit-clv-headline", expected, f"see the headline after {name} = {value}")
        src = _wait_new_chart(lab, scope, src, f"see a new chart after {name} = {value}")
        assert page.locator(f"{scope} .labkit-status").inner_text().strip() == ""
        if name == "retention" and isinstance(how, float):
            assert abs(setting["retention"] - how * 0.99) <= 0.03, "the handle went where it was dragged"
        if isinstance(how, str) and name in RATES:
            assert value == typed[how] and _rate_readout(lab, name) == f"{round(typed[how] * 100)}%", \
                f"typed {how!r}: the box reads {_rate_readout(lab, name)}, the kernel holds {value}"
        if how == ("Home",):
            assert setting["discount-rate"] == 0 and _rate_readout(lab, "discount-rate") == "0%", "Home: the lowest rate"
    assert (setting["retention"], setting["discount-rate"]) == (0.7, 0.12)
    # out of range: refused with one sentence, the rate and the chart unchanged; the next good entry clears it
    _set_slider(lab, "discount-rate", "60")
    refused = zh("{name} goes from {low} to {high}; {typed} was not taken.").format(
        name=zh("Discount rate"), low="0%", high="50%", typed="60%")
    _wait_text(lab, f"{scope} .labkit-status", refused, "see why 60% was not taken")
    assert _rate_readout(lab, "discount-rate") == "12%", "the box shows the rate kept"
    lab.shot("clv_explorer_refused", scope)
    assert _model_rates(lab) == {"retention": 0.7, "discount-rate": 0.12}
    assert _move_rate(lab, "discount-rate", "9 %") == 0.09
    setting["discount-rate"] = 0.09
    with using_language(LANGUAGE):
        expected = explorer_view(setting["margin"], setting["retention"], setting["discount-rate"],
                                 int(setting["horizon"]), bool(setting["first-margin-now"]), "CNY").headline
    _wait_text(lab, f"{scope} .labkit-clv-headline", expected, "see the headline after typing 9 %")
    lab.step("see a good entry clear the message", lambda: page.wait_for_function(
        "s => document.querySelector(s).innerText.trim() === ''", arg=f"{scope} .labkit-status"))
    assert "¥" in page.locator(f"{scope} .labkit-clv-headline").inner_text(), "the headline amounts are money"
    want = lab.kernel_print(EXPLORER_CHART_NOW).strip()
    assert re.fullmatch(r"[0-9a-f]{64}", want), want
    lab.step("see the chart of the last setting", lambda: page.wait_for_function(
        SHOWN_CHART_IS, arg=[scope, want], polling=500))
    lab.shot("clv_explorer", scope)
    fits = page.locator(".labkit-clv-first-margin-now label.widget-label-basic").evaluate(
        "e => e.scrollWidth <= e.clientWidth + 1")
    assert fits, "the checkbox label is not cut off"
    for name in RATES:
        readout = page.locator(_readout(name))
        assert readout.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"the {name} readout is not cut off"


# -- lesson 05: survey form ----------------------------------------------------------------------
@pytest.mark.lesson("05_surveys")
def test_lesson_05_survey_form(lesson: Lab) -> None:
    lab, page = lesson, lesson.page
    scope = ".labkit-survey"
    lab.step("see the survey form", lambda: page.wait_for_selector(f"{scope}-submit"))

    def rows() -> int:
        return int(lab.kernel_print("print(len(form.responses))"))

    start = rows()

    shown = page.locator(scope).inner_text()
    assert page.locator(f"{scope}-submit").inner_text().strip() == "提交"
    assert "展品质量" in shown and "Quality of the exhibits" not in shown and "Submit" not in shown, \
        "the questionnaire shows the lesson's language only"
    page.click(f"{scope}-submit")
    lab.step("see why an empty form is refused", lambda: page.wait_for_selector(f"{scope} .labkit-status .labkit-error"))
    refused = page.locator(f"{scope} .labkit-status").inner_text()
    assert "必须回答" in refused and "must be answered" not in refused, refused
    assert rows() == start
    lab.shot("survey_empty", scope)

    selects = page.locator(f"{scope} select")
    for index in (2, 1):  # every dropdown changed twice
        for i in range(selects.count()):
            selects.nth(i).select_option(index=index)
    page.click(f"{scope}-submit")
    _wait_text(lab, f"{scope} .labkit-status .labkit-ok", str(start + 1), "see the response saved")
    assert rows() == start + 1
    assert page.eval_on_selector_all(f"{scope} select", "ss => ss.every(s => s.selectedIndex === 0)"), \
        "the form is cleared after Submit"
    lab.shot("survey_saved", scope)

    page.click(f"{scope}-submit")
    already = zh("Your answers were already saved as response {id}. Fill in the form again to add another response.")
    _wait_text(lab, f"{scope} .labkit-status", already.split("{")[0], "see that the second Submit stored nothing")
    assert rows() == start + 1, "pressing Submit twice stores one response"
    lab.shot("survey_double_submit", scope)


# -- lessons without widgets: every table readable, every chart drawn, nothing in the Log Console
# lesson -> (at least so many tables, charts and p-values read as "< 0.001", a markdown cell that must read as prose)
RUNS_CLEAN: dict[str, tuple[int, int, int, str | None]] = {
    "01_world_tour": (7, 2, 0, None),
    "06_campaigns_reports": (12, 5, 0, "计划明年的分配"),  # section 4 is prose, not a numbered list
    "07_relationships": (10, 0, 6, None),  # the paths' p_value column and the Sobel p
    "08_data_mining": (11, 0, 0, None),
}


@pytest.mark.parametrize("lesson", list(RUNS_CLEAN), indirect=True)
def test_lesson_runs_clean(lesson: Lab) -> None:
    tables, charts, small_p, prose = RUNS_CLEAN[lesson.name]
    shown = lesson.outputs
    assert len(shown["tables"]) >= tables and shown["charts"] >= charts, (len(shown["tables"]), shown["charts"])
    p_cells = [text for t in shown["tables"] for column, row, text in t["named"]
               if is_p_value_name(column) or is_p_value_name(row)]
    assert p_cells.count("< 0.001") >= small_p, p_cells
    if prose:
        cell = lesson.page.locator(".jp-MarkdownCell", has_text=prose)
        assert cell.count() == 1 and cell.locator("ol").count() == 0, f"the cell with {prose!r} is prose, not a list"
        lesson.shot("prose", f".jp-MarkdownCell:has-text('{prose}')")
    if small_p:
        lesson.shot("p_values", ".jp-Cell:has(td:text-is('< 0.001'))")
    if lesson.name == "06_campaigns_reports":  # the simulated strategies are named in the lesson's language
        names = [zh("A: SMS to every buyer"), zh("B: phone, last edition's buyers")]
        rows = {row for t in shown["tables"] for _column, row, _text in t["named"]}
        assert set(names) <= rows and not any("SMS to every buyer" in row for row in rows), sorted(rows)[:20]
        lesson.shot("simulator", f".jp-CodeCell:has(th:text-is('{names[0]}'))")
