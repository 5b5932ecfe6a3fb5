"""Unresolved complaints, satisfaction and not returning (投诉、满意度与流失).

For every customer we heard from at an edition (a survey answer or a complaint), look at
three things (and its role): whether it complained and whether every complaint was resolved; its overall
satisfaction in that edition's survey; and whether it came back, i.e. **took part** in the
**next edition of the same exhibition** (a confirmed booth booking or an attended visit, as
in :mod:`labkit.facts`: the course's retention counts customers who attend again, 重复参会).
Editions without a next one in the data are left out: nobody could have returned yet.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.facts import edition_sequence, participations, require_columns, world_tables
from labkit.i18n import Label, LabelSet
from labkit.surveys.nps import csat

#: Complaint status of a customer at an edition, in report order.
COMPLAINT_GROUPS = LabelSet({"none": Label("no complaint", "无投诉"), "resolved": Label("complaint resolved", "投诉已解决"),
                             "unresolved": Label("complaint unresolved", "投诉未解决")})
NEEDED = ("organisations", "editions", "complaints", "survey_responses", "registrations", "booth_bookings")


def complaint_outcomes(world: Any) -> pd.DataFrame:
    """One row per (org_id, edition_id) heard from: complaint group, satisfaction, returned.

    ``complaint`` is ``none``, ``resolved`` (all its complaints at that edition reached
    resolved_at) or ``unresolved``; ``satisfaction`` is overall_satisfaction (1-5, NaN if it
    did not answer); ``returned`` is True when it took part in the next edition.
    """
    tables = world_tables(world, NEEDED, "complaint_outcomes")
    complaints, responses = tables["complaints"], tables["survey_responses"]
    require_columns(complaints, ["org_id", "edition_id", "resolved_at"], "complaint_outcomes (complaints)")
    keys = ["org_id", "edition_id"]
    open_ = complaints.assign(open=complaints["resolved_at"].isna()).groupby(keys)["open"].any()
    satisfaction = responses.sort_values("response_id").groupby(keys)["overall_satisfaction"].first()
    heard = pd.concat([responses[keys], complaints[keys]]).drop_duplicates()
    following = edition_sequence(tables).set_index("edition_id")["next_edition_id"]
    heard = heard.assign(next_edition_id=heard["edition_id"].map(following)).dropna()
    came_back = participations(tables)[keys].assign(returned=True)
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
