"""Injected data-quality defects are realistic, findable and all listed in the defects table."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import phonenumbers
import pytest

import labkit
from labkit.world import geography as geo
from labkit.world.defects import person_variant, variant_spelling

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


@pytest.fixture(scope="module", params=["zh_CN", "en_US"])
def w(request: pytest.FixtureRequest, defect_world) -> labkit.World:  # type: ignore[no-untyped-def]
    return defect_world(request.param)


def test_no_defects_table_unless_asked() -> None:
    assert "defects" not in labkit.generate_world(scale=300).tables


def test_every_kind_is_injected_and_logged(w: labkit.World) -> None:
    kinds = set(w.defects["kind"].astype(str))
    assert kinds == {"duplicate_entry", "variant_spelling", "missing_value", "malformed_phone", "malformed_email",
                     "wrong_province"}
    assert w.defects["defect_id"].is_unique


def _cell(w: labkit.World, table: str, row_id: int, column: str) -> object:
    df = w.tables[table]
    return df.loc[df.iloc[:, 0] == row_id, column].iloc[0]


def test_logged_values_are_what_the_tables_hold(w: labkit.World) -> None:
    cells = w.defects[~w.defects["kind"].isin(["duplicate_entry", "variant_spelling"])]
    for row in cells.itertuples(index=False):
        value = _cell(w, row.table, row.row_id, row.column)
        if row.kind == "missing_value":
            assert pd.isna(value) and pd.isna(row.injected), row
        else:
            assert str(value) == row.injected, row
        assert not pd.isna(row.original)
        assert row.kind == "missing_value" or row.original != row.injected


def test_malformed_values_fail_validation(w: labkit.World) -> None:
    d = w.defects
    for phone in d.loc[d["kind"] == "malformed_phone", "injected"]:
        bad_format = not E164.match(phone)
        assert bad_format or not phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
    for email in d.loc[d["kind"] == "malformed_email", "injected"]:
        assert not EMAIL.match(email), email
    for row in d[d["kind"] == "wrong_province"].itertuples(index=False):
        org = w.organisations.set_index("org_id").loc[row.row_id]
        assert geo.location_problem(org["country"], org["province"], org["city"], w.locale) is not None
        assert geo.location_problem(org["country"], row.original, org["city"], w.locale) is None


def test_duplicates_are_variants_of_a_true_company(w: labkit.World) -> None:
    d = w.defects[(w.defects["kind"] == "duplicate_entry") & (w.defects["table"] == "organisations")]
    orgs = w.organisations.set_index("org_id")
    assert len(d) >= 0.02 * (len(orgs) - len(d))
    truth_ids = set(w.customer_truth["org_id"])
    for row in d.itertuples(index=False):
        dup, true = orgs.loc[row.row_id], orgs.loc[row.duplicate_of]
        assert row.row_id not in truth_ids and row.duplicate_of in truth_ids
        assert dup["name"] != true["name"] and row.original == true["name"] and row.injected == dup["name"]
        assert (dup["role"], dup["city"], dup["country"]) == (true["role"], true["city"], true["country"])
        assert dup["data_source"] != true["data_source"] or true["data_source"] not in ("sales_dept", "marketing_dept")
    contacts = w.contacts
    dup_contacts = contacts[contacts["org_id"].isin(d["row_id"])]
    assert len(dup_contacts) == len(d)
    true_phone = contacts.set_index("org_id").loc[d["duplicate_of"]]
    same_phone = dup_contacts["phone"].isin(true_phone["phone"]).mean()
    assert same_phone > 0.8  # findable: the same phone number, often another person


def test_respelled_contact_names_are_logged_and_the_same_person(w: labkit.World) -> None:
    d = w.defects[w.defects["kind"] == "variant_spelling"]
    assert len(d) > 0 and (d["table"] == "contacts").all() and (d["column"] == "name").all()
    names = w.contacts.set_index("contact_id")["name"]
    for row in d.itertuples(index=False):
        assert names[row.row_id] == row.injected != row.original
        assert sorted(row.injected.replace(",", "").split()) == sorted(row.original.split()) or \
            row.injected.replace(" ", "") == row.original
    assert person_variant("王芳") == "王 芳" and person_variant("Emily Carter") == "Carter, Emily"


def test_variant_spelling_changes_legal_forms_and_whitespace() -> None:
    rng = np.random.default_rng(0)
    zh = {variant_spelling("深圳市华宇电子有限公司", rng, ("深圳市",)) for _ in range(30)}
    assert "深圳市华宇电子有限公司" not in zh and any("有限责任公司" in v or "华宇电子有限公司" == v.strip() for v in zh)
    en = {variant_spelling("Abbott Electronics Inc.", rng) for _ in range(30)}
    assert "Abbott Electronics Inc." not in en and any("Incorporated" in v or "INC" in v for v in en)
    ko = {variant_spelling("(주)가람전자", rng) for _ in range(30)}
    assert "(주)가람전자" not in ko and any("주식회사" in v or "㈜" in v for v in ko)
