"""The exhibition, its editions and its booth price list (展会、届次、展位价格)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world.config import FIRST_YEAR, N_EDITIONS, WorldConfig
from labkit.world.container import conform
from labkit.world.fairs import fair_info

#: name, English name, venue, city of the exhibition in each locale (fictional fair, real city)
EXHIBITION: dict[str, tuple[str, str, str, str, str]] = {
    "zh_CN": ("华南国际商品博览会", "South China International Trade Fair", "广州国际会展中心", "广州市", "CN"),
    "en_US": ("Great Lakes International Trade Show", "Great Lakes International Trade Show",
              "Lakeside Exposition Center", "Chicago", "US"),
    "ko_KR": ("서울국제무역박람회", "Seoul International Trade Fair", "서울무역전시컨벤션센터", "강남구", "KR"),
}
#: booth categories: name per locale, kind, unit area m², list price in CNY, price basis
BOOTHS: tuple[tuple[dict[str, str], str, float, float, str], ...] = (
    ({"zh_CN": "标准展位(9平方米)", "en_US": "Standard shell booth (9 m²)", "ko_KR": "조립부스 (9㎡)"},
     "standard", 9.0, 15_800.0, "per_booth"),
    ({"zh_CN": "品牌展位(18平方米)", "en_US": "Premium brand booth (18 m²)", "ko_KR": "브랜드부스 (18㎡)"},
     "premium", 18.0, 42_000.0, "per_booth"),
    ({"zh_CN": "光地(36平方米起租)", "en_US": "Raw space (per m², 36 m² minimum)", "ko_KR": "독립부스 (㎡당, 36㎡ 이상)"},
     "raw_space", 36.0, 1_500.0, "per_m2"),
)
STANDARD, PREMIUM, RAW_SPACE = 1, 2, 3  # category ids


def money(cfg: WorldConfig, cny: np.ndarray | float) -> np.ndarray:
    """A CNY-level amount in the world's currency, rounded to cents (whole won in Korea)."""
    decimals = 0 if cfg.locale == "ko_KR" else 2
    return np.round(np.asarray(cny, dtype=float) * cfg.money, decimals)


def unit_prices(cfg: WorldConfig) -> np.ndarray:
    """List prices of the booth categories in the world's currency (whole units)."""
    return np.round(np.array([b[3] for b in BOOTHS]) * cfg.money, -2 if cfg.locale == "ko_KR" else 0)


def exhibitions(cfg: WorldConfig) -> pd.DataFrame:
    """The exhibition of the world: the general trade fair, or the industry fair ``cfg.fair``."""
    focus, (name, name_en, venue, city, country) = (None, EXHIBITION[cfg.locale]) if cfg.fair is None \
        else fair_info(cfg.fair, cfg.locale)
    return conform("exhibitions", dict(exhibition_id=[1], name=[name], name_en=[name_en], industry_focus=[focus],
                                       venue=[venue], city=[city], country=[country]))


def editions(cfg: WorldConfig, booths_sold: np.ndarray, halls: np.ndarray) -> pd.DataFrame:
    """Six editions: spring (mid-April) and autumn (mid-October) of three years, five days each."""
    i = np.arange(N_EDITIONS)
    year = FIRST_YEAR + i // 2
    spring = i % 2 == 0
    start = pd.to_datetime([f"{y}-{'04' if s else '10'}-15" for y, s in zip(year, spring, strict=True)])
    capacity = np.ceil(booths_sold * 1.12 / 10).astype(np.int64) * 10
    names = {"zh_CN": ("春季", "秋季"), "en_US": ("Spring", "Autumn"), "ko_KR": ("봄", "가을")}[cfg.locale]
    return conform("editions", dict(
        edition_id=i + 1, exhibition_id=1,
        name=[f"{y} {names[0] if s else names[1]}" for y, s in zip(year, spring, strict=True)],
        year=year, session=np.where(spring, "spring", "autumn"),
        start_date=start, end_date=start + pd.Timedelta(days=4), halls=halls,
        capacity_booths=capacity, sellable_m2=capacity * 9.0))


def booth_categories(cfg: WorldConfig) -> pd.DataFrame:
    return conform("booth_categories", dict(
        category_id=[1, 2, 3], name=[b[0][cfg.locale] for b in BOOTHS], kind=[b[1] for b in BOOTHS],
        area_m2=[b[2] for b in BOOTHS], unit_price=unit_prices(cfg), price_basis=[b[4] for b in BOOTHS]))
