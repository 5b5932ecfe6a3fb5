"""Locale coherence: geography, scripts of names, phone numbers and e-mail addresses."""
from __future__ import annotations

import re

import phonenumbers
import pytest

import labkit
from labkit.world import geography as geo

HAN, HANGUL = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"[\uac00-\ud7a3]")
EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")


@pytest.fixture(scope="module", params=["zh_CN", "en_US", "ko_KR"])
def w(request: pytest.FixtureRequest, worlds) -> labkit.World:  # type: ignore[no-untyped-def]
    return worlds.get(seed=2, locale=request.param, scale=3_000)


def test_every_city_lies_in_its_province_and_region_group(w: labkit.World) -> None:
    orgs = w.organisations
    problems = [geo.location_problem(c, p, ci, w.locale) for c, p, ci in
                zip(orgs["country"], orgs["province"].astype(object).where(orgs["province"].notna(), None), orgs["city"], strict=True)]
    assert [p for p in problems if p] == []
    home = geo.home_country(w.locale).iso2
    for country, province, group in orgs[["country", "province", "region_group"]].drop_duplicates().itertuples(index=False):
        expected = geo.region_group(country, province if country == home else None, locale=w.locale)
        assert group == expected


def test_names_are_in_the_script_of_their_country(w: labkit.World) -> None:
    orgs = w.organisations
    home = orgs[orgs["country"] == geo.home_country(w.locale).iso2]
    pattern = {"zh_CN": HAN, "ko_KR": HANGUL}.get(w.locale)
    if pattern is None:
        assert home["name"].map(str.isascii).all()
    else:
        assert home["name"].str.contains(pattern).all()
    contacts = w.contacts.merge(orgs[["org_id", "country"]], on="org_id")
    people = contacts[contacts["country"] == geo.home_country(w.locale).iso2]["name"]
    assert people.str.contains(pattern).all() if pattern else people.str.fullmatch(r"[A-Za-z' .-]+ [A-Za-z' -]+").all()


def test_phones_are_valid_e164_for_their_country(w: labkit.World) -> None:
    contacts = w.contacts.merge(w.organisations[["org_id", "country"]], on="org_id")
    for phone, country in zip(contacts["phone"], contacts["country"], strict=True):
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.region_code_for_number(number) == country or country in ("US", "CA"), (phone, country)
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone


def test_emails_are_valid_and_the_currency_matches(w: labkit.World) -> None:
    assert w.contacts["email"].str.fullmatch(EMAIL).all()
    assert w.currency == {"zh_CN": "CNY", "en_US": "USD", "ko_KR": "KRW"}[w.locale]


def test_size_band_follows_employees(w: labkit.World) -> None:
    o = w.organisations.dropna(subset=["employees"])
    bands = o["size_band"].astype(str)
    assert (o.loc[bands == "micro", "employees"] < 10).all()
    assert o.loc[bands == "small", "employees"].between(10, 49).all()
    assert o.loc[bands == "medium", "employees"].between(50, 249).all()
    assert (o.loc[bands == "large", "employees"] >= 250).all()
