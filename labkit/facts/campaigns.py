"""Customers a campaign won (来源活动) and which of them actually came (实际到场): the rule, once.

A registration or a reserved/confirmed booth booking that names a campaign in ``campaign_id``
credits that campaign with the company (one campaign per company and edition: the world credits
the first "will attend" answer, or an untargeted website/magazine campaign). The company
*actually attended* (实际到场) when the registration was checked in (a buyer) or the booking is
confirmed (an exhibitor). The cost per attendee (每到场客户成本) of a campaign is its actual cost
divided by the number of distinct companies it won that actually attended: lesson 06's report
and the campaigns exercise both count this way. An invitation marked ``attended`` is not the
same count: a company invited by two campaigns shows as attended in both, and website and
magazine campaigns have no invitations at all.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.facts.participation import ATTENDED_STATUS, SOLD_STATUS
from labkit.facts.tables import require_columns, table
from labkit.world.schema import BookingStatus

__all__ = ["BOOKED_STATUSES", "campaign_attendees", "campaign_wins"]

BOOKED_STATUSES = (str(BookingStatus.reserved), str(BookingStatus.confirmed))


def campaign_wins(world: Any) -> pd.DataFrame:
    """Registrations and bookings credited to a campaign: ``campaign_id, org_id, attended``."""
    regs = table(world, "registrations", "campaign_wins").dropna(subset=["campaign_id"])
    books = table(world, "booth_bookings", "campaign_wins").dropna(subset=["campaign_id"])
    require_columns(regs, ["org_id", "status"], "campaign_wins (registrations)")
    require_columns(books, ["org_id", "status"], "campaign_wins (booth_bookings)")
    books = books.loc[books["status"].astype(str).isin(BOOKED_STATUSES)]
    won = pd.concat([
        pd.DataFrame({"campaign_id": regs["campaign_id"], "org_id": regs["org_id"],
                      "attended": regs["status"].astype(str) == ATTENDED_STATUS}),
        pd.DataFrame({"campaign_id": books["campaign_id"], "org_id": books["org_id"],
                      "attended": books["status"].astype(str) == SOLD_STATUS}),
    ], ignore_index=True)
    return won.astype({"campaign_id": "int64", "org_id": "int64", "attended": "bool"})


def campaign_attendees(world: Any) -> pd.Series:
    """Number of distinct companies each campaign won that actually attended, by ``campaign_id``."""
    won = campaign_wins(world)
    return won.loc[won["attended"]].groupby("campaign_id")["org_id"].nunique().rename("attended")

