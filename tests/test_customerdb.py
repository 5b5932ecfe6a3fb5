"""The customer database: add/get/update/delete/search and refusals that write nothing."""
from __future__ import annotations

import pandas as pd
import pytest

from labkit import generate_world
from labkit.customerdb import CustomerDB, CustomerNotFound, InvalidRecord
from labkit.customerdb.tables import create_table_sql
from labkit.errors import UsageError
from labkit.world import schema
from tests.customer_records import numbered, record


@pytest.fixture()
def db(tmp_path):
    with CustomerDB(tmp_path / "group.db") as database:
        yield database


def test_add_then_get_returns_the_clean_record(db) -> None:
    cid = db.add(record(email="Wang.Fang@HK-Dianzi.CN", role="参展商", tags="vip, 电子, vip"))
    got = db.get(cid)
    assert got["phone"] == "+8613812345678"
    assert got["email"] == "Wang.Fang@hk-dianzi.cn"  # domain lower-cased, local part kept
    assert got["role"] == "exhibitor"
    assert got["region_group"] == "华东"
    assert got["size_band"] == "large"
    assert got["tags"] == ("vip", "电子")
    assert db.count() == 1


def test_tables_follow_the_world_schema(db) -> None:
    for name in ("organisations", "contacts"):
        cols = [r[1] for r in db._conn.execute(f"PRAGMA table_info({name})")]
        assert cols == schema.table(name).column_names


@pytest.mark.parametrize("name", ["O'Brien & Sons", 'Robert"); DROP TABLE organisations;--',
                                  "x' OR '1'='1", "株式会社「テスト」"])
def test_quotes_and_sql_looking_names_are_stored_verbatim(db, name) -> None:
    cid = db.add(record(company=name))
    assert db.get(cid)["company"] == name
    assert list(db.search(name=name)["id"]) == [cid]
    assert db.count() == 1


@pytest.mark.parametrize("changes, field", [
    (dict(phone="12345"), "phone"),
    (dict(phone="+86 138 1234 567"), "phone"),
    (dict(email="wang@@example.cn"), "email"),
    (dict(email="wang fang@example.cn"), "email"),
    (dict(city="南京市"), "city"),
    (dict(province="Ontario"), "province"),
    (dict(province=None), "province"),
    (dict(employees=-3), "employees"),
    (dict(employees=2.5), "employees"),
    (dict(employees="many"), "employees"),
    (dict(company="ABC\x00"), "company"),
    (dict(contact="王\n芳"), "contact"),
    (dict(role="visitor"), "role"),
    (dict(industry="software"), "industry"),
    (dict(country="XX"), "country"),
    (dict(company="  "), "company"),
    (dict(phone=None, email=None), "phone"),
    (dict(fax="0571-1234567"), "fax"),
])
def test_bad_field_is_refused_naming_it_and_nothing_is_written(db, changes, field) -> None:
    with pytest.raises(InvalidRecord) as info:
        db.add(record(**changes))
    assert info.value.field == field
    assert isinstance(info.value, ValueError)
    assert field in str(info.value)
    assert db.count() == 0
    assert db._conn.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 0


def test_pandas_missing_values_count_as_not_given(db) -> None:
    cid = db.add(record(title=pd.NA, employees=pd.NA, email=float("nan"), address=None))
    got = db.get(cid)
    assert (got["title"], got["employees"], got["email"]) == (None, None, None)


def test_every_problem_is_listed_for_the_form(db) -> None:
    with pytest.raises(InvalidRecord) as info:
        db.add(record(phone="12", email="no-at-sign", employees=0))
    assert {p.field for p in info.value.problems} == {"phone", "email", "employees"}


def test_duplicate_phone_or_email_is_refused_naming_the_existing_customer(db) -> None:
    first = db.add(record())
    with pytest.raises(InvalidRecord) as info:
        db.add(record(company="另一家公司", email="other@example.cn", phone="0086 138-1234-5678"))
    assert info.value.field == "phone"
    assert f"customer {first}" in info.value.message and "杭州海康电子有限公司" in info.value.message
    with pytest.raises(InvalidRecord) as info:
        db.add(record(company="另一家公司", phone="13912345678", email="WANG.FANG@hk-dianzi.cn"))
    assert info.value.field == "email"
    assert db.count() == 1


