"""Lifetime value of every exhibitor and buyer in the exhibition world (展会客户终身价值).

From the world's history, per customer: what they brought (confirmed booth bookings for an
exhibitor; signed deals and attended visits for a buyer), what they cost to serve (contacts
and complaint handling), the net value so far, and the expected value still to come if they
came in the latest year (margin multiple with their role's measured retention). Sums per customer are
numpy ``bincount`` over row positions (no per-customer loop), so a million buyers take seconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit.clv.formulas import check_discount_rate
from labkit.clv.rfm import rfm_summary
from labkit.errors import DataError, UsageError
from labkit.facts import (
    attended_visits,
    booth_spend,
    cost_to_serve,
    per_org,
    signed_deals,
    sold_bookings,
    table,
    world_tables,
)
from labkit.i18n import Label, LabelSet, _
from labkit.world.schema import Role

#: The course's three tiers by lifetime value and cost to serve (教材第六章).
TIER_LABELS = LabelSet({
    "most_valuable": Label("most valuable", "最有价值客户"),
    "second_tier": Label("second tier", "第二层级客户"),
    "negative_value": Label("negative value", "负值客户"),
})


@dataclass(frozen=True)
class ValueAssumptions:
    """What a unit of business is worth to the organiser (价值假设); change them to see the effect.

    ``booth_margin``: share of booth revenue that is profit. ``deal_share``: value to the
    organiser of each unit of a buyer's signed deals (buyers are why exhibitors come back).
    ``value_per_visit``: value of one attended buyer visit. ``discount_rate``: per year.
    """

    booth_margin: float = 0.4
    deal_share: float = 0.02
    value_per_visit: float = 50.0
    discount_rate: float = 0.08

    def check(self) -> None:
        for name in ("booth_margin", "deal_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise UsageError(_("{name} is a share between 0 and 1; got {value}").format(name=name, value=getattr(self, name)))
        if self.value_per_visit < 0:
            raise UsageError(_("value per visit cannot be negative; got {value_per_visit}").format(value_per_visit=self.value_per_visit))
        check_discount_rate(self.discount_rate)


#: Tables the lifetime value is computed from.
NEEDED: tuple[str, ...] = ("organisations", "editions", "booth_bookings", "registrations", "deals", "contact_log", "complaints")


def world_clv(world: Any, assumptions: ValueAssumptions = ValueAssumptions()) -> pd.DataFrame:
    """CLV of every exhibitor and buyer (客户终身价值), one row per ``org_id``.

    Columns: ``role``, ``revenue``, ``margin`` (利润: booth revenue × booth margin + deal
    share + visit value, before serving costs), ``cost_to_serve`` (服务成本), ``net_value``
    (margin minus cost to serve so far), ``years`` observed, ``annual_net_value``, ``active_last_year``,
    ``retention`` (the role's measured year-to-year retention), ``expected_future_value`` and
    ``lifetime_value`` = net value so far + expected future value.
    """
    a = assumptions
    a.check()
    t = world_tables(world, NEEDED, "world_clv")
    orgs = t["organisations"]
    index = pd.Index(orgs["org_id"])
    n = len(index)
    where = lambda frame, column="org_id": index.get_indexer(frame[column])  # noqa: E731
    editions = t["editions"].set_index("edition_id")["year"]
    first_year, last_year = int(editions.min()), int(editions.max())
    booked, visits, signed = sold_bookings(t), attended_visits(t), signed_deals(t)
    booth = booth_spend(t, index).to_numpy()
    deal = per_org(index, signed["buyer_org_id"], signed["amount"].to_numpy(dtype=float))
    visit_count = per_org(index, visits["org_id"])
    # active[i, y]: organisation i booked, visited or signed a deal in year first_year + y
    active = np.zeros((n, last_year - first_year + 1), dtype=bool)
    for frame, column in ((booked, "org_id"), (visits, "org_id"), (signed[signed["amount"] > 0], "buyer_org_id")):
        pos = where(frame, column)
        year = frame["edition_id"].map(editions).to_numpy(dtype=int) - first_year
        active[pos[pos >= 0], year[pos >= 0]] = True
    out = pd.DataFrame({"role": orgs["role"].astype(str).to_numpy()}, index=index)
    out["revenue"] = booth + deal * a.deal_share + visit_count * a.value_per_visit
    out["margin"] = booth * a.booth_margin + deal * a.deal_share + visit_count * a.value_per_visit
    out["cost_to_serve"] = cost_to_serve(t, index).to_numpy()
    out["net_value"] = out["margin"] - out["cost_to_serve"]
    ever = active.any(axis=1)
    first_active = np.where(ever, first_year + active.argmax(axis=1), np.inf)
    start = np.fmin(orgs["created_at"].dt.year.to_numpy(dtype=float), first_active)
    out["years"] = np.clip(last_year - start + 1, 1, None)
    out["annual_net_value"] = out["net_value"] / out["years"]
    out["active_last_year"] = active[:, -1]
    # per role: of those active in a year before the last, the share active again the next year
    stayed = (active[:, :-1] & active[:, 1:]).sum(axis=1)
    could = active[:, :-1].sum(axis=1)
    kept = pd.DataFrame({"stayed": stayed, "could": could}).groupby(out["role"].to_numpy()).sum()
    retention = (kept["stayed"] / kept["could"].where(kept["could"] > 0)).fillna(0.0).clip(upper=0.99)
    out["retention"] = out["role"].map(retention).to_numpy(dtype=float)
    multiple = out["retention"] / (1 + a.discount_rate - out["retention"])
    out["expected_future_value"] = np.where(out["active_last_year"], out["annual_net_value"] * multiple, 0.0)
    out["lifetime_value"] = out["net_value"] + out["expected_future_value"]
    return out


def value_tiers(values: pd.DataFrame, top_share: float = 0.2, by: str = "lifetime_value",
                within: str | None = "role") -> pd.Series:
    """Tiers by lifetime value net of cost to serve (按终身价值分层), as English codes.

    ``negative_value`` (负值客户): lifetime value below 0 (costs more than brings).
    ``most_valuable`` (最有价值客户): the top ``top_share`` of the others by value, within each
    ``within`` group (exhibitors and buyers are ranked apart). ``second_tier`` (第二层级客户):
    the rest. Labels: ``TIER_LABELS``.
    """
    if not 0 < top_share < 1:
        raise UsageError(_("top share must be between 0 and 1 (e.g. 0.2 for the top 20%); got {top_share}").format(top_share=top_share))
    for col in [by] + ([within] if within else []):
        if col not in values:
            raise DataError(_("no column {col!r} to tier by; columns are {columns}").format(col=col, columns=list(values.columns)))
    value = values[by].astype(float)
    if value.isna().any():
        raise DataError(_("{by} has missing values; compute it for every customer first").format(by=by))
    groups = values[within] if within else pd.Series(0, index=values.index)
    positive = value.where(value >= 0).groupby(groups)
    # the top ceil(share x n) of each group's non-negative customers; ties share the better rank
    rank = positive.rank(ascending=False, method="min")
    top = np.ceil(top_share * positive.transform("count") - 1e-9)  # 0.28 x 25 is 7, not 7.000000000000001
    codes = np.where(value < 0, "negative_value", np.where(rank <= top, "most_valuable", "second_tier"))
    return pd.Series(pd.Categorical(codes, categories=list(TIER_LABELS)), index=values.index, name="value_tier")


def world_transactions(world: Any, role: str = "buyer") -> pd.DataFrame:
    """Each customer's purchase occasions, for the probabilistic models (购买记录).

    Buyers: every attended edition, dated at its opening, amount = deals signed there.
    Exhibitors: every edition with a confirmed booking, amount = booth price paid.
    """
    t = world_tables(world, NEEDED, "world_transactions")
    opening = t["editions"].set_index("edition_id")["start_date"]
    if role == Role.buyer:
        visits = attended_visits(t)[["org_id", "edition_id"]].drop_duplicates()
        signed = signed_deals(t)
        amounts = signed.groupby(["buyer_org_id", "edition_id"])["amount"].sum().rename("amount")
        events = visits.join(amounts, on=["org_id", "edition_id"]).fillna({"amount": 0.0})
    elif role == Role.exhibitor:
        booked = sold_bookings(t)
        events = booked.groupby(["org_id", "edition_id"], as_index=False)["price"].sum()
        events = events.rename(columns={"price": "amount"})
    else:
        raise UsageError(_("role must be 'buyer' or 'exhibitor'; got {role!r}").format(role=role))
    events["date"] = events["edition_id"].map(opening)
    return events[["org_id", "date", "amount"]].rename(columns={"org_id": "customer_id"})


def world_summary(world: Any, role: str = "buyer") -> pd.DataFrame:
    """RFM summary (weeks) of the world's buyers or exhibitors up to the latest edition's opening."""
    events = world_transactions(world, role)
    end = table(world, "editions", "world_summary")["start_date"].max()
    return rfm_summary(events, "customer_id", "date", "amount", end)
