"""Charts of the exhibition from edition to edition (展会绩效图表): exhibitor renewal and the KPI dashboard.

They draw :func:`labkit.reports.exhibitor_renewal` and :func:`labkit.reports.kpi_dashboard`.
"""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from labkit.i18n import Label
from labkit.plotting.canvas import chart_axes
from labkit.plotting.style import PALETTE

__all__ = ["kpi_chart", "renewal_chart"]


def renewal_chart(renewal: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Renewed and new exhibitors per edition (stacked bars) and those not renewed (line), editions with a previous one."""
    rows = renewal.dropna(subset=["prev_edition_id"]).set_index("edition")
    ax = chart_axes(ax, (8, 4))
    stacked = rows[["renewed", "new"]].rename(columns={"renewed": Label("Renewed", "续展").text,
                                                       "new": Label("New", "新展商").text})
    stacked.plot.bar(ax=ax, stacked=True, rot=30, color=[PALETTE[0], PALETTE[2]])
    ax.plot(range(len(rows)), rows["not_renewed"], "o--", color=PALETTE[3], label=Label("Not renewed", "未续展").text)
    ax.set_xlabel(Label("Edition", "届次").text)
    ax.set_ylabel(Label("Exhibitors", "参展商").text)
    ax.set_title(Label("Exhibitor renewal", "展商续展").text)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    return ax


def kpi_chart(kpis: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Retention rate (left axis) and satisfaction 1-5 (right axis, a twin Axes) per year of the KPI dashboard."""
    ax = chart_axes(ax, (8, 4))
    years = kpis["year"]
    retention, = ax.plot(years, kpis["retention_rate"], "o-", color=PALETTE[0],
                         label=Label("Retention rate", "客户保持率").text)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(0, 1)
    ax.set_ylabel(Label("Retention rate", "客户保持率").text)
    ax.set_xticks(years)
    ax.set_xlabel(Label("Year", "年份").text)
    right = ax.twinx()
    satisfaction, = right.plot(years, kpis["satisfaction"], "s--", color=PALETTE[1],
                               label=Label("Satisfaction", "满意度 (1-5)").text)
    right.set_ylim(1, 5)
    right.set_ylabel(Label("Satisfaction", "满意度 (1-5)").text)
    right.grid(False)
    ax.set_title(Label("Retention and satisfaction", "客户保持率与满意度").text)
    ax.legend(handles=[retention, satisfaction], loc="lower left")
    return ax
