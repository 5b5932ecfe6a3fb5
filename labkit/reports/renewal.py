"""Exhibitor renewal (续展) and space sales (展位销售) per edition, against the previous edition.

An exhibitor took part in an edition when it holds a confirmed booking there. Against the
previous edition of the same exhibition (上届):

* renewed (续展): took part in both;
* not renewed (未续展): took part in the previous edition only;
* new (新展商): took part in this edition but not the previous one.

Renewal rate = renewed / exhibitors of the previous edition. Space sold counts confirmed
bookings: booths (standard 9 m² equivalents) against ``capacity_booths`` and m² against
``sellable_m2``; revenue is the price charged.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.facts import edition_sequence, participations, sold_bookings, table
from labkit.reports.rates import ratio
from labkit.world.schema import Role


def exhibitor_renewal(world: Any) -> pd.DataFrame:
    """Renewed, not renewed and new exhibitors per edition, with the renewal rate."""
    eds = edition_sequence(world)
    took_part = participations(world)
    exhibitors = took_part.loc[took_part["role"] == Role.exhibitor].groupby("edition_id")["org_id"].agg(set)
    rows = []
    for ed in eds.itertuples():
        now = exhibitors.get(ed.edition_id, set())
        before = set() if pd.isna(ed.prev_edition_id) else exhibitors.get(int(ed.prev_edition_id), set())
        rows.append({
            "edition_id": ed.edition_id, "edition": ed.name, "prev_edition_id": ed.prev_edition_id,
            "exhibitors": len(now), "prev_exhibitors": len(before), "renewed": len(now & before),
            "not_renewed": len(before - now), "new": len(now - before),
        })
    out = pd.DataFrame(rows)
    out["renewal_rate"] = ratio(out["renewed"], out["prev_exhibitors"])
    return out


def _with_previous(out: pd.DataFrame, eds: pd.DataFrame, keys: list[str], values: list[str]) -> pd.DataFrame:
    """Add prev_<value> (same keys at the previous edition) and change_<value> columns."""
    out = out.merge(eds[["edition_id", "prev_edition_id"]], on="edition_id", how="left")
    prev = out[["edition_id", *keys, *values]].rename(columns={"edition_id": "prev_edition_id", **{v: f"prev_{v}" for v in values}})
    prev["prev_edition_id"] = prev["prev_edition_id"].astype("Int64")
    out = out.merge(prev, on=["prev_edition_id", *keys], how="left")
    for v in values:
        out[f"change_{v}"] = ratio(out[v] - out[f"prev_{v}"], out[f"prev_{v}"])
    return out


def space_sales(world: Any) -> pd.DataFrame:
    """Booths and m² sold against sellable, and revenue, per edition, with change on the previous edition."""
    eds = edition_sequence(world)
    sold = sold_bookings(world).groupby("edition_id").agg(
        bookings=("booking_id", "size"), booths_sold=("booths", "sum"), m2_sold=("area_m2", "sum"), revenue=("price", "sum"))
    out = eds[["edition_id", "name", "capacity_booths", "sellable_m2"]].rename(columns={"name": "edition"})
    out = out.merge(sold, left_on="edition_id", right_index=True, how="left").fillna(
        {"bookings": 0, "booths_sold": 0, "m2_sold": 0.0, "revenue": 0.0})
    out = out.astype({"bookings": "int64", "booths_sold": "int64"})
    out["booth_occupancy"] = ratio(out["booths_sold"], out["capacity_booths"])
    out["m2_occupancy"] = ratio(out["m2_sold"], out["sellable_m2"])
    out = _with_previous(out, eds, [], ["booths_sold", "m2_sold", "revenue"])
    return out.drop(columns=["prev_booths_sold", "prev_m2_sold"])


def space_revenue(world: Any) -> pd.DataFrame:
    """Booths, m² and revenue per edition, booth category and hall, with the previous edition's revenue."""
    sold = sold_bookings(world).merge(
        table(world, "booth_categories")[["category_id", "name"]].rename(columns={"name": "category"}), on="category_id")
    out = sold.groupby(["edition_id", "category", "hall"]).agg(
        bookings=("booking_id", "size"), booths=("booths", "sum"), m2=("area_m2", "sum"), revenue=("price", "sum")).reset_index()
    eds = edition_sequence(world)
    out = _with_previous(out, eds, ["category", "hall"], ["revenue"])
    names = eds.set_index("edition_id")["name"]
    out.insert(1, "edition", out["edition_id"].map(names))
    return out
