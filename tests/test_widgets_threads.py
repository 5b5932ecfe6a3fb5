"""Widgets under the kernel's threads: callbacks run on another thread than the one that built them.

ipykernel 7 with JupyterLab 4 may run a widget event on a subshell thread; these tests run
each callback on a fresh thread, as the kernel would, and check what the widget shows.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from classification_tiny_world import tiny_tables

from labkit.classification import customer_features
from labkit.customerdb import CustomerDB, DatabaseClosed
from labkit.widgets.classification_view import ClassificationView
from labkit.widgets.clv_explorer import CLVExplorer
from labkit.widgets.entry_form import EntryForm
from labkit.widgets.search_table import SearchTable
from tests.customer_records import numbered

PNG = b"\x89PNG"


def on_another_thread(action: Callable[[], object]) -> None:
    """Run ``action`` on a new thread and re-raise what it raised (what a subshell would do)."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


@pytest.fixture()
def db(tmp_path):
    with CustomerDB(tmp_path / "g.db") as database:
        yield database


def test_the_database_works_from_any_thread(db) -> None:
    on_another_thread(lambda: db.add(numbered(1)))
    on_another_thread(lambda: db.add(numbered(2)))
    assert db.count() == 2
    found: list = []
    on_another_thread(lambda: found.append(db.search(name="公司2")))
    assert list(found[0]["company"]) == ["测试公司2"]


def test_many_threads_at_once_lose_nothing(db) -> None:
    threads = [threading.Thread(target=lambda i=i: db.add(numbered(i))) for i in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert db.count() == 20 and db.integrity_check() == "ok"


def test_a_closed_database_says_so(db) -> None:
    db.close()
    with pytest.raises(DatabaseClosed, match="closed. Run the cell that opens it"):
        db.count()
    assert "closed" in repr(db)


def test_search_table_follows_three_filter_changes_on_other_threads(db) -> None:
    for i in range(1, 4):
        db.add(numbered(i))
    table = SearchTable(db)
    for text, expected in (("公司2", 1), ("测试", 3), ("xyz", 0)):
        on_another_thread(lambda text=text: setattr(table.name, "value", text))
        assert len(table.results()) == expected
        assert table.status.value == ""
    assert "No customer matches" in table.summary.value
    assert "测试公司" not in table.table.value


def test_search_table_pages_and_shows_every_column(db) -> None:
    for i in range(1, 21):
        db.add(numbered(i))
    table = SearchTable(db, page_rows=8)
    assert "20 customer(s) found, showing 1-8 (page 1 of 3)" in table.summary.value
    assert table.previous.disabled and not table.next.disabled
    for column in ("Company", "Address", "Created", "Main products"):  # headers in the display language
        assert column in table.table.value, column
    table.next.click()
    table.next.click()
    assert "showing 17-20 (page 3 of 3)" in table.summary.value and table.next.disabled
    assert "测试公司20" in table.table.value and "测试公司1<" not in table.table.value
    table.name.value = "测试"  # a new filter starts on page 1 again
    assert "page 1 of 3" in table.summary.value


def test_widgets_on_a_closed_database_say_so_in_the_widget(db) -> None:
    form, table = EntryForm(db), SearchTable(db)
    db.close()
    form.inputs["company"].value = "某公司"
    on_another_thread(form.save_button.click)
    assert "is closed. Run the cell that opens it" in form.status.value
    on_another_thread(lambda: setattr(table.name, "value", "x"))
    assert "is closed" in table.status.value


def test_charts_land_in_the_widgets_own_image_from_any_thread() -> None:
    plt.close("all")
    view = ClassificationView(customer_features(tiny_tables()))
    first = bytes(view.image.value)
    assert bytes(first).startswith(PNG)
    on_another_thread(lambda: setattr(view.dimension, "value", "loyalty"))
    on_another_thread(lambda: setattr(view.role, "value", "buyer"))
    assert bytes(view.image.value).startswith(PNG) and bytes(view.image.value) != first
    assert "advocate" in view.table_html.value and view.status.value == ""
    explorer = CLVExplorer(margin=100, retention=0.8, discount_rate=0.1, horizon=3, currency="CNY")
    before = bytes(explorer.image.value)
    on_another_thread(lambda: setattr(explorer.horizon, "value", 12))
    assert bytes(explorer.image.value).startswith(PNG) and bytes(explorer.image.value) != before
    assert "¥" in explorer.headline.value
    assert plt.get_fignums() == [], "widget charts must not be pyplot figures"


def test_an_impossible_slider_setting_is_explained_in_the_explorer() -> None:
    explorer = CLVExplorer(margin=100, retention=0.5, discount_rate=0.1, horizon=3)
    explorer.horizon.min = 0
    explorer.horizon.value = 0
    assert "1 or more" in explorer.status.value
    explorer.horizon.value = 4
    assert explorer.status.value == ""
