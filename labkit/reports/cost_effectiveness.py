"""Campaign cost-effectiveness report (市场活动费效比报表), 教材第六章.

For each campaign: actual cost (实际费用, the sum of its sub-activities); the companies it
targeted and that responded (from its invitations); the companies it won (来源活动: the
bookings and registrations that name it in ``campaign_id``, one campaign credited per company
and edition): registered (招商, a registration) or booked (招展, a reserved or confirmed
booking); and those who actually attended (实际到场: a checked-in buyer, or an exhibitor with
a confirmed booking). Who a campaign won and who came is the business rule of
``labkit.facts.campaigns``, shared with the campaigns exercise. Website and magazine campaigns target no list, so they have no
responses but can win customers. Then the cost per response, per registration or booking and
per customer who actually attended, and the return on investment

    ROI = (revenue won - actual cost) / actual cost.

*Revenue won* (赢得收入) is defined per campaign kind:

* 招展 (exhibitor recruitment): the prices of the confirmed booth bookings credited to the
  campaign: money the organiser actually contracted.
* 招商 (buyer recruitment): buyers pay no fee, so each attending buyer is valued at the
  edition's **booth revenue per attending buyer** (exhibitors pay to meet buyers). This
  credits buyers with all the booth revenue, so it is an upper bound; pass ``buyer_value`` to
  use your own value per attending buyer instead.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.facts import (
    campaign_attendees,
    campaign_wins,
    participations,
    sold_bookings,
    table,
)
from labkit.reports.rates import ratio
from labkit.world.schema import Role

STEPS = ("targets", "responses", "confirmed", "attended")


def buyer_value_per_edition(world: Any) -> pd.Series:
    """Booth revenue of each edition divided by its attending buyers (value of one buyer)."""
    revenue = sold_bookings(world).groupby("edition_id")["price"].sum()
    took_part = participations(world)
    buyers = took_part.loc[took_part["role"] == Role.buyer].groupby("edition_id")["org_id"].nunique()
    both = pd.concat([revenue.rename("revenue"), buyers.rename("buyers")], axis=1).fillna(0)
    return pd.Series(ratio(both["revenue"], both["buyers"]), index=both.index, name="buyer_value")


def _with_costs(out: pd.DataFrame) -> pd.DataFrame:
    out["cost_per_response"] = ratio(out["actual_cost"], out["responses"])
    out["cost_per_confirmed"] = ratio(out["actual_cost"], out["confirmed"])
    out["cost_per_attendee"] = ratio(out["actual_cost"], out["attended"])
    out["roi"] = ratio(out["revenue_won"] - out["actual_cost"], out["actual_cost"])
    return out


def campaign_cost_effectiveness(world: Any, buyer_value: float | None = None) -> pd.DataFrame:
    """One row per campaign: costs, funnel counts, cost per step, revenue won and ROI."""
    camps = table(world, "campaigns")
    inv = table(world, "invitations")
    out = camps[["campaign_id", "edition_id", "kind", "channel", "theme", "budget", "actual_cost"]].copy()
    out["kind"] = out["kind"].astype(str)
    out["channel"] = out["channel"].astype(str)
    inv_orgs = inv.groupby("campaign_id")["org_id"]
    out["targets"] = out["campaign_id"].map(inv_orgs.nunique())
    out["responses"] = out["campaign_id"].map(inv.loc[inv["responded"].astype(bool)].groupby("campaign_id")["org_id"].nunique())
    won = campaign_wins(world)
    out["confirmed"] = out["campaign_id"].map(won.groupby("campaign_id")["org_id"].nunique())
    out["attended"] = out["campaign_id"].map(campaign_attendees(world))
    out[list(STEPS)] = out[list(STEPS)].fillna(0).astype("int64")
    booked = sold_bookings(world).dropna(subset=["campaign_id"])
    booth_revenue = out["campaign_id"].map(booked.groupby(booked["campaign_id"].astype("int64"))["price"].sum()).fillna(0.0)
    if buyer_value is None:
        per_buyer = out["edition_id"].map(buyer_value_per_edition(world)).fillna(0.0)
    else:
        per_buyer = pd.Series(float(buyer_value), index=out.index)
    is_exhibitor = out["kind"] == "exhibitor_recruitment"
    out["revenue_won"] = booth_revenue.where(is_exhibitor, out["attended"] * per_buyer).astype("float64")
    return _with_costs(out)


def cost_effectiveness_by_channel(world: Any, buyer_value: float | None = None) -> pd.DataFrame:
    """Campaign kind x channel: summed costs, counts and revenue, ratios taken of the sums."""
    per_campaign = campaign_cost_effectiveness(world, buyer_value)
    sums = ["budget", "actual_cost", *STEPS, "revenue_won"]
    out = per_campaign.groupby(["kind", "channel"])[sums].sum().reset_index()
    out.insert(2, "campaigns", per_campaign.groupby(["kind", "channel"]).size().to_numpy())
    return _with_costs(out)
