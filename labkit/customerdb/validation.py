"""Checking a customer record before it is stored (数据校验).

Every check uses the field's well-kept library or the kit's own data: ``phonenumbers``
(Google's libphonenumber) for phone numbers per country, normalised to E.164;
``email-validator`` for email syntax (no DNS look-up, so it works offline); the kit's
geography for province/city coherence; schema.py for enumerations. A refused record raises
:class:`InvalidRecord` listing every problem, each naming its field in plain words.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import email_validator
import phonenumbers

from labkit.customerdb.record import FIELDS, FIELDS_BY_KEY, Problem
from labkit.errors import InvalidRecord
from labkit.i18n import N_, Label, _
from labkit.values import is_blank
from labkit.world import geography, schema
from labkit.world.schema import size_band

#: Upper bounds that catch typing slips (an extra zero) while allowing the largest employers.
MAX_EMPLOYEES = 5_000_000
MAX_LENGTH = {"company": 200, "contact": 100, "title": 100, "address": 300, "main_products": 300, "tag": 40}
_ALLOWED_FORMAT_CHARS = {"\u200c", "\u200d"}  # zero-width (non-)joiners are part of some scripts
_POSSIBLE = phonenumbers.ValidationResult
_PHONE_REASON = {
    _POSSIBLE.TOO_SHORT: N_("{value!r} has too few digits"),
    _POSSIBLE.TOO_LONG: N_("{value!r} has too many digits"),
    _POSSIBLE.INVALID_COUNTRY_CODE: N_("{value!r} has an unknown country code"),
    _POSSIBLE.INVALID_LENGTH: N_("{value!r} has the wrong number of digits"),
}
#: Clues in email-validator's English reasons, and what the student is told instead.
_EMAIL_REASONS = (
    ("must have an @-sign", N_("it needs an @ between the name and the domain")),
    ("something before the @-sign", N_("the name before the @ is missing")),
    ("something after the @-sign", N_("the domain after the @ is missing")),
    ("should have a period", N_("the part after the @ needs a dot, e.g. example.com")),
    ("two periods in a row", N_("it has two dots in a row")),
    ("invalid characters", N_("it contains characters an email address cannot have (a space, a second @ ...)")),
)


def _text(key: str, value: Any, problems: list[Problem], limit: int | None = None) -> str | None:
    """NFC-normalise, check and strip a free-text value; None when blank."""
    if is_blank(value):
        return None
    if not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(Problem(key, _("should be text, got {kind}").format(kind=type(value).__name__)))
            return None
        value = str(value)
    text = unicodedata.normalize("NFC", value)
    bad = [ch for ch in text if unicodedata.category(ch)[0] == "C" and ch not in _ALLOWED_FORMAT_CHARS]
    if bad:
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(bad))
        problems.append(Problem(key, _("contains invisible control characters ({shown}); retype it").format(shown=shown)))
        return None
    text = text.strip()
    limit = limit or MAX_LENGTH.get(key)
    if limit is not None and len(text) > limit:
        problems.append(Problem(key, _("is {length} characters long; at most {limit} are allowed").format(
            length=len(text), limit=limit)))
        return None
    return text


def _choice(code: str, label: Label) -> str:
    """One allowed value as a student may type it: the code, and its name when the display language has one."""
    name = label.text
    return code if name == label.en else f"{code} ({name})"


def _email_reason(exc: email_validator.EmailNotValidError) -> str:
    """Why an address is refused, in the display language (the library's reasons are English)."""
    text = str(exc)
    for clue, reason in _EMAIL_REASONS:
        if clue in text:
            return _(reason)
    return _("check how it is written")


def _enum_code(key: str, value: str | None, problems: list[Problem]) -> str | None:
    """Accept an enumeration's English code (any case) or its Chinese label."""
    if value is None:
        return None
    name = FIELDS_BY_KEY[key].enum
    assert name is not None, f"{key} is not an enumeration field"
    enum = schema.ENUMS[name]
    code = value.lower().replace(" ", "_")
    if code in enum.labels:
        return code
    for c, label in enum.labels.items():
        if value == label.zh:
            return c
    choices = ", ".join(_choice(c, label) for c, label in enum.labels.items())
    problems.append(Problem(key, _("{value!r} is not one of: {choices}").format(value=value, choices=choices)))
    return None


def _employees(value: Any, problems: list[Problem]) -> int | None:
    if is_blank(value):
        return None
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}(,\d{3})+\s*|\s*\d+(\.0+)?\s*", value):
        number = float(value.replace(",", ""))
    if number is None or not math.isfinite(number) or number != int(number):
        problems.append(Problem("employees", _("{value!r} is not a whole number of employees").format(value=value)))
        return None
    if not 1 <= number <= MAX_EMPLOYEES:
        problems.append(Problem("employees", _("{number:,} is not a sane number of employees (1 to {most:,})").format(
            number=int(number), most=MAX_EMPLOYEES)))
        return None
    return int(number)


def _country(value: str | None, problems: list[Problem]) -> str | None:
    if value is None:
        return None
    code = value.upper()
    if code not in geography.countries():
        problems.append(Problem("country", _("{value!r} is not a country code the kit knows "
                                             "(use ISO codes such as CN, US, KR, DE)").format(value=value)))
        return None
    return code


