"""Every table header a widget shows is in the display language (表头), never a code name."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import matplotlib
import pytest

matplotlib.use("Agg")
from classification_tiny_world import tiny_tables

from labkit.classification import customer_features
from labkit.customerdb import CustomerDB
from labkit.i18n import using_language
from labkit.widgets.classification_view import ClassificationView
from labkit.widgets.search_table import HEADERS, SearchTable, column_header
from tests.customer_records import numbered

SCRIPT = {"zh_CN": re.compile(r"[\u4e00-\u9fff]"), "ko_KR": re.compile(r"[\uac00-\ud7af]")}


class _Headers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._in_head |= tag == "thead"
        if self._in_head and tag == "th":
            self.headers.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_head &= tag != "thead"

    def handle_data(self, data: str) -> None:
        if self._in_head and self.headers:
            self.headers[-1] += data.strip()


def headers(html: str) -> list[str]:
    parser = _Headers()
    parser.feed(html)
    return [h for h in parser.headers if h]


@pytest.fixture()
def db(tmp_path):
    with CustomerDB(tmp_path / "g.db") as database:
        database.add(numbered(1))
        yield database


@pytest.mark.parametrize("language", sorted(SCRIPT))
def test_search_table_headers_are_in_the_display_language(db: CustomerDB, language: str) -> None:
    assert set(db.search().columns) <= set(HEADERS), "every result column has a header"
    with using_language(language):
        shown = headers(SearchTable(db).table.value)
    assert len(shown) == len(db.search().columns)
    assert [h for h in shown if not SCRIPT[language].search(h)] == [], shown


@pytest.mark.parametrize("language", sorted(SCRIPT))
def test_classification_view_headers_are_in_the_display_language(language: str) -> None:
    with using_language(language):
        view = ClassificationView(customer_features(tiny_tables()))
        shown = headers(view.table_html.value)
    assert len(shown) == 3 and [h for h in shown if not SCRIPT[language].search(h)] == [], shown
    assert list(view.table.columns) == ["label", "count", "share"], "the frame a student works with keeps its names"


def test_english_headers_are_words_not_code_names(db: CustomerDB) -> None:
    assert headers(SearchTable(db).table.value)[:3] == ["No.", "Company", "Contact"]
    assert headers(ClassificationView(customer_features(tiny_tables())).table_html.value) == ["Category", "Customers", "Share"]


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._in_body |= tag == "tbody"
        if self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_body &= tag != "tbody"

    def handle_data(self, data: str) -> None:
        if self._in_body and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data.strip()


@pytest.mark.parametrize(("language", "role", "industry"), [("zh_CN", "采购商", "电子电器"), ("ko_KR", "바이어", "전자·전기"),
                                                            ("en_US", "buyer", "electronics")])
def test_search_table_shows_enumerations_by_their_names(db: CustomerDB, language: str, role: str, industry: str) -> None:
    """The role column says what the role filter says (采购商), not the stored code (buyer)."""
    db.add(numbered(2, role="buyer"))
    with using_language(language):
        search = SearchTable(db)
        search.filters["role"].value = "buyer"
        parser = _Cells()
        parser.feed(search.table.value)
        shown = dict(zip(headers(search.table.value), parser.rows[0], strict=True))
        role_filter = {code: name for name, code in search.filters["role"].options}["buyer"]
        columns = {key: column_header(key) for key in ("role", "industry")}
    assert shown[columns["role"]] == role == role_filter
    assert shown[columns["industry"]] == industry
    assert db.search(role="buyer")["role"].tolist() == ["buyer"], "the data keeps its codes"
