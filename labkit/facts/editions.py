"""The order of the editions (届次顺序): one sequence for every analysis that looks back or ahead."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.facts.tables import require_columns, table

__all__ = ["edition_sequence"]


def edition_sequence(world: Any) -> pd.DataFrame:
    """The editions in time order (by start date, then id), with where each stands.

    Adds to the ``editions`` table: ``position`` (0, 1, … over all editions), ``seq`` (0, 1, …
    within its exhibition), ``prev_edition_id`` (上届, the previous edition of the same
    exhibition) and ``next_edition_id`` (下届); both are missing at the ends.
    """
    editions = table(world, "editions", "edition_sequence")
    require_columns(editions, ["edition_id", "exhibition_id", "start_date"], "edition_sequence (editions)")
    eds = editions.sort_values(["start_date", "edition_id"]).reset_index(drop=True)
    eds["position"] = np.arange(len(eds), dtype="int64")
    by_fair = eds.groupby("exhibition_id", sort=False)["edition_id"]
    eds["seq"] = by_fair.cumcount().astype("int64")
    eds["prev_edition_id"] = by_fair.shift(1).astype("Int64")
    eds["next_edition_id"] = by_fair.shift(-1).astype("Int64")
    return eds
