"""What a customer paid and what it cost to serve (展位消费、服务成本、贡献), per organisation.

* **booth spend** (展位消费): the price of its sold (confirmed) booth bookings;
* **cost to serve** (服务成本): the cost of its contacts in the contact log plus the handling
  cost of its complaints;
* **contribution** (贡献): booth spend − cost to serve, what its fees left after serving it.
  Buyers pay no fee, so their contribution is minus their cost to serve. Not the same as the
  lifetime value of :mod:`labkit.clv`, which also values deals and visits (see the data
  dictionary, "Derived measures").

Sums are numpy ``bincount`` over row positions, so a million customers take a fraction of a second.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.facts.participation import sold_bookings
from labkit.facts.tables import require_columns, world_tables

__all__ = ["booth_spend", "contribution", "cost_to_serve", "cost_to_serve_by_year", "per_org"]


def per_org(org_ids: pd.Index, keys: Any, weights: Any = 1.0) -> np.ndarray:
    """Sum ``weights`` per organisation of ``org_ids`` (rows whose key is not there are dropped)."""
    positions = org_ids.get_indexer(np.asarray(keys))
    known = positions >= 0
    w = np.broadcast_to(np.asarray(weights, dtype="float64"), positions.shape)[known]
    return np.bincount(positions[known], weights=w, minlength=len(org_ids))


def _series(values: np.ndarray, org_ids: pd.Index, name: str) -> pd.Series:
    return pd.Series(values, index=org_ids, name=name)


def booth_spend(world: Any, org_ids: pd.Index) -> pd.Series:
    """Price paid for sold booths per organisation (展位消费), 0 for those without any."""
    sold = sold_bookings(world)
    require_columns(sold, ["org_id", "price"], "booth_spend (booth_bookings)")
    return _series(per_org(org_ids, sold["org_id"], sold["price"].to_numpy(dtype="float64")), org_ids, "spend")


def cost_to_serve(world: Any, org_ids: pd.Index) -> pd.Series:
    """Contacts plus complaint handling per organisation (服务成本), 0 for those never served."""
    t = world_tables(world, ["contact_log", "complaints"], "cost_to_serve")
    log, complaints = t["contact_log"], t["complaints"]
    require_columns(log, ["org_id", "cost"], "cost_to_serve (contact_log)")
    require_columns(complaints, ["org_id", "handling_cost"], "cost_to_serve (complaints)")
    cost = (per_org(org_ids, log["org_id"], log["cost"].to_numpy(dtype="float64"))
            + per_org(org_ids, complaints["org_id"], complaints["handling_cost"].to_numpy(dtype="float64")))
    return _series(cost, org_ids, "cost_to_serve")


def contribution(world: Any, org_ids: pd.Index) -> pd.Series:
    """Booth spend − cost to serve per organisation (贡献)."""
    return (booth_spend(world, org_ids) - cost_to_serve(world, org_ids)).rename("contribution")


def cost_to_serve_by_year(world: Any) -> pd.Series:
    """Cost to serve per calendar year: contacts by the year they happened, complaints by the year
    of the edition they are about (服务成本, 按年)."""
    t = world_tables(world, ["contact_log", "complaints", "editions"], "cost_to_serve_by_year")
    log, complaints = t["contact_log"], t["complaints"]
    require_columns(log, ["at", "cost"], "cost_to_serve_by_year (contact_log)")
    require_columns(complaints, ["edition_id", "handling_cost"], "cost_to_serve_by_year (complaints)")
    year_of = t["editions"].set_index("edition_id")["year"]
    contacts = log.groupby(pd.to_datetime(log["at"]).dt.year)["cost"].sum()
    handling = complaints.groupby(complaints["edition_id"].map(year_of))["handling_cost"].sum()
    both = contacts.add(handling, fill_value=0.0).astype("float64")
    both.index = both.index.astype("int64")
    return both.rename_axis("year").rename("cost_to_serve")
