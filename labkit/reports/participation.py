"""Who took part in which edition (参展/到会记录): the base of renewal, KPI and forecast reports.

An exhibitor *took part* in an edition when it holds a confirmed booth booking there
(``booth_bookings.status == "confirmed"``); a buyer took part when its registration was
checked in (``registrations.status == "attended"``). Quoted, reserved and cancelled bookings,
and registered, confirmed or no-show buyers, did not take part. The rule itself lives in
:func:`labkit.classification.participations`, shared with the classifications.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from labkit.classification import participations
from labkit.errors import UsageError

SOLD_STATUS = "confirmed"
ATTENDED_STATUS = "attended"


def tables_of(world: Any) -> Mapping[str, pd.DataFrame]:
    """The tables of a World, or the mapping itself."""
    tables = getattr(world, "tables", world)
    if not isinstance(tables, Mapping):
        raise UsageError(f"expected a World or a dict of tables, got {type(world).__name__}")
    return tables


def table(world: Any, name: str) -> pd.DataFrame:
    """One table of the world, with a clear error when it is missing."""
    tables = tables_of(world)
    if name not in tables:
        raise UsageError(f"the world has no {name!r} table (it has: {', '.join(tables)})")
    return tables[name]


def ratio(numerator: Any, denominator: Any) -> Any:
    """numerator / denominator, NaN where the denominator is 0 (no 'inf' in a report)."""
    num = np.asarray(numerator, dtype="float64")
    den = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, num / den, np.nan)
    return out if out.ndim else float(out)


def editions_in_order(world: Any) -> pd.DataFrame:
    """Editions sorted by start date, with the previous edition of the same exhibition (上届)."""
    eds = table(world, "editions").sort_values(["exhibition_id", "start_date", "edition_id"]).copy()
    eds["prev_edition_id"] = eds.groupby("exhibition_id")["edition_id"].shift(1).astype("Int64")
    eds["seq"] = eds.groupby("exhibition_id").cumcount()
    return eds.sort_values(["start_date", "edition_id"]).reset_index(drop=True)


def participants(world: Any) -> pd.DataFrame:
    """One row per (edition, customer) that took part: ``edition_id, org_id, role``."""
    for name in ("booth_bookings", "registrations"):
        table(world, name)  # a clear error if the table is missing
    both = participations(tables_of(world))[["edition_id", "org_id", "role"]]
    return both.astype({"edition_id": "int64", "org_id": "int64"})


def sold_bookings(world: Any) -> pd.DataFrame:
    """Confirmed booth bookings: the space sold and the revenue won (已售展位)."""
    bookings = table(world, "booth_bookings")
    return bookings.loc[bookings["status"].astype(str) == SOLD_STATUS].copy()
