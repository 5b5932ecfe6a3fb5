"""One per-customer feature frame that every classifier reads (客户特征表).

会展客户关系管理论文 splits customer data into static data (company, region, industry, size) and dynamic
data (participation history, spend, contact records, churn); DOMAIN.md "Customer data".
:func:`customer_features` joins both into one row per organisation, so the value matrix,
lifecycle, loyalty ladder, track-vs-care and RFM all classify the same numbers.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from labkit.errors import UsageError
from labkit.facts import (
    booth_spend,
    cost_to_serve,
    edition_sequence,
    participations,
    require_columns,
    signed_deals,
    sold_bookings,
    world_tables,
)
from labkit.i18n import _
from labkit.world.schema import Role

#: Tables the feature frame is built from (names as in labkit.world.schema).
SOURCE_TABLES: tuple[str, ...] = (
    "organisations", "editions", "booth_bookings", "registrations",
    "deals", "survey_responses", "contact_log", "complaints",
)

#: Answers to the future-plan item as a 0-1 intention score (未来参展/参观计划).
FUTURE_PLAN_SCORE: dict[str, float] = {
    "definitely": 1.0, "probably": 0.75, "undecided": 0.5, "unlikely": 0.25, "no": 0.0,
}
#: Purchase-volume change as a 0-1 trend score (采购量变化).
VOLUME_CHANGE_SCORE: dict[str, float] = {
    "increase_much": 1.0, "increase": 0.75, "same": 0.5, "decrease": 0.25, "decrease_much": 0.0,
}

STATIC_COLUMNS: tuple[str, ...] = (
    "role", "country", "province", "region_group", "industry", "size_band",
)


def _history(tables: Mapping[str, pd.DataFrame], org_ids: pd.Index) -> pd.DataFrame:
    """Participations, first/last edition, editions missed since the last one, recency in days."""
    order = edition_sequence(tables).set_index("edition_id")["position"]
    editions = tables["editions"].set_index("edition_id")
    latest = len(order) - 1
    part = participations(tables)
    part = part.assign(position=part["edition_id"].map(order))
    grouped = part.groupby("org_id")["position"]
    out = pd.DataFrame(index=org_ids)
    out["participations"] = grouped.nunique().reindex(org_ids).fillna(0).astype("int64")
    first_pos = grouped.min().reindex(org_ids)
    last_pos = grouped.max().reindex(org_ids)
    by_position = pd.Series(order.index, index=order.to_numpy())
    out["first_edition"] = first_pos.map(by_position).astype("Int64")
    out["last_edition"] = last_pos.map(by_position).astype("Int64")
    out["editions_since_first"] = (latest - first_pos + 1).astype("Int64")
    out["editions_missed"] = (latest - last_pos).astype("Int64")
    out["attendance_rate"] = out["participations"] / out["editions_since_first"].astype("float64")
    reference = editions["end_date"].max()
    last_end = out["last_edition"].map(editions["end_date"])
    out["recency_days"] = (reference - pd.to_datetime(last_end)).dt.days.astype("float64")
    return out


def _money(tables: Mapping[str, pd.DataFrame], org_ids: pd.Index, role: pd.Series) -> pd.DataFrame:
    """Spend on booths, signed deals, cost to serve and the resulting contribution (贡献)."""
    confirmed = sold_bookings(tables)
    signed = signed_deals(tables)
    out = pd.DataFrame(index=org_ids)
    out["booths"] = confirmed.groupby("org_id")["booths"].sum().reindex(org_ids).fillna(0)
    out["spend"] = booth_spend(tables, org_ids)
    as_buyer = signed.groupby("buyer_org_id")["amount"].agg(["size", "sum"])
    as_exhibitor = signed.groupby("exhibitor_org_id")["amount"].agg(["size", "sum"])
    both = as_buyer.add(as_exhibitor, fill_value=0).reindex(org_ids).fillna(0)
    out["deals_signed"] = both["size"].astype("int64")
    out["deal_amount"] = both["sum"].astype("float64")
    # Purchase volume (购买量): what an exhibitor buys from the organiser (booths); a buyer pays
    # no fee, so its purchases at the fair (signed deals) stand for its value to the fair.
    out["purchase_volume"] = out["spend"].where(role == Role.exhibitor, out["deal_amount"])
    out["complaints"] = tables["complaints"].groupby("org_id").size().reindex(org_ids).fillna(0).astype("int64")
    out["cost_to_serve"] = cost_to_serve(tables, org_ids)
    out["contribution"] = out["spend"] - out["cost_to_serve"]
    return out


def _survey(tables: Mapping[str, pd.DataFrame], org_ids: pd.Index, role: pd.Series) -> pd.DataFrame:
    """The latest answer each customer gave to the loyalty items of the satisfaction survey."""
    answers = tables["survey_responses"]
    order = edition_sequence(tables).set_index("edition_id")["position"]
    answers = answers.assign(_position=answers["edition_id"].map(order)).sort_values(["_position", "submitted_at"])
    items = ["recommend", "overall_satisfaction", "future_visit", "future_exhibit", "purchase_volume_change"]
    latest = answers.groupby("org_id")[items].last().reindex(org_ids)  # last non-missing per item
    out = pd.DataFrame(index=org_ids)
    out["surveys"] = answers.groupby("org_id").size().reindex(org_ids).fillna(0).astype("int64")
    out["recommend"] = pd.to_numeric(latest["recommend"], errors="coerce").astype("float64")
    out["satisfaction"] = pd.to_numeric(latest["overall_satisfaction"], errors="coerce").astype("float64")
    plan = latest["future_exhibit"].astype("object").where(role == Role.exhibitor, latest["future_visit"].astype("object"))
    out["future_plan"] = plan.map(FUTURE_PLAN_SCORE).astype("float64")
    out["volume_trend"] = latest["purchase_volume_change"].astype("object").map(VOLUME_CHANGE_SCORE).astype("float64")
    return out


def customer_features(source: Any) -> pd.DataFrame:
    """One row per customer (org_id): static attributes plus behaviour, money and survey signals.

    ``source`` is a World (``labkit.load_world()``) or a dict of its tables. Columns:
    static ``role, country, province, region_group, industry, size_band``; history
    ``participations, first_edition, last_edition, editions_since_first, editions_missed,
    attendance_rate, recency_days``; money ``booths, spend, deals_signed, deal_amount,
    purchase_volume, complaints, cost_to_serve, contribution``; survey ``surveys, recommend (0-10),
    satisfaction (1-5), future_plan (0-1), volume_trend (0-1)``. Customers who never took part
    have 0 participations and missing edition columns.
    """
    tables = world_tables(source, SOURCE_TABLES, "customer_features")
    orgs = tables["organisations"]
    require_columns(orgs, ["org_id", *STATIC_COLUMNS], "customer_features (organisations)")
    if orgs["org_id"].duplicated().any():
        raise UsageError(_("organisations has repeated org_id values; merge duplicates first"))
    static = orgs.set_index("org_id")[list(STATIC_COLUMNS)]
    ids = static.index
    role = static["role"].astype("object")
    return pd.concat(
        [static, _history(tables, ids), _money(tables, ids, role), _survey(tables, ids, role)], axis=1
    )
