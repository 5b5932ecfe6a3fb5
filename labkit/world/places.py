"""Places every locale shares (地点): the shapes of a home country and the foreign origin countries.

A home country (provinces, region groups, phone numbering) is part of a locale and read by
:mod:`labkit.world.locales`; the foreign countries international buyers come from (客源国)
are the same for every locale and live in ``labkit/data/geography/countries.json``, with the
rule of which locale's names a foreign company gets.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

__all__ = ["ForeignCountry", "HomeCountry", "NamesAbroad", "Province", "foreign_countries", "names_abroad",
           "world_regions"]


@dataclass(frozen=True)
class Province:
    """A province, state or Korean 시·도 with its region group and cities."""

    name: str
    group: str
    weight: float
    cities: tuple[str, ...]
    phone_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class HomeCountry:
    """The country of a locale (本国): region groups, provinces, phone numbering."""

    iso2: str
    locale: str
    groups: tuple[str, ...]
    provinces: tuple[Province, ...]
    phone_digits: int
    phone_low: int

    @cached_property
    def province_of_city(self) -> dict[str, str]:
        """City -> the province holding it."""
        return {c: p.name for p in self.provinces for c in p.cities}

    def province(self, name: str) -> Province:
        for p in self.provinces:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class ForeignCountry:
    """A country international buyers come from (客源国); its name and weight belong to each locale."""

    iso2: str
    region: str
    cities: tuple[str, ...]
    phone_prefix: str
    phone_digits: int


@dataclass(frozen=True)
class NamesAbroad:
    """Whose names a foreign company gets, and the order the generator draws the name styles in."""

    by_country: dict[str, str]
    otherwise: str
    draw_order: tuple[str, ...]
    email_draw_order: tuple[str, ...]

    def style_of(self, country: str) -> str:
        """The locale whose names a company of ``country`` gets when it is not a home company."""
        return self.by_country.get(country, self.otherwise)


@cache
def _raw() -> dict[str, Any]:
    path = resources.files("labkit") / "data" / "geography" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def foreign_countries() -> tuple[ForeignCountry, ...]:
    """Every country an international buyer can come from, in the data's order."""
    return tuple(ForeignCountry(c["iso2"], c["region"], tuple(c["cities"]), c["phone"]["prefix"], int(c["phone"]["digits"]))
                 for c in _raw()["countries"])


def world_regions() -> tuple[str, ...]:
    """Codes of the world regions (asia, europe ...) every locale names."""
    return tuple(_raw()["regions"])


@cache
def names_abroad() -> NamesAbroad:
    """The rule of which locale names a foreign company (countries.json, ``names_abroad``)."""
    raw = _raw()["names_abroad"]
    return NamesAbroad(dict(raw["by_country"]), raw["otherwise"], tuple(raw["draw_order"]), tuple(raw["email_draw_order"]))
