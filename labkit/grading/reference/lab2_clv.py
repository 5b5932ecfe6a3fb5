"""Reference answers for customer value and lifetime value (客户终身价值), in plain pandas."""
from __future__ import annotations

from typing import Any

import pandas as pd

NEEDS_WORLD = True
FORBIDDEN: tuple[str, ...] = ("labkit.clv", "labkit.reports", "labkit.grading", "labkit.widgets")
MARGIN = 0.3
DISCOUNT_RATE = 0.08
# q5, brand switching (品牌转换): margin, years, p(ours | ours), p(ours | rival); the customer bought the rival's last
SWITCH_MARGIN, SWITCH_YEARS, P_OURS_AFTER_OURS, P_OURS_AFTER_RIVAL = 200.0, 4, 0.75, 0.25


def _confirmed_by_year(world: Any) -> pd.DataFrame:
    t = world.tables
    confirmed = t["booth_bookings"][t["booth_bookings"]["status"] == "confirmed"]
    return confirmed.merge(t["editions"][["edition_id", "year"]], on="edition_id", how="left")


def _group(world: Any) -> tuple[int, int, float]:
    """(customers in the year before last, of them lost in the last year, their revenue that year)."""
    booked = _confirmed_by_year(world)
    last = int(world.tables["editions"]["year"].max())
    before = booked[booked["year"] == last - 1]
    group = set(before["org_id"])
    stayed = group & set(booked.loc[booked["year"] == last, "org_id"])
    return len(group), len(group - stayed), float(before["price"].sum())


def _switching_clv() -> float:
    """By hand, year by year: p(ours next) = p(ours now) a + (1 - p(ours now)) b, starting from the rival."""
    chance, total = 0.0, 0.0
    for year in range(1, SWITCH_YEARS + 1):
        chance = chance * P_OURS_AFTER_OURS + (1 - chance) * P_OURS_AFTER_RIVAL
        total += SWITCH_MARGIN * chance / (1 + DISCOUNT_RATE) ** year
    return total


def expected(question: str, world: Any) -> Any:
    if question == "q1":
        booked = world.tables["booth_bookings"]
        confirmed = booked[booked["status"] == "confirmed"]
        sums = confirmed.groupby("edition_id")["price"].sum()
        return pd.DataFrame({"edition_id": sums.index.to_numpy(), "revenue": sums.to_numpy()})
    if question == "q5":
        return _switching_clv()
    customers, lost, revenue = _group(world)
    churn = lost / customers
    if question == "q2":
        return churn
    if question == "q3":
        lifetime = 1 / churn
        per_customer = MARGIN * revenue / customers
        return per_customer * (1 - (1 + DISCOUNT_RATE) ** -lifetime) / DISCOUNT_RATE
    raise KeyError(question)
