"""Charts of the customer composition report (客户构成图表): exhibitors and buyers per category."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from labkit.i18n import course_term
from labkit.plotting.canvas import chart_axes
from labkit.plotting.style import PALETTE
from labkit.reports.layout import header

__all__ = ["composition_chart"]


def composition_chart(composition: pd.DataFrame, *, top: int | None = 10, title: str | None = None,
                      ax: Axes | None = None) -> Axes:
    """Exhibitors and buyers side by side for the first ``top`` rows of a
    :func:`~labkit.reports.customer_composition` table, in its order (sort it first to show the largest)."""
    rows = composition if top is None else composition.head(top)
    ax = chart_axes(ax, (max(8.0, 0.8 * len(rows) + 1.5), 3.8))
    shown = rows.set_index("value")[["exhibitors", "buyers"]].rename(columns=header)
    shown.plot.bar(ax=ax, rot=0, color=PALETTE[:2])
    ax.set_xlabel("")
    ax.set_ylabel(header("customers"))
    ax.set_title(title or course_term("Customer composition", "客户构成"))
    ax.grid(axis="x", visible=False)
    return ax
