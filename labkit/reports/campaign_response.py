"""Campaign response reports (招展/招商营销活动响应报表), 教材第六章.

* by date and channel: targets (目标客户数量), responses (响应数量) and response rate;
* expected against actual responses per campaign (预期响应数量 / 实际响应数量);
* by date, region group, response attribute (响应属性: will attend 参展/参观, will not attend
  不参加, do not contact 勿再联系) and customer source (客户来源).

A *target* is one invitation row (one contact of one company invited by one campaign); a
*response* is an invitation with ``responded`` true. Dates are grouped into periods of
``freq`` ("D" day, "W" week, "M" month, "Q" quarter, "Y" year).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.errors import UsageError
from labkit.facts import campaign_wins, table
from labkit.i18n import _
from labkit.reports.rates import ratio
from labkit.world.schema import ENUMS

FREQS = ("D", "W", "M", "Q", "Y")


def _period(dates: pd.Series, freq: str) -> pd.Series:
    if freq not in FREQS:
        raise UsageError(_("unknown period {freq!r}; choose one of: {freqs}").format(freq=freq, freqs=', '.join(FREQS)))
    return pd.to_datetime(dates).dt.to_period(freq).astype("string")


def response_by_channel(world: Any, freq: str = "M") -> pd.DataFrame:
    """Targets, responses and response rate by period sent, campaign kind and channel."""
    inv = table(world, "invitations").merge(
        table(world, "campaigns")[["campaign_id", "kind", "channel"]], on="campaign_id", validate="many_to_one")
    inv["period"] = _period(inv["sent_at"], freq)
    inv["kind"] = inv["kind"].astype(str)
    inv["channel"] = inv["channel"].astype(str)
    out = inv.groupby(["period", "kind", "channel"]).agg(
        targets=("invitation_id", "size"), responses=("responded", "sum")).reset_index()
    out["responses"] = out["responses"].astype("int64")
    out["response_rate"] = ratio(out["responses"], out["targets"])
    return out


def response_by_attribute(world: Any, freq: str = "M") -> pd.DataFrame:
    """Responses by period answered, region group and customer source, one column per attribute."""
    inv = table(world, "invitations")
    answered = inv.loc[inv["responded"].astype(bool) & inv["response"].notna()]
    answered = answered.merge(
        table(world, "organisations")[["org_id", "region_group", "customer_source"]], on="org_id", validate="many_to_one")
    answered = answered.assign(
        period=_period(answered["responded_at"], freq),
        region_group=answered["region_group"].astype(str),
        customer_source=answered["customer_source"].astype(str),
        response=answered["response"].astype(str),
    )
    keys = ["period", "region_group", "customer_source"]
    out = answered.groupby([*keys, "response"]).size().unstack("response", fill_value=0)
    out = out.reindex(columns=list(ENUMS["response"].codes), fill_value=0).astype("int64")
    out.columns.name = None
    out["responses"] = out.sum(axis=1)
    return out.reset_index()


def expected_vs_actual(world: Any) -> pd.DataFrame:
    """Per campaign: the responses its plan expected (预期响应数量) against the actual ones.

    The actual responses of a campaign with a target list are the companies that answered
    its invitations; website and magazine campaigns have no list, so theirs are the companies
    that registered or booked crediting them. ``achieved`` = actual / expected (达成率) and
    ``gap`` = actual - expected.
    """
    camps = table(world, "campaigns")
    inv = table(world, "invitations")
    answered = inv.loc[inv["responded"].astype(bool)].groupby("campaign_id")["org_id"].nunique()
    won = campaign_wins(world).groupby("campaign_id")["org_id"].nunique()
    listed = set(inv["campaign_id"])
    out = camps[["campaign_id", "edition_id", "kind", "channel", "theme", "expected_responses"]].copy()
    out["kind"] = out["kind"].astype(str)
    out["channel"] = out["channel"].astype(str)
    out["has_list"] = out["campaign_id"].isin(listed)
    actual = out["campaign_id"].map(answered).where(out["has_list"], out["campaign_id"].map(won))
    out["actual_responses"] = actual.fillna(0).astype("int64")
    out["gap"] = out["actual_responses"] - out["expected_responses"].astype("int64")
    out["achieved"] = ratio(out["actual_responses"], out["expected_responses"])
    return out
