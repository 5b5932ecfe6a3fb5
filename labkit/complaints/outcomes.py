"""Unresolved complaints, satisfaction and not returning (投诉、满意度与流失).

For every customer we heard from at an edition (a survey answer or a complaint), look at
three things (and its role): whether it complained and whether every complaint was resolved; its overall
satisfaction in that edition's survey; and whether it came back, i.e. registered (buyer) or
booked a booth (exhibitor, not cancelled) for the **next edition of the same exhibition**.
Editions without a next one in the data are left out: nobody could have returned yet.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from labkit.surveys.nps import csat
from labkit.surveys.scores import require_columns

#: Complaint status of a customer at an edition, in report order.
COMPLAINT_GROUPS: dict[str, str] = {"none": "无投诉", "resolved": "投诉已解决", "unresolved": "投诉未解决"}
NEEDED = ("organisations", "editions", "complaints", "survey_responses", "registrations", "booth_bookings")


def _tables(world: Any) -> Mapping[str, pd.DataFrame]:
    tables = getattr(world, "tables", world)
    if not isinstance(tables, Mapping) or not set(NEEDED) <= set(tables):
        raise ValueError(f"complaint_outcomes needs a World or a dict with the tables {', '.join(NEEDED)}")
    return tables


def next_edition(editions: pd.DataFrame) -> pd.Series:
    """edition_id -> the following edition of the same exhibition (by start date); missing for the last."""
    require_columns(editions, ["edition_id", "exhibition_id", "start_date"], "next_edition")
    ordered = editions.sort_values(["exhibition_id", "start_date", "edition_id"])
    following = ordered.groupby("exhibition_id")["edition_id"].shift(-1)
    return pd.Series(following.to_numpy(), index=ordered["edition_id"].to_numpy(), name="next_edition_id").astype("Int64")


def complaint_outcomes(world: Any) -> pd.DataFrame:
    """One row per (org_id, edition_id) heard from: complaint group, satisfaction, returned.

    ``complaint`` is ``none``, ``resolved`` (all its complaints at that edition reached
    resolved_at) or ``unresolved``; ``satisfaction`` is overall_satisfaction (1-5, NaN if it
    did not answer); ``returned`` is True when it registered or booked for the next edition.
    """
    tables = _tables(world)
    complaints, responses = tables["complaints"], tables["survey_responses"]
    require_columns(complaints, ["org_id", "edition_id", "resolved_at"], "complaint_outcomes (complaints)")
    keys = ["org_id", "edition_id"]
    open_ = complaints.assign(open=complaints["resolved_at"].isna()).groupby(keys)["open"].any()
    satisfaction = responses.sort_values("response_id").groupby(keys)["overall_satisfaction"].first()
    heard = pd.concat([responses[keys], complaints[keys]]).drop_duplicates()
    heard = heard.assign(next_edition_id=heard["edition_id"].map(next_edition(tables["editions"]))).dropna()
    bookings = tables["booth_bookings"]
    came_back = pd.concat([
        tables["registrations"][keys],
        bookings.loc[bookings["status"].astype("object") != "cancelled", keys],
    ]).drop_duplicates().assign(returned=True)
    came_back = came_back.rename(columns={"edition_id": "next_edition_id"})
    out = heard.astype({"next_edition_id": "int64"}).merge(came_back, on=["org_id", "next_edition_id"], how="left")
    out["returned"] = out["returned"].notna()
    flags = out.set_index(keys).index.map(open_)
    out["complaint"] = pd.Series(flags, index=out.index).map({True: "unresolved", False: "resolved"}).fillna("none")
    out["satisfaction"] = out.set_index(keys).index.map(satisfaction).astype("float64")
    role = tables["organisations"].set_index("org_id")["role"].astype("object")
    out["role"] = out["org_id"].map(role)
    return out[[*keys, "role", "next_edition_id", "complaint", "satisfaction", "returned"]]


def outcomes_by_complaint(outcomes: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Per complaint group (and per ``by``, e.g. ``"role"``): customers, CSAT %, return rate.

    CSAT is the top-two-box share of those who answered the survey. Exhibitors return far
    more often than buyers, so compare complaint groups within a role, not across roles.
    """
    require_columns(outcomes, ["complaint", "satisfaction", "returned", *([by] if by else [])], "outcomes_by_complaint")
    if by is not None:
        parts = {value: outcomes_by_complaint(part) for value, part in outcomes.groupby(by, sort=True)}
        return pd.concat(parts, names=[by, "complaint"])
    rows = {}
    for group in COMPLAINT_GROUPS:
        part = outcomes[outcomes["complaint"] == group]
        if part.empty:
            continue
        answered = part["satisfaction"].dropna()
        rows[group] = {
            "customers": len(part),
            "answered_survey": len(answered),
            "csat": csat(answered) if len(answered) else float("nan"),
            "median_satisfaction": answered.median(),
            "return_rate": part["returned"].mean(),
        }
    return pd.DataFrame.from_dict(rows, orient="index")
