"""Reference answers for lab project 10, data entry and classification (客户资料录入与分类).

Written independently of the master's solution cells (different pandas idioms), so the
master's hidden tests check two implementations against each other.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

from labkit.world.schema import Role

NEEDS_WORLD = True
FORBIDDEN: tuple[str, ...] = ("labkit.classification", "labkit.grading", "labkit.widgets")
TREE_FEATURES = ["came_last", "times", "is_exhibitor"]  # q10's tree (决策树), in the question's order


def _orgs(world: Any) -> pd.DataFrame:
    return world.tables["organisations"]


def _participation_examples(world: Any) -> pd.DataFrame:
    """One row per customer and edition after its first participation, built edition by edition from sets."""
    t = world.tables
    order = t["editions"].sort_values(["start_date", "edition_id"])["edition_id"].tolist()
    booked, visits = t["booth_bookings"], t["registrations"]
    took = {e: set(booked.loc[(booked["status"] == "confirmed") & (booked["edition_id"] == e), "org_id"])
            | set(visits.loc[(visits["status"] == "attended") & (visits["edition_id"] == e), "org_id"]) for e in order}
    exhibitors = set(t["organisations"].loc[t["organisations"]["role"] == Role.exhibitor, "org_id"])
    parts: dict[str, list[np.ndarray]] = {name: [] for name in ("org_id", "position", "came_last", "times",
                                                                 "is_exhibitor", "came")}
    times: dict[Any, int] = {}
    for i, edition in enumerate(order):
        if i > 0:  # an array per edition and column (lists of Python objects cost a fifth of a second per student)
            last, now, n = took[order[i - 1]], took[edition], len(times)
            parts["org_id"].append(np.array(list(times)))
            parts["position"].append(np.full(n, i))
            parts["came_last"].append(np.fromiter((org in last for org in times), int, n))
            parts["times"].append(np.fromiter(times.values(), int, n))
            parts["is_exhibitor"].append(np.fromiter((org in exhibitors for org in times), int, n))
            parts["came"].append(np.fromiter((org in now for org in times), bool, n))
        for org in took[edition]:
            times[org] = times.get(org, 0) + 1
    return pd.DataFrame({name: np.concatenate(arrays) for name, arrays in parts.items()})


def _held_out_accuracy(world: Any, question: str) -> float:
    """q9: the always-commonest baseline on the last edition; q10: the decision tree there."""
    rows = _participation_examples(world)
    last = rows["position"].max()
    train, test = rows[rows["position"] < last], rows[rows["position"] == last]
    if question == "q9":
        commonest = 2 * int(train["came"].sum()) >= len(train)
        return float((test["came"] == commonest).mean())
    tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=20, random_state=0)
    tree.fit(train[TREE_FEATURES], train["came"])
    return float((tree.predict(test[TREE_FEATURES]) == test["came"]).mean())


def expected(question: str, world: Any) -> Any:
    orgs = _orgs(world)
    if question == "q1":
        return int((orgs["role"] == Role.exhibitor).sum())
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
        hits = orgs[(orgs["role"] == Role.buyer) & (orgs["industry"] == "electronics") & (orgs["employees"] >= 250)]
        return hits[["org_id", "name", "city"]].reset_index(drop=True)
    if question in ("q7", "q8"):  # rule furniture_home -> building_materials, counted per buyer
        interests = world.tables["product_interests"]
        buyers = interests["org_id"].nunique()
        furniture = set(interests.loc[interests["product_category"] == "furniture_home", "org_id"])
        materials = set(interests.loc[interests["product_category"] == "building_materials", "org_id"])
        confidence = len(furniture & materials) / len(furniture)
        return confidence if question == "q7" else confidence / (len(materials) / buyers)
    if question in ("q9", "q10"):
        return _held_out_accuracy(world, question)
    raise KeyError(question)
