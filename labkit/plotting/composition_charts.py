"""Charts of the customer composition report (客户构成图表): exhibitors and buyers per category."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from labkit.i18n import Label
from labkit.plotting.canvas import chart_axes
from labkit.plotting.style import PALETTE
from labkit.reports.layout import header

__all__ = ["composition_chart"]


def composition_chart(composition: pd.DataFrame, *, top: int | None = 10, title: str | None = None,
                      ax: Axes | None = None) -> Axes:
    """Exhibitors and buyers, a pair of bars per category, for the first ``top`` rows of a
    :func:`~labkit.reports.customer_composition` table, in its order (sort it first to show the largest)."""
    rows = composition if top is None else composition.head(top)
    ax = chart_axes(ax, (8, 0.5 * len(rows) + 1.5))
    shown = rows.set_index("label")[["exhibitors", "buyers"]].rename(columns=header)
    shown.plot.barh(ax=ax, color=PALETTE[:2])
    ax.invert_yaxis()  # the first row on top, as in the table
    ax.set_ylabel("")
    ax.set_xlabel(header("customers"))
    ax.set_title(title or Label("Customer composition", "客户构成").text)
    ax.grid(axis="y", visible=False)
    return ax
