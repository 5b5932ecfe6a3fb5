"""Reference answers for lab project 10, data entry and classification (客户资料录入与分类).

Written independently of the master's solution cells (different pandas idioms), so the
master's hidden tests check two implementations against each other.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

NEEDS_WORLD = True
FORBIDDEN: tuple[str, ...] = ("labkit.classification", "labkit.grading", "labkit.widgets")


def _orgs(world: Any) -> pd.DataFrame:
    return world.tables["organisations"]


def expected(question: str, world: Any) -> Any:
    orgs = _orgs(world)
    if question == "q1":
        return int((orgs["role"] == "exhibitor").sum())
    if question == "q2":
        counts = orgs["region_group"].value_counts()
        return pd.DataFrame({"region_group": counts.index.astype(str), "customers": counts.to_numpy()})
    if question == "q3":
        table = pd.crosstab(orgs["industry"].astype(str), orgs["role"].astype(str))
        table = table.reindex(columns=["exhibitor", "buyer"], fill_value=0)
        return pd.DataFrame({"industry": table.index, "exhibitors": table["exhibitor"].to_numpy(),
                             "buyers": table["buyer"].to_numpy()})
    if question == "q4":
        known = orgs["size_band"].dropna()
        return float((known == "large").mean())
    if question == "q5":
        hits = orgs[(orgs["role"] == "buyer") & (orgs["industry"] == "electronics") & (orgs["employees"] >= 250)]
        return hits[["org_id", "name", "city"]].reset_index(drop=True)
    if question in ("q7", "q8"):  # rule furniture_home -> building_materials, counted per buyer
        interests = world.tables["product_interests"]
        buyers = interests["org_id"].nunique()
        furniture = set(interests.loc[interests["product_category"] == "furniture_home", "org_id"])
        materials = set(interests.loc[interests["product_category"] == "building_materials", "org_id"])
        confidence = len(furniture & materials) / len(furniture)
        return confidence if question == "q7" else confidence / (len(materials) / buyers)
    raise KeyError(question)