def test_a_deleted_customer_frees_its_phone_and_can_be_restored(db) -> None:
    cid = db.add(record())
    db.delete(cid)
    assert db.count() == 0
    with pytest.raises(CustomerNotFound):
        db.get(cid)
    assert len(db.search(include_deleted=True)) == 1
    db.restore(cid)
    assert db.get(cid)["company"] == record()["company"]


def test_update_revalidates_and_keeps_the_rest(db) -> None:
    cid = db.add(record())
    other = db.add(numbered(1))
    db.update(cid, {"city": "宁波市", "employees": 40, "tags": ["new"]})
    got = db.get(cid)
    assert (got["city"], got["size_band"], got["tags"], got["contact"]) == ("宁波市", "small", ("new",), "王芳")
    with pytest.raises(InvalidRecord):
        db.update(cid, {"city": "广州市"})
    with pytest.raises(InvalidRecord) as info:
        db.update(cid, {"phone": db.get(other)["phone"]})
    assert info.value.field == "phone"
    assert db.get(cid)["city"] == "宁波市"
    db.update(cid, {"phone": "13812345678"})  # its own number is not a duplicate


def test_add_many_is_all_or_nothing(db) -> None:
    with pytest.raises(InvalidRecord) as info:
        db.add_many([numbered(1), numbered(2), numbered(3, city="北京市")])
    assert "record 3" in str(info.value)
    assert db.count() == 0
    with pytest.raises(InvalidRecord):
        db.add_many([numbered(1), numbered(2, phone=numbered(1)["phone"])])
    assert db.count() == 0
    assert db.add_many([numbered(1), numbered(2)]) == [1, 2]


def test_search_by_name_fragment_in_any_script_and_filters(db) -> None:
    ids = {
        "hz": db.add(record()),
        "kr": db.add(dict(company="삼성전자 주식회사", contact="김민수", phone="010-1234-5678", role="buyer",
                          country="KR", province="경기도", city="수원시", industry="electronics", employees=8)),
        "us": db.add(dict(company="ACME Tools Inc.", contact="Jane Doe", email="jane@acme.example", role="buyer",
                          country="US", province="California", city="Los Angeles", industry="hardware_tools",
                          tags=["vip", "2025"])),
        "bj": db.add(numbered(1, province="北京市", city="北京市", industry="machinery", employees=None,
                              tags="vip")),
    }
    assert list(db.search(name="海康")["id"]) == [ids["hz"]]
    assert list(db.search(name="전자")["id"]) == [ids["kr"]]
    assert list(db.search(name="ａｃｍｅ")["id"]) == [ids["us"]]  # full-width, any case
    assert list(db.search(name="jane")["id"]) == [ids["us"]]  # contact names too
    assert list(db.search(region="华东")["id"]) == [ids["hz"]]
    assert set(db.search(role="buyer")["id"]) == {ids["kr"], ids["us"]}
    assert set(db.search(industry=["machinery", "hardware_tools"])["id"]) == {ids["bj"], ids["us"]}
    assert list(db.search(size_band="micro")["id"]) == [ids["kr"]]
    assert set(db.search(tags="vip")["id"]) == {ids["us"], ids["bj"]}
    assert list(db.search(tags=["vip", "2025"])["id"]) == [ids["us"]]
    assert db.search(name="海康", role="buyer").empty
    assert db.region_groups() == sorted(set(db.search()["region_group"]))
    with pytest.raises(InvalidRecord):
        db.search(colour="red")


def test_opens_a_file_written_by_the_world_storage(tmp_path) -> None:
    world = generate_world(seed=1, scale=200)
    path = world.write(tmp_path / "world.sqlite", "sqlite")
    orgs = world.organisations
    with CustomerDB(path) as db:
        assert db.count() == len(orgs)
        first = db.get(int(orgs.org_id.iloc[0]))
        assert first["company"] == orgs.name.iloc[0]
        new = db.add(record())
        assert new == int(orgs.org_id.max()) + 1
        assert db.get(new)["business_nature"] is None
        with pytest.raises(InvalidRecord) as info:
            db.add(numbered(5, phone="13812345678"))
        assert str(new) in info.value.message
        assert db.integrity_check() == "ok"


