"""Who came to which edition, summarised as the discrete-time models need it (按届汇总的参与记录).

A fair's customers can only come when an edition opens, so time is counted in editions, not
weeks. Per customer, from the first edition they took part in: ``frequency`` = editions they came
to after that one, ``recency`` = editions from the first to the last one they came to (0 when
they never came back), ``n_periods`` = editions held after their first (their chances to return).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.facts import edition_sequence, participations, world_tables
from labkit.i18n import _
from labkit.world.schema import Role

__all__ = ["EDITION_COLUMNS", "check_edition_summary", "check_editions_ahead", "edition_summary"]

EDITION_COLUMNS: tuple[str, ...] = ("frequency", "recency", "n_periods")


def edition_summary(world: Any, role: str = "buyer") -> pd.DataFrame:
    """Frequency, recency and n_periods in editions for each ``role`` customer who ever took part."""
    if role not in Role.codes():
        raise UsageError(_("role must be 'buyer' or 'exhibitor'; got {role!r}").format(role=role))
    tables = world_tables(world, ["editions", "booth_bookings", "registrations"], "edition_summary")
    order = edition_sequence(tables).set_index("edition_id")["position"]
    came = participations(tables)
    came = came[(came["role"] == role).to_numpy()]
    position = came["edition_id"].map(order).groupby(came["org_id"].to_numpy())
    first, last = position.min(), position.max()
    summary = pd.DataFrame({
        "frequency": position.nunique() - 1,
        "recency": last - first,
        "n_periods": len(order) - 1 - first,
    }).astype("int64")
    summary.index.name = "customer_id"
    return summary


def check_edition_summary(summary: pd.DataFrame) -> None:
    """Reject summaries no discrete-time model can use, with a sentence saying what is wrong."""
    missing = [c for c in EDITION_COLUMNS if c not in summary]
    if missing:
        raise DataError(_("the summary needs column(s) {missing} (see labkit.clv.editions.edition_summary)")
                         .format(missing=missing))
    if len(summary) == 0:
        raise DataError(_("the summary has no customers"))
    values = summary[list(EDITION_COLUMNS)].to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any() or (values != np.round(values)).any():
        raise DataError(_("frequency, recency and n_periods count editions: whole numbers, 0 or more, none missing"))
    x, t_x, n = values.T
    if (t_x > n).any() or (x > t_x).any():
        raise DataError(_("a customer cannot come back more often (frequency) or later (recency) "
                           "than the editions held after their first (n_periods)"))
    if ((x == 0) & (t_x != 0)).any():
        raise DataError(_("a customer who never came back must have recency 0"))


def check_editions_ahead(editions: int) -> None:
    """A forecast horizon counts whole editions, 0 or more."""
    if isinstance(editions, bool) or not isinstance(editions, int) or editions < 0:
        raise UsageError(_("the forecast counts whole editions, 0 or more; got {editions!r}").format(editions=editions))
