"""The exhibition, its editions and its booth price list (展会、届次、展位价格)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world.config import FIRST_YEAR, N_EDITIONS, WorldConfig
from labkit.world.container import conform
from labkit.world.locales import fair_info, world_locale

#: booth categories: kind (the locale names it), unit area m², list price in CNY, price basis
BOOTHS: tuple[tuple[str, float, float, str], ...] = (
    ("standard", 9.0, 15_800.0, "per_booth"),
    ("premium", 18.0, 42_000.0, "per_booth"),
    ("raw_space", 36.0, 1_500.0, "per_m2"),
)
STANDARD, PREMIUM, RAW_SPACE = 1, 2, 3  # category ids


def money(cfg: WorldConfig, cny: np.ndarray | float) -> np.ndarray:
    """A CNY-level amount in the world's currency, rounded to cents (whole won in Korea)."""
    return world_locale(cfg.locale).money_amount(cny)


def unit_prices(cfg: WorldConfig) -> np.ndarray:
    """List prices of the booth categories in the world's currency (whole units)."""
    return world_locale(cfg.locale).list_prices(np.array([b[2] for b in BOOTHS]))


def exhibitions(cfg: WorldConfig) -> pd.DataFrame:
    """The exhibition of the world: the general trade fair, or the industry fair ``cfg.fair``."""
    loc = world_locale(cfg.locale)
    e = loc.exhibition
    focus, (name, name_en, venue, city, country) = (None, (e.name, e.name_en, e.venue, e.city, loc.home.iso2)) \
        if cfg.fair is None else fair_info(cfg.fair, cfg.locale)
    return conform("exhibitions", dict(exhibition_id=[1], name=[name], name_en=[name_en], industry_focus=[focus],
                                       venue=[venue], city=[city], country=[country]))


def editions(cfg: WorldConfig, booths_sold: np.ndarray, halls: np.ndarray) -> pd.DataFrame:
    """Six editions: spring (mid-April) and autumn (mid-October) of three years, five days each."""
    i = np.arange(N_EDITIONS)
    year = FIRST_YEAR + i // 2
    spring = i % 2 == 0
    start = pd.to_datetime([f"{y}-{'04' if s else '10'}-15" for y, s in zip(year, spring, strict=True)])
    capacity = np.ceil(booths_sold * 1.12 / 10).astype(np.int64) * 10
    sessions = world_locale(cfg.locale).sessions
    names = (sessions["spring"], sessions["autumn"])
    return conform("editions", dict(
        edition_id=i + 1, exhibition_id=1,
        name=[f"{y} {names[0] if s else names[1]}" for y, s in zip(year, spring, strict=True)],
        year=year, session=np.where(spring, "spring", "autumn"),
        start_date=start, end_date=start + pd.Timedelta(days=4), halls=halls,
        capacity_booths=capacity, sellable_m2=capacity * 9.0))


def booth_categories(cfg: WorldConfig) -> pd.DataFrame:
    return conform("booth_categories", dict(
        category_id=[1, 2, 3], name=[world_locale(cfg.locale).booths[b[0]] for b in BOOTHS], kind=[b[0] for b in BOOTHS],
        area_m2=[b[1] for b in BOOTHS], unit_price=unit_prices(cfg), price_basis=[b[3] for b in BOOTHS]))
