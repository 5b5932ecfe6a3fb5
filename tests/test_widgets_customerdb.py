"""Entry form and search table, driven without a browser (the widget objects themselves)."""
from __future__ import annotations

import pytest

from labkit.customerdb import CustomerDB
from labkit.widgets.entry_form import EntryForm
from labkit.widgets.search_table import SearchTable
from tests.customer_records import numbered


@pytest.fixture()
def db(tmp_path):
    with CustomerDB(tmp_path / "g.db") as database:
        yield database


def _type(form: EntryForm, **values) -> None:
    for key in ("country", "province"):  # order matters: the province list follows the country
        if key in values:
            form.inputs[key].value = values.pop(key)
    for key, value in values.items():
        form.inputs[key].value = value


def test_the_form_saves_a_valid_record_and_clears_the_typed_fields(db) -> None:
    form = EntryForm(db)
    assert form.inputs["country"].value == "CN"
    record = {k: str(v) for k, v in numbered(1).items() if k in form.inputs}
    _type(form, **record)
    assert "宁波市" in form.inputs["city"].options
    cid = form.save()
    assert cid is not None and db.get(cid)["phone"] == "+8613900000001"
    assert "customer" in form.status.value and form.inputs["company"].value == ""


def test_the_form_shows_each_problem_under_its_field_and_writes_nothing(db) -> None:
    form = EntryForm(db)
    record = {k: str(v) for k, v in numbered(1, phone="12345", email="no-at", employees="-4").items()
              if k in form.inputs}
    _type(form, **record)
    assert form.save() is None
    assert db.count() == 0
    for key in ("phone", "email", "employees"):
        assert form.messages[key].value, key
    assert "12345" in form.messages["phone"].value
    assert form.messages["company"].value == ""
    assert "Not saved" in form.status.value


def test_changing_country_offers_its_provinces(db) -> None:
    form = EntryForm(db)
    form.inputs["country"].value = "KR"
    assert "경기도" in [v for _l, v in form.inputs["province"].options]
    form.inputs["country"].value = "DE"
    assert [v for _l, v in form.inputs["province"].options] == [""]
    assert len(form.inputs["city"].options) > 0


def test_search_table_filters_live(db) -> None:
    db.add(numbered(1, tags="vip"))
    db.add(numbered(2, role="buyer", province="广东省", city="广州市"))
    table = SearchTable(db)
    assert "2 customer(s) found" in table.summary.value
    table.filters["role"].value = "buyer"
    assert list(table.results()["company"]) == ["测试公司2"]
    assert "测试公司2" in table.table.value and "测试公司1" not in table.table.value
    table.filters["role"].value = ""
    table.filters["region"].value = "华东"
    assert list(table.results()["company"]) == ["测试公司1"]
    table.filters["region"].value = ""
    table.tags.value = "vip"
    assert list(table.results()["company"]) == ["测试公司1"]
    table.tags.value = ""
    table.name.value = "公司2"
    assert list(table.results()["company"]) == ["测试公司2"]
