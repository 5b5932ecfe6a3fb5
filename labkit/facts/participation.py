"""Who took part and what was sold, visited and signed (参展、到场、成交): the rules, once.

* a **sold booking** (已售展位) is a booth booking whose status is ``confirmed``;
* an **attended visit** (到场) is a registration whose status is ``attended``;
* a **signed deal** (成交) is a deal whose stage is ``signed``;
* a customer **took part** (参展/参会) in an edition when it holds a sold booking there
  (exhibitor) or an attended visit (buyer). Quoted, reserved and cancelled bookings, and
  registered, confirmed and no-show buyers, did not take part.

Retention, renewal, "came back", classifications and lifetime value all count these.
A **recruitment campaign** (招展/招商) wins customers; an offer to known buyers (优惠或便利措施)
keeps them, so acquisition cost counts only the first (``RECRUITMENT_KINDS``).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.facts.tables import require_columns, table
from labkit.world.schema import BookingStatus, CampaignKind, DealStage, RegistrationStatus, Role

__all__ = [
    "ATTENDED_STATUS", "RECRUITMENT_KINDS", "SIGNED_STAGE", "SOLD_STATUS", "attended_visits", "participations",
    "signed_deals", "sold_bookings",
]

SOLD_STATUS = str(BookingStatus.confirmed)
ATTENDED_STATUS = str(RegistrationStatus.attended)
SIGNED_STAGE = str(DealStage.signed)
RECRUITMENT_KINDS = (str(CampaignKind.exhibitor_recruitment), str(CampaignKind.buyer_recruitment))


def _where(world: Any, name: str, column: str, value: str, what: str) -> pd.DataFrame:
    rows = table(world, name, what)
    require_columns(rows, [column], f"{what} ({name})")
    return rows[(rows[column] == value).to_numpy(dtype=bool)]


def sold_bookings(world: Any) -> pd.DataFrame:
    """The confirmed booth bookings: the space sold and the revenue won (已售展位)."""
    return _where(world, "booth_bookings", "status", SOLD_STATUS, "sold_bookings")


def attended_visits(world: Any) -> pd.DataFrame:
    """The registrations that were checked in at the fair (到场)."""
    return _where(world, "registrations", "status", ATTENDED_STATUS, "attended_visits")


def signed_deals(world: Any) -> pd.DataFrame:
    """The deals that reached the signed stage (成交)."""
    return _where(world, "deals", "stage", SIGNED_STAGE, "signed_deals")


def participations(world: Any) -> pd.DataFrame:
    """One row per (org_id, edition_id) where the customer took part (参展/参会), with its ``role``."""
    keys = ["org_id", "edition_id"]
    booked, came = sold_bookings(world), attended_visits(world)
    require_columns(booked, keys, "participations (booth_bookings)")
    require_columns(came, keys, "participations (registrations)")
    rows = pd.concat([booked[keys].assign(role=str(Role.exhibitor)), came[keys].assign(role=str(Role.buyer))])
    rows = rows.drop_duplicates(keys).reset_index(drop=True)
    return rows.astype({"org_id": "int64", "edition_id": "int64"})