def test_the_primary_key_is_the_rowid() -> None:
    assert 'PRIMARY KEY ("org_id")' in create_table_sql("organisations")
    assert "IF NOT EXISTS" in create_table_sql("contacts")


def test_backup_is_a_complete_copy_and_journal_mode_is_checked(db, tmp_path) -> None:
    db.add_many([numbered(1), numbered(2)])
    with CustomerDB(db.backup(tmp_path / "backup.db")) as copy:
        assert list(copy.search()["company"]) == ["测试公司1", "测试公司2"]
    with pytest.raises(UsageError, match="journal_mode"):
        CustomerDB(tmp_path / "x.db", journal_mode="wal; DROP TABLE contacts")
    with CustomerDB(tmp_path / "net.db", journal_mode="delete") as other:
        assert other._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.parametrize("place, known_only_field, open_field", [
    (dict(country="CN", province="河北省", city="衡水市"), "city", None),         # real, not in the kit's list
    (dict(country="DE", province=None, city="Bremen", phone="+49 421 1234567"), "city", None),
    (dict(country="CN", province="江苏省", city="杭州市"), "city", "city"),        # listed city, wrong province
    (dict(country="CN", province="Hebei", city="衡水市"), "province", "province"),
    (dict(country="DE", province="Bayern", city="Bremen", phone="+49 421 1234567"), "province", "province"),
    (dict(country="CN", province=None, city="衡水市"), "province", "province"),
])
def test_unlisted_cities_only_when_the_group_allows_them(tmp_path, place, known_only_field, open_field) -> None:
    strict = CustomerDB(tmp_path / "strict.db")
    with pytest.raises(InvalidRecord) as info:
        strict.add(record(**place))
    assert info.value.field == known_only_field
    open_db = CustomerDB(tmp_path / "open.db", known_cities_only=False)
    if open_field is None:
        got = open_db.get(open_db.add(record(**place)))
        assert got["city"] == place["city"]
        assert got["region_group"] == ("华北" if place["country"] == "CN" else "欧洲")
    else:
        with pytest.raises(InvalidRecord) as info:
            open_db.add(record(**place))
        assert info.value.field == open_field


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path) -> None:
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("company,contact\n" * 200, encoding="utf-8")
    with pytest.raises(UsageError, match="not a customer database"):
        CustomerDB(sheet)


BAD = {"employees": "3.5", "role": "buyerx", "email": "a@b", "province": "浙江省", "city": "深圳市", "contact": ""}


@pytest.mark.parametrize("language, words", [
    ("zh_CN", {"employees": "整数", "role": "可选值", "email": "例如 example.com", "city": "不在", "contact": "必填"}),
    ("ko_KR", {"employees": "정수", "role": "허용된 값", "email": "예: example.com", "city": "있습니다", "contact": "필수"}),
    ("en_US", {"employees": "whole number", "role": "is not one of", "email": "needs a dot", "city": "lies in",
               "contact": "is required"}),
])
def test_refusal_reasons_are_in_the_display_language(db, language, words) -> None:
    """A zh_CN lesson shows every InvalidRecord reason in Chinese, the field named by its Chinese label."""
    from labkit.i18n import using_language

    with using_language(language), pytest.raises(InvalidRecord) as refused:
        db.add(record(**BAD))
    reasons = {p.field: p.message for p in refused.value.problems}
    for field, word in words.items():
        assert word in reasons[field], (field, reasons[field])
    if language != "en_US":
        english = [m for m in reasons.values() if any(w in m for w in ("not ", " is ", "should", "the "))]
        assert english == []
    with using_language(language):
        shown = str(refused.value)
    assert {"zh_CN": "员工人数: ", "ko_KR": "직원 수: ", "en_US": "employees: "}[language] in shown
    assert db.count() == 0
