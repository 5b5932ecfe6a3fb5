"""Pareto analysis of complaints (帕累托分析): the vital few categories behind most complaints."""
from __future__ import annotations

import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.facts import require_columns
from labkit.i18n import _


def pareto_table(complaints: pd.DataFrame, column: str = "category", cutoff: float = 0.8) -> pd.DataFrame:
    """Complaints per ``column`` value, largest first, with share, cumulative share and ``vital_few``.

    ``vital_few`` marks the categories needed to reach ``cutoff`` (80 % by default) of all
    complaints: every category whose cumulative share before it is still below the cutoff.
    Ties in count are ordered by name so the table is the same every run.
    """
    if not 0 < cutoff <= 1:
        raise UsageError(_("cutoff is a share of all complaints, above 0 and at most 1 (e.g. 0.8)"))
    require_columns(complaints, [column], "pareto_table")
    values = complaints[column].dropna().astype("object")
    if values.empty:
        raise DataError(_("no complaints with a {column} to count").format(column=column))
    counts = values.value_counts().rename("complaints").rename_axis(column).reset_index()
    counts = counts.sort_values(["complaints", column], ascending=[False, True]).set_index(column)
    counts["share"] = counts["complaints"] / counts["complaints"].sum()
    counts["cumulative_share"] = counts["share"].cumsum()
    counts["vital_few"] = (counts["cumulative_share"] - counts["share"]) < cutoff - 1e-12
    return counts
