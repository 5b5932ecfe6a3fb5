"""Geography of the world (地理区域): provinces/states, cities, region groups, foreign origins.

Home countries (one per locale) have provinces (省/州/시·도) holding real cities, and each
province belongs to a region group: 华北 华东 … in China, the four census regions in the US,
수도권 … in Korea. Foreign countries (origins of international buyers) have a few major
cities and a world region; each locale weights them and names them. The data are the locales'
``geography.json`` and ``labkit/data/geography/countries.json`` (:mod:`labkit.world.locales`,
:mod:`labkit.world.places`); this module answers questions about places.
"""
from __future__ import annotations

from labkit.errors import UnknownName
from labkit.i18n import _, get_language
from labkit.values import is_blank
from labkit.world.locales import available_locales, check_locale, world_locale
from labkit.world.places import ForeignCountry, HomeCountry, Province, foreign_countries

__all__ = ["ForeignCountry", "HomeCountry", "Province", "check_locale", "cities", "countries", "country_name",
           "foreign_countries", "foreign_origins", "home_country", "is_valid_location", "location_issue",
           "location_problem", "province_of_city", "provinces", "region_group", "shown_country", "world_region_label"]


def home_country(locale: str) -> HomeCountry:
    """The home country of ``locale`` (zh_CN -> CN, en_US -> US, ko_KR -> KR)."""
    return world_locale(locale).home


def _foreign(iso2: str) -> ForeignCountry | None:
    for c in foreign_countries():
        if c.iso2 == iso2:
            return c
    return None


def world_region_label(region: str, locale: str = "en_US") -> str:
    """Label of a world region (asia, europe …) in the language of ``locale``."""
    return world_locale(locale).world_regions[region]


def _unknown_country(country: str) -> UnknownName:
    return UnknownName(_("unknown country {country!r}; geography.countries() lists the kit's country codes").format(country=country))


def _not_a_province(province: str, country: str) -> UnknownName:
    return UnknownName(_("{province!r} is not a province of {country}; geography.provinces({country!r}) lists them").format(province=province, country=country))


def _homes() -> dict[str, str]:
    """Home country -> the first locale (by code) of that country."""
    out: dict[str, str] = {}
    for code in available_locales():
        out.setdefault(world_locale(code).home.iso2, code)
    return out


def countries() -> list[str]:
    """ISO2 codes of every country the kit knows: the locales' home countries and foreign origins."""
    codes = list(_homes()) + [c.iso2 for c in foreign_countries()]
    return list(dict.fromkeys(codes))


def _home_or_none(country: str) -> HomeCountry | None:
    locale = _homes().get(country)
    return home_country(locale) if locale else None


def provinces(country: str) -> list[str]:
    """Provinces/states of a home country (empty list for a foreign origin country)."""
    home = _home_or_none(country)
    if home is not None:
        return [p.name for p in home.provinces]
    if _foreign(country) is None:
        raise _unknown_country(country)
    return []


def cities(country: str, province: str | None = None) -> list[str]:
    """Cities of ``province`` in ``country`` (all of the country's cities if no province)."""
    home = _home_or_none(country)
    if home is None:
        foreign = _foreign(country)
        if foreign is None:
            raise _unknown_country(country)
        return list(foreign.cities)
    if province is None:
        return [c for p in home.provinces for c in p.cities]
    try:
        return list(home.province(province).cities)
    except KeyError:
        raise _not_a_province(province, country) from None


def region_group(country: str, province: str | None = None, locale: str = "en_US") -> str:
    """Region group (区域) of a place.

    With a province: the home country's group (华东, West, 수도권 …). Without: the
    country's world region labelled in the language of ``locale`` (亚洲, Europe, 유럽 …),
    which is what a world of ``locale`` stores for its foreign buyers.
    """
    if province is not None:
        home = _home_or_none(country)
        if home is None:
            raise UnknownName(_("{country!r} has no provinces in the kit; give no province for a foreign country").format(country=country))
        try:
            return home.province(province).group
        except KeyError:
            raise _not_a_province(province, country) from None
    foreign = _foreign(country)
    if foreign is None:
        raise _unknown_country(country)
    return world_region_label(foreign.region, locale)


def province_of_city(country: str, city: str) -> str | None:
    """The province/state holding ``city`` in a home country; None if the kit does not know it."""
    home = _home_or_none(country)
    return None if home is None else home.province_of_city.get(city)


def location_problem(country: str, province: object, city: object, locale: str | None = None) -> str | None:
    """What is wrong with a (country, province, city) triple, in the display language, or None if it is coherent.

    Used to validate customer records: a city must lie in its province (城市属于所填省份).
    A record with a province is checked against the home-country data; a record without
    one is a foreign buyer whose city must be one of its country's major cities. Pass the
    world's ``locale`` to require a province for its home country.
    """
    issue = location_issue(country, province, city, locale)
    return None if issue is None else issue[1]


def location_issue(country: str, province: object, city: object, locale: str | None = None) -> tuple[str, str] | None:
    """``(field, message)`` of what is wrong with a location (field ``province`` or ``city``), or None."""
    home = _home_or_none(country)
    foreign = _foreign(country)
    if home is None and foreign is None:
        return "city", _("unknown country {country!r}").format(country=country)
    if is_blank(city):
        return "city", _("city is missing")
    if is_blank(province):
        if home is not None and home.locale == locale:
            return "province", _("province is missing")
        if foreign is not None and city in foreign.cities:
            return None
        if home is not None and province_of_city(country, str(city)) is not None:
            return "province", _("province is missing")
        return "city", _("{city!r} is not a known city of {country}").format(city=city, country=shown_country(country))
    if home is None:
        return "province", _("{country} records have no province, got {province!r}").format(
            country=shown_country(country), province=province)
    if province not in {p.name for p in home.provinces}:
        return "province", _("{province!r} is not a province of {country}").format(province=province, country=shown_country(country))
    actual = province_of_city(country, str(city))
    if actual is None:
        return "city", _("{city!r} is not a known city of {country}").format(city=city, country=shown_country(country))
    if actual != province:
        return "city", _("{city!r} lies in {actual}, not in {province}").format(city=city, actual=actual, province=province)
    return None


def is_valid_location(country: str, province: object, city: object, locale: str | None = None) -> bool:
    """True when the city lies in the province of the country (see :func:`location_problem`)."""
    return location_problem(country, province, city, locale) is None


def foreign_origins(locale: str) -> list[ForeignCountry]:
    """Foreign origin countries of a ``locale`` world with a positive weight (home excluded)."""
    loc = world_locale(locale)
    return [c for c in foreign_countries() if c.iso2 != loc.home.iso2 and loc.origins.get(c.iso2, 0) > 0]


def country_name(iso2: str, locale: str = "en_US") -> str:
    """Name of a country in the language of ``locale``."""
    names = world_locale(locale).countries
    if iso2 not in names:
        raise _unknown_country(iso2)
    return names[iso2]


def shown_country(iso2: str) -> str:
    """A country as a message or table names it: its name in the display language (中国 for CN);
    a code the kit does not know, as it is."""
    try:
        return country_name(iso2, get_language())
    except KeyError:
        return iso2
