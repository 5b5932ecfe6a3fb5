"""Property-based tests of the record validator (hypothesis)."""
from __future__ import annotations

import math

import pandas as pd
import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labkit.customerdb import CustomerDB, InvalidRecord, record_problems, size_band, validate_record
from labkit.customerdb.record import FIELDS, KEYS
from labkit.customerdb.validation import MAX_EMPLOYEES
from labkit.world import geography, schema

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT_KEYS = ("company", "contact", "title", "address", "main_products")
_NAMES = st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), min_size=1, max_size=40).filter(str.strip)


@st.composite
def places(draw: st.DrawFn) -> tuple[str, str | None, str]:
    country = draw(st.sampled_from(geography.countries()))
    provinces = geography.provinces(country)
    if not provinces:
        return country, None, draw(st.sampled_from(geography.cities(country)))
    province = draw(st.sampled_from(provinces))
    return country, province, draw(st.sampled_from(geography.cities(country, province)))


@st.composite
def valid_records(draw: st.DrawFn) -> dict:
    country, province, city = draw(places())
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE) \
        or phonenumbers.example_number(country)
    style = draw(st.sampled_from([phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                                  phonenumbers.PhoneNumberFormat.E164]))
    return dict(
        company=draw(_NAMES), contact=draw(_NAMES), country=draw(st.sampled_from([country, country.lower()])),
        province=province, city=city, phone=phonenumbers.format_number(example, style),
        email=draw(st.from_regex(r"[a-z][a-z0-9_]{0,7}(\.[a-z0-9]{1,7})?@[a-z]{2,10}\.(cn|com|kr|org)", fullmatch=True)),
        role=draw(st.sampled_from(["exhibitor", "Buyer", "参展商", "采购商"])),
        industry=draw(st.sampled_from(list(schema.ENUMS["industry"].codes) + [label.zh for label in schema.ENUMS["industry"].labels.values()])),
        employees=draw(st.none() | st.integers(1, MAX_EMPLOYEES)),
        tags=draw(st.lists(_NAMES.map(lambda s: s.replace(",", "")[:40]).filter(str.strip), max_size=3)),
    )


@SETTINGS
@given(valid_records())
def test_a_valid_record_is_accepted_and_cleaning_is_idempotent(record) -> None:
    clean = validate_record(record, "zh_CN")
    number = phonenumbers.parse(clean["phone"])
    assert phonenumbers.is_valid_number(number)
    assert clean["phone"] == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert clean["role"] in schema.ENUMS["role"].codes and clean["industry"] in schema.ENUMS["industry"].codes
    assert validate_record({k: clean[k] for k in KEYS}, "zh_CN") == clean


@SETTINGS
@given(valid_records(), st.sampled_from(TEXT_KEYS), st.characters(categories=["Cc"]), st.integers(0, 40))
def test_a_control_character_in_any_text_field_is_refused_there(record, key, char, at) -> None:
    text = record.get(key) or "text"
    record[key] = text[:at] + char + text[at:] if text.strip(char).strip() else text + char + "x"
    _, problems = record_problems(record, "zh_CN")
    assert key in {p.field for p in problems}


_VALUE = st.none() | st.text(max_size=30) | st.integers() | st.floats(allow_nan=True) | st.booleans()


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), _VALUE))
def test_any_input_gives_a_clean_record_or_field_problems_never_a_crash(record) -> None:
    clean, problems = record_problems(record, "zh_CN")
    assert set(clean) >= set(KEYS)
    assert all(p.field in KEYS and p.message for p in problems)
    if not problems:
        assert validate_record(record, "zh_CN") == clean


@SETTINGS
@given(valid_records(), st.integers(-10**9, 10**9) | st.floats(allow_nan=True, allow_infinity=False))
def test_employees_accepted_only_as_a_sane_whole_number(record, employees) -> None:
    record["employees"] = employees
    clean, problems = record_problems(record, "zh_CN")
    missing = isinstance(employees, float) and math.isnan(employees)  # pandas' empty cell
    sane = missing or (float(employees).is_integer() and 1 <= employees <= MAX_EMPLOYEES)
    assert (not problems) == sane, problems
    if missing:
        assert clean["employees"] is None and clean["size_band"] is None
    elif sane:
        oracle = pd.cut([employees], bins=[0, 9, 49, 249, math.inf], labels=["micro", "small", "medium", "large"])[0]
        assert clean["size_band"] == size_band(int(employees)) == oracle


# Shorter than any possible number of the kit's countries: Germany's plan allows 4 digits.
MAX_SHORT_DIGITS = 3


@SETTINGS
@given(valid_records(), st.text(alphabet="0123456789 -", min_size=1, max_size=6).filter(
    lambda s: 1 <= sum(map(str.isdigit, s)) <= MAX_SHORT_DIGITS))
def test_a_too_short_phone_is_refused_on_the_phone_field(record, digits) -> None:
    record["phone"] = digits
    try:
        validate_record(record, "zh_CN")
    except InvalidRecord as exc:
        assert exc.field == "phone"
    else:
        raise AssertionError(f"{digits!r} accepted as a phone number")


def test_every_record_field_is_covered_by_a_strategy_or_a_text_key() -> None:
    optional_enums = {f.key for f in FIELDS if f.enum and not f.required}
    assert set(KEYS) - set(TEXT_KEYS) - {"phone", "email", "country", "province", "city", "role", "industry",
                                          "employees", "tags"} == optional_enums


_FORMATS = [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.E164]


@settings(max_examples=25, deadline=None)
@given(valid_records(), st.sampled_from(_FORMATS), st.sampled_from(["upper", "lower"]))
def test_the_same_phone_or_email_typed_differently_is_still_a_duplicate(tmp_path_factory, record, style, case) -> None:
    path = tmp_path_factory.mktemp("dup") / "g.db"
    with CustomerDB(path) as db:
        first = db.add(record)
        number = phonenumbers.parse(db.get(first)["phone"])
        again = dict(record, company=record["company"] + " 2", phone=phonenumbers.format_number(number, style),
                     email="someone.else@example.org")
        other_email = dict(record, company="other", phone=None, email=getattr(record["email"], case)())
        for copy, field in ((again, "phone"), (other_email, "email")):
            try:
                db.add(copy)
            except InvalidRecord as exc:
                assert exc.field == field and f"customer {first}" in exc.message
            else:
                raise AssertionError(f"{field} {copy[field]!r} accepted twice")
        assert db.count() == 1
