"""One per-customer feature frame that every classifier reads (客户特征表).

会展客户关系管理论文 splits customer data into static data (company, region, industry, size) and dynamic
data (participation history, spend, contact records, churn); DOMAIN.md "Customer data".
:func:`customer_features` joins both into one row per organisation, so the value matrix,
lifecycle, loyalty ladder, track-vs-care and RFM all classify the same numbers.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from labkit.classification._checks import require_columns

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


def _tables(source: Any) -> Mapping[str, pd.DataFrame]:
    tables = getattr(source, "tables", source)
    if not isinstance(tables, Mapping):
        raise ValueError("customer_features needs a World (labkit.load_world()) or a dict of tables")
    missing = [name for name in SOURCE_TABLES if name not in tables]
    if missing:
        raise ValueError(f"customer_features needs the table(s) {', '.join(missing)}")
    return tables


def edition_order(editions: pd.DataFrame) -> pd.Series:
    """Position 0, 1, … of each edition in time (by start date, then id), indexed by edition_id."""
    require_columns(editions, ["edition_id", "start_date"], "edition_order")
    ordered = editions.sort_values(["start_date", "edition_id"])["edition_id"].to_numpy()
    return pd.Series(np.arange(len(ordered)), index=pd.Index(ordered, name="edition_id"), name="position")


def participations(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (org_id, edition_id) where the customer actually took part (参展/到场), with its role.

    An exhibitor took part when a booth booking was ``confirmed``; a buyer when a
    registration reached ``attended``. Quoted, reserved, cancelled and no-show do not count.
    """
    booked = tables["booth_bookings"]
    came = tables["registrations"]
    require_columns(booked, ["org_id", "edition_id", "status"], "participations (booth_bookings)")
    require_columns(came, ["org_id", "edition_id", "status"], "participations (registrations)")
    rows = pd.concat([
        booked.loc[booked["status"] == "confirmed", ["org_id", "edition_id"]].assign(role="exhibitor"),
        came.loc[came["status"] == "attended", ["org_id", "edition_id"]].assign(role="buyer"),
    ])
    return rows.drop_duplicates(["org_id", "edition_id"]).reset_index(drop=True)


def _history(tables: Mapping[str, pd.DataFrame], org_ids: pd.Index) -> pd.DataFrame:
    """Participations, first/last edition, editions missed since the last one, recency in days."""
    order = edition_order(tables["editions"])
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
    """Spend on booths, signed deals, cost to serve and the resulting profit (利润)."""
    booked = tables["booth_bookings"]
    confirmed = booked[booked["status"] == "confirmed"]
    deals = tables["deals"]
    signed = deals[deals["stage"] == "signed"]
    out = pd.DataFrame(index=org_ids)
    out["booths"] = confirmed.groupby("org_id")["booths"].sum().reindex(org_ids).fillna(0)
    out["spend"] = confirmed.groupby("org_id")["price"].sum().reindex(org_ids).fillna(0.0)
    as_buyer = signed.groupby("buyer_org_id")["amount"].agg(["size", "sum"])
    as_exhibitor = signed.groupby("exhibitor_org_id")["amount"].agg(["size", "sum"])
    both = as_buyer.add(as_exhibitor, fill_value=0).reindex(org_ids).fillna(0)
    out["deals_signed"] = both["size"].astype("int64")
    out["deal_amount"] = both["sum"].astype("float64")
    # Purchase volume (购买量): what an exhibitor buys from the organiser (booths); a buyer pays
    # no fee, so its purchases at the fair (signed deals) stand for its value to the fair.
    out["purchase_volume"] = out["spend"].where(role == "exhibitor", out["deal_amount"])
    contact_cost = tables["contact_log"].groupby("org_id")["cost"].sum()
    complaint = tables["complaints"].groupby("org_id")["handling_cost"].agg(["size", "sum"])
    out["complaints"] = complaint["size"].reindex(org_ids).fillna(0).astype("int64")
    out["service_cost"] = contact_cost.reindex(org_ids).fillna(0.0) + complaint["sum"].reindex(org_ids).fillna(0.0)
    out["profit"] = out["spend"] - out["service_cost"]
    return out


def _survey(tables: Mapping[str, pd.DataFrame], org_ids: pd.Index, role: pd.Series) -> pd.DataFrame:
    """The latest answer each customer gave to the loyalty items of the satisfaction survey."""
    answers = tables["survey_responses"]
    order = edition_order(tables["editions"])
    answers = answers.assign(_position=answers["edition_id"].map(order)).sort_values(["_position", "submitted_at"])
    items = ["recommend", "overall_satisfaction", "future_visit", "future_exhibit", "purchase_volume_change"]
    latest = answers.groupby("org_id")[items].last().reindex(org_ids)  # last non-missing per item
    out = pd.DataFrame(index=org_ids)
    out["surveys"] = answers.groupby("org_id").size().reindex(org_ids).fillna(0).astype("int64")
    out["recommend"] = pd.to_numeric(latest["recommend"], errors="coerce").astype("float64")
    out["satisfaction"] = pd.to_numeric(latest["overall_satisfaction"], errors="coerce").astype("float64")
    plan = latest["future_exhibit"].astype("object").where(role == "exhibitor", latest["future_visit"].astype("object"))
    out["future_plan"] = plan.map(FUTURE_PLAN_SCORE).astype("float64")
    out["volume_trend"] = latest["purchase_volume_change"].astype("object").map(VOLUME_CHANGE_SCORE).astype("float64")
    return out


def customer_features(source: Any) -> pd.DataFrame:
    """One row per customer (org_id): static attributes plus behaviour, money and survey signals.

    ``source`` is a World (``labkit.load_world()``) or a dict of its tables. Columns:
    static ``role, country, province, region_group, industry, size_band``; history
    ``participations, first_edition, last_edition, editions_since_first, editions_missed,
    attendance_rate, recency_days``; money ``booths, spend, deals_signed, deal_amount,
    purchase_volume, complaints, service_cost, profit``; survey ``surveys, recommend (0-10),
    satisfaction (1-5), future_plan (0-1), volume_trend (0-1)``. Customers who never took part
    have 0 participations and missing edition columns.
    """
    tables = _tables(source)
    orgs = tables["organisations"]
    require_columns(orgs, ["org_id", *STATIC_COLUMNS], "customer_features (organisations)")
    if orgs["org_id"].duplicated().any():
        raise ValueError("organisations has repeated org_id values; merge duplicates first")
    static = orgs.set_index("org_id")[list(STATIC_COLUMNS)]
    ids = static.index
    role = static["role"].astype("object")
    return pd.concat(
        [static, _history(tables, ids), _money(tables, ids, role), _survey(tables, ids, role)], axis=1
    )