def _phone(value: str | None, country: str | None, problems: list[Problem]) -> str | None:
    if value is None or (country is None and not value.startswith("+")):
        return None  # without a country the number cannot be read (the country problem is reported)
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException:
        problems.append(Problem("phone", _("{value!r} is not a phone number").format(value=value)))
        return None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in _PHONE_REASON:
        message = _(_PHONE_REASON[reason]).format(value=value)
        if country and not value.startswith("+"):
            message = _("{problem} for {country}").format(problem=message, country=geography.shown_country(country))
        problems.append(Problem("phone", message))
        return None
    if not phonenumbers.is_valid_number(number):
        message = _("{value!r} is not a valid phone number in {country} (check the area code or mobile prefix)") \
            if country else _("{value!r} is not a valid phone number (check the area code or mobile prefix)")
        problems.append(Problem("phone", message.format(value=value, country=geography.shown_country(country or ""))))
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(value: str | None, problems: list[Problem]) -> str | None:
    if value is None:
        return None
    try:
        return email_validator.validate_email(value, check_deliverability=False).normalized
    except email_validator.EmailNotValidError as exc:
        problems.append(Problem("email", _("{value!r} is not a valid email address ({reason})").format(
            value=value, reason=_email_reason(exc))))
        return None


def _tags(value: Any, problems: list[Problem]) -> tuple[str, ...]:
    if is_blank(value):
        return ()
    if isinstance(value, str):
        items = value.replace("，", ",").split(",")
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        problems.append(Problem("tags", _("should be words separated by commas")))
        return ()
    tags = []
    for item in items:
        tag = _text("tags", item, problems, limit=MAX_LENGTH["tag"])
        if tag:
            tags.append(tag)
    return tuple(sorted(set(tags)))


def _city_unknown_but_coherent(country: str, province: str | None, city: str, locale: str) -> bool:
    """A city the kit does not list, in an otherwise coherent place (nothing contradicts it)."""
    if city in geography.cities(country):
        return False  # a known city must lie in its province
    try:
        stand_in = geography.cities(country, province)[0]
    except (KeyError, IndexError):
        return False
    return geography.location_problem(country, province, stand_in, locale) is None


def _location(clean: dict[str, Any], locale: str, problems: list[Problem], known_cities_only: bool) -> None:
    country, province, city = clean["country"], clean["province"], clean["city"]
    if country is None or city is None:
        return
    issue = geography.location_issue(country, province, city, locale)
    if issue is not None and not known_cities_only and _city_unknown_but_coherent(country, province, city, locale):
        issue = None
    if issue is None:
        clean["region_group"] = geography.region_group(country, province, locale)
        return
    problems.append(Problem(*issue))


def record_problems(record: Mapping[str, Any], locale: str = "zh_CN",
                    known_cities_only: bool = True) -> tuple[dict[str, Any], list[Problem]]:
    """Clean ``record`` and list what is wrong with it (empty list: it can be stored).

    The clean record has every key of :data:`record.FIELDS` plus ``region_group`` and
    ``size_band``; text is trimmed and NFC-normalised, phones are E.164, enumerations codes.
    ``known_cities_only=False`` also accepts a city the kit's geography does not list, as
    long as its province (or country) is right; a listed city must still lie in its province.
    """
    problems: list[Problem] = []
    unknown = [k for k in record if k not in FIELDS_BY_KEY]
    for key in unknown:
        problems.append(Problem(str(key), _("is not a field of a customer record; fields are: {fields}").format(
            fields=", ".join(FIELDS_BY_KEY))))
    clean: dict[str, Any] = {}
    for field in FIELDS:
        value = record.get(field.key)
        if field.key == "tags":
            clean["tags"] = _tags(value, problems)
        elif field.key == "employees":
            clean["employees"] = _employees(value, problems)
        else:
            clean[field.key] = _text(field.key, value, problems)
    for field in FIELDS:
        if field.required and clean[field.key] is None and not any(p.field == field.key for p in problems):
            problems.append(Problem(field.key, _("is required")))
    for field in FIELDS:
        if field.enum and clean[field.key] is not None:
            clean[field.key] = _enum_code(field.key, clean[field.key], problems)
    clean["country"] = _country(clean["country"], problems)
    clean["phone"] = _phone(clean["phone"], clean["country"], problems)
    clean["email"] = _email(clean["email"], problems)
    if clean["phone"] is None and clean["email"] is None and not any(p.field in ("phone", "email") for p in problems):
        problems.append(Problem("phone", _("give a phone number or an email address, or nobody can reach this contact")))
    clean["region_group"] = None
    _location(clean, locale, problems, known_cities_only)
    clean["size_band"] = size_band(clean["employees"])
    return clean, problems


def validate_record(record: Mapping[str, Any], locale: str = "zh_CN", known_cities_only: bool = True) -> dict[str, Any]:
    """The clean record, or :class:`InvalidRecord` naming every field that is wrong."""
    clean, problems = record_problems(record, locale, known_cities_only)
    if problems:
        raise InvalidRecord(problems)
    return clean
