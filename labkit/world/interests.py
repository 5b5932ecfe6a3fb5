"""Buyers' product interests (产品兴趣, 兴趣类型): the categories ticked on the registration form.

Every buyer who registered for an edition ticked its own industry (nine in ten) and, with the
chances below, the industries that usually go with it: a furniture buyer often also looks for
building materials. These planted pairs are what association rules (关联分析) should find.
Drawn from their own generator (``WorldConfig.side_rng``), so the rest of the world is unchanged.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world.behaviour import History
from labkit.world.customers import INDUSTRIES, Customers
from labkit.world.roles import BUYER

__all__ = ["OTHER", "OWN", "RELATED", "product_interests"]

OWN = 0.9      # chance a buyer ticks its own industry
OTHER = 0.04   # chance of ticking any unrelated industry
#: industry -> (first related industry, its chance), (second related industry, its chance)
RELATED: dict[str, tuple[tuple[str, float], tuple[str, float]]] = {
    "electronics": (("consumer_goods", 0.45), ("gifts_toys", 0.2)),
    "machinery": (("hardware_tools", 0.5), ("auto_parts", 0.25)),
    "hardware_tools": (("machinery", 0.4), ("building_materials", 0.3)),
    "building_materials": (("furniture_home", 0.45), ("hardware_tools", 0.3)),
    "furniture_home": (("building_materials", 0.55), ("textiles_apparel", 0.2)),
    "textiles_apparel": (("consumer_goods", 0.35), ("gifts_toys", 0.2)),
    "gifts_toys": (("consumer_goods", 0.5), ("textiles_apparel", 0.2)),
    "food_agriculture": (("health_medical", 0.35), ("consumer_goods", 0.2)),
    "health_medical": (("food_agriculture", 0.4), ("chemicals", 0.2)),
    "auto_parts": (("machinery", 0.45), ("hardware_tools", 0.3)),
    "chemicals": (("building_materials", 0.3), ("health_medical", 0.25)),
    "consumer_goods": (("gifts_toys", 0.4), ("electronics", 0.25)),
}


def _chances() -> np.ndarray:
    """12 x 12 matrix: chance that a buyer of industry i ticks industry j."""
    index = {code: i for i, code in enumerate(INDUSTRIES)}
    p = np.full((len(INDUSTRIES), len(INDUSTRIES)), OTHER)
    np.fill_diagonal(p, OWN)
    for code, pairs in RELATED.items():
        for other, chance in pairs:
            p[index[code], index[other]] = chance
    return p


def product_interests(rng: np.random.Generator, cust: Customers, history: History) -> dict[str, object]:
    """One row per buyer who registered at least once and category it ticked (at least one each)."""
    registered = np.zeros(cust.n, dtype=bool)
    for rec in history.records:
        registered[rec.orgs[cust.role[rec.orgs] == BUYER]] = True
    buyers = np.flatnonzero(registered)
    ticked = rng.random((len(buyers), len(INDUSTRIES))) < _chances()[cust.industry[buyers]]
    none = ~ticked.any(axis=1)
    ticked[none, cust.industry[buyers[none]]] = True  # the form needs one tick
    row, col = np.nonzero(ticked)
    frame = pd.DataFrame({"interest_id": np.arange(1, len(row) + 1), "org_id": buyers[row] + 1,
                          "product_category": np.array(INDUSTRIES, dtype=object)[col]})
    return {k: frame[k] for k in frame.columns}
