"""Geography: provinces, cities and region groups are complete and coherent."""
from __future__ import annotations

from collections import Counter

import pytest

from labkit.world import available_locales, world_locale
from labkit.world import geography as geo

CN_GROUPS = {"华北": 5, "东北": 3, "华东": 7, "华中": 3, "华南": 3, "西南": 5, "西北": 5}


def test_mainland_china_has_31_provinces_in_seven_groups() -> None:
    provinces = geo.provinces("CN")
    assert len(provinces) == 31 == len(set(provinces))
    assert Counter(geo.region_group("CN", p) for p in provinces) == CN_GROUPS
    assert geo.region_group("CN", "广东省") == "华南"
    assert geo.region_group("CN", "浙江省") == "华东"
    assert geo.region_group("CN", "黑龙江省") == "东北"


def test_us_has_50_states_plus_dc_in_four_census_regions() -> None:
    states = geo.provinces("US")
    assert len(states) == 51 and "District of Columbia" in states
    counts = Counter(geo.region_group("US", s) for s in states)
    # Census Bureau: Northeast 9, Midwest 12, South 16 + DC, West 13
    assert counts == {"Northeast": 9, "Midwest": 12, "South": 17, "West": 13}
    assert geo.region_group("US", "Texas") == "South"


def test_korea_has_17_divisions_in_six_groups() -> None:
    divisions = geo.provinces("KR")
    assert len(divisions) == 17
    counts = Counter(geo.region_group("KR", d) for d in divisions)
    assert counts == {"수도권": 3, "강원권": 1, "충청권": 4, "호남권": 3, "영남권": 5, "제주권": 1}


@pytest.mark.parametrize("country", ["CN", "US", "KR"])
def test_every_province_has_cities_and_city_names_are_unique(country: str) -> None:
    all_cities = geo.cities(country)
    assert len(all_cities) == len(set(all_cities)), "a city name in two provinces makes province_of_city ambiguous"
    for p in geo.provinces(country):
        assert geo.cities(country, p), p
        for c in geo.cities(country, p):
            assert geo.province_of_city(country, c) == p
            assert geo.is_valid_location(country, p, c)


def test_location_problems_are_explained() -> None:
    assert geo.location_problem("CN", "广东省", "深圳市") is None
    assert "广东省" in geo.location_problem("CN", "浙江省", "深圳市")
    assert geo.location_problem("CN", "", "深圳市") == "province is missing"
    assert geo.location_problem("CN", "广东省", None) == "city is missing"
    assert "unknown country" in geo.location_problem("XX", None, "Paris")
    # a foreign buyer has no province; its city must be one of its country's cities
    assert geo.is_valid_location("US", None, "Chicago")
    assert not geo.is_valid_location("US", None, "Chicago", locale="en_US")
    assert not geo.is_valid_location("FR", None, "Berlin")


def test_foreign_origins_exclude_home_and_carry_weights() -> None:
    for locale in available_locales():
        home = geo.home_country(locale).iso2
        origins = geo.foreign_origins(locale)
        assert home not in {c.iso2 for c in origins}
        assert len(origins) >= 20
        weights = sorted((world_locale(locale).origins[c.iso2] for c in origins), reverse=True)
        assert weights[0] >= 5 * weights[-1], "weights should favour the largest origins"
        for c in origins:
            assert c.cities and geo.region_group(c.iso2, locale=locale)
    assert geo.region_group("DE", locale="zh_CN") == "欧洲"
    assert geo.region_group("DE", locale="ko_KR") == "유럽"
    assert geo.country_name("JP", "zh_CN") == "日本"


def test_unknown_locale_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown locale"):
        geo.home_country("fr_FR")


def test_foreign_mobile_numbers_share_one_random_tail_length() -> None:
    # customers._phones draws one width of random digits for every origin country
    assert {c.phone_digits for c in geo.foreign_countries()} == {6}
    for c in geo.foreign_countries():
        assert c.phone_prefix.startswith("+") and c.phone_prefix[1:].isdigit()
