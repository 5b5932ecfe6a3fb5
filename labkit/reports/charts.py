"""Charts of the reports (报表图表). Call ``labkit.plotting.use_style()`` first for CJK labels."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from labkit.i18n import course_term
from labkit.reports.attendance import funnel_chart, kind_label
from labkit.world.schema import ENUMS


def latest_funnel_chart(funnel: pd.DataFrame) -> Figure:
    """The attendance funnels of the latest edition in :func:`attendance_funnel`."""
    return funnel_chart(funnel.loc[funnel["edition_id"] == funnel["edition_id"].max()])


def _bars_by_kind(frame: pd.DataFrame, column: str, title: str, percent: bool = False) -> Figure:
    wide = frame.pivot_table(index="channel", columns="kind", values=column, aggfunc="first", observed=True)
    wide = wide.rename(index=ENUMS["channel"].labels.text, columns=kind_label)
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    wide = wide.astype("float64").dropna(how="all")
    if wide.empty:
        ax.text(0.5, 0.5, course_term("No data yet", "暂无数据"), ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title)
        return fig
    wide.plot.bar(ax=ax, rot=0, color=["#1f5f8b", "#e07b39"][: wide.shape[1]])
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(course_term("Channel", "渠道"))
    ax.set_title(title)
    ax.legend(title=course_term("Campaign kind", "活动类型"), loc="upper left", bbox_to_anchor=(1, 1))
    return fig


def response_rate_chart(by_channel: pd.DataFrame) -> Figure:
    """Response rate by channel and campaign kind, from :func:`response_by_channel` summed over periods."""
    sums = by_channel.groupby(["kind", "channel"])[["targets", "responses"]].sum().reset_index()
    sums["response_rate"] = sums["responses"] / sums["targets"]
    return _bars_by_kind(sums, "response_rate", course_term("Response rate by channel", "各渠道响应率"), percent=True)


def cost_per_attendee_chart(by_channel: pd.DataFrame) -> Figure:
    """Cost per customer who actually attended, by channel and campaign kind."""
    fig = _bars_by_kind(by_channel, "cost_per_attendee", course_term("Cost per attendee by channel", "各渠道每到场客户成本"))
    fig.axes[0].set_ylabel(course_term("Cost per attendee", "每到场客户成本"))
    return fig


def renewal_chart(renewal: pd.DataFrame) -> Figure:
    """Renewed, not renewed and new exhibitors per edition (stacked), editions with a previous one."""
    rows = renewal.dropna(subset=["prev_edition_id"]).set_index("edition")
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    rows[["renewed", "new"]].rename(columns={"renewed": course_term("Renewed", "续展"), "new": course_term("New", "新展商")}).plot.bar(
        ax=ax, stacked=True, rot=30, color=["#1f5f8b", "#3a9d5d"])
    ax.plot(range(len(rows)), rows["not_renewed"], "o--", color="#c8453c", label=course_term("Not renewed", "未续展"))
    ax.set_xlabel(course_term("Edition", "届次"))
    ax.set_ylabel(course_term("Exhibitors", "参展商"))
    ax.set_title(course_term("Exhibitor renewal", "展商续展"))
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    return fig


def kpi_chart(kpis: pd.DataFrame) -> Figure:
    """Retention rate and satisfaction per year, side by side."""
    fig = Figure(figsize=(9, 3.8))
    left, right = fig.subplots(1, 2)
    left.plot(kpis["year"], kpis["retention_rate"], "o-", label=course_term("Retention rate", "客户保持率"))
    left.yaxis.set_major_formatter(PercentFormatter(1.0))
    left.set_title(course_term("Retention", "客户保持率"))
    right.plot(kpis["year"], kpis["satisfaction"], "o-", color="#e07b39")
    right.set_ylim(1, 5)
    right.set_title(course_term("Satisfaction", "满意度 (1-5)"))
    for ax in (left, right):
        ax.set_xticks(kpis["year"])
    return fig
