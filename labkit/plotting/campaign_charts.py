"""Charts of the recruitment campaigns (招展招商活动图表): response rate and cost by channel, attendance funnel.

They draw the reports of :mod:`labkit.reports` (教材第六章): ``response_by_channel``,
``cost_effectiveness_by_channel`` and ``attendance_funnel``.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from labkit.i18n import Label
from labkit.plotting.canvas import chart_axes
from labkit.plotting.style import PALETTE
from labkit.reports.attendance import STEP_LABELS, STEPS, kind_label
from labkit.reports.layout import header
from labkit.reports.simulator import CampaignOutcome
from labkit.world.schema import ENUMS

__all__ = ["cost_per_attendee_chart", "funnel_chart", "latest_funnel_chart", "response_rate_chart",
           "simulated_funnel_chart"]

#: room a funnel takes on the x axis: the widest bar is 1, its labels take the rest
_FUNNEL_SLOT = 1.7


def _bars_by_kind(frame: pd.DataFrame, column: str, title: str, ax: Axes | None, percent: bool = False) -> Axes:
    wide = frame.pivot_table(index="channel", columns="kind", values=column, aggfunc="first", observed=True)
    wide = wide.rename(index=ENUMS["channel"].labels.text, columns=kind_label)
    ax = chart_axes(ax, (8, 4))
    wide = wide.astype("float64").dropna(how="all")
    ax.set_title(title)
    if wide.empty:
        ax.text(0.5, 0.5, Label("No data yet", "暂无数据").text, ha="center", va="center", transform=ax.transAxes)
        return ax
    wide.plot.bar(ax=ax, rot=0, color=PALETTE[: wide.shape[1]])
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(Label("Channel", "渠道").text)
    ax.legend(title=Label("Campaign kind", "活动类型").text, loc="upper left", bbox_to_anchor=(1, 1))
    return ax


def response_rate_chart(by_channel: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Response rate by channel and campaign kind, from :func:`~labkit.reports.response_by_channel` summed over periods."""
    sums = by_channel.groupby(["kind", "channel"])[["targets", "responses"]].sum().reset_index()
    sums["response_rate"] = sums["responses"] / sums["targets"]
    return _bars_by_kind(sums, "response_rate", Label("Response rate by channel", "各渠道响应率").text, ax, percent=True)


def cost_per_attendee_chart(by_channel: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Cost per customer who actually attended, by channel and campaign kind
    (:func:`~labkit.reports.cost_effectiveness_by_channel`)."""
    ax = _bars_by_kind(by_channel, "cost_per_attendee",
                       Label("Cost per attendee by channel", "各渠道每到场客户成本").text, ax)
    ax.set_ylabel(Label("Cost per attendee", "每到场客户成本").text)
    return ax


def funnel_chart(funnel: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """One funnel per row of :func:`~labkit.reports.attendance_funnel`, side by side (到场漏斗).

    Each funnel's bars are as wide as the step's share of its invited companies, labelled with
    the count and the step conversion; the steps are the rows of the y axis.
    """
    rows = funnel.reset_index(drop=True)
    y = np.arange(len(STEPS))[::-1]
    ax = chart_axes(ax, (4.2 * max(len(rows), 1) + 1.2, 3.8))
    for i, row in rows.iterrows():
        centre = i * _FUNNEL_SLOT
        counts = np.array([row[s] for s in STEPS], dtype=float)
        widths = counts / max(counts.max(), 1.0)
        ax.barh(y, widths, left=centre - widths / 2, color=PALETTE[0])
        for yy, step, count, width in zip(y, STEPS, counts, widths):
            rate = row.get(f"{step}_rate")
            known = step != "invited" and pd.notna(rate)
            ax.text(centre + width / 2 + 0.03, yy, f"{int(count):,}" + (f" ({rate:.0%})" if known else ""),
                    ha="left", va="center", fontsize=9)
        ax.text(centre, y[0] + 0.55, f"{row['edition']} · {kind_label(row['kind'])}", ha="center", va="bottom")
    ax.set_yticks(y, [STEP_LABELS.text(s) for s in STEPS])
    ax.set_xlim(-0.55, (max(len(rows), 1) - 1) * _FUNNEL_SLOT + 0.5 + (_FUNNEL_SLOT - 1))
    ax.set_ylim(-0.6, y[0] + 1.1)
    ax.set_xticks([])
    ax.grid(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.set_title(Label("Attendance funnel", "到场漏斗").text)
    return ax


def latest_funnel_chart(funnel: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The funnels of the latest edition in :func:`~labkit.reports.attendance_funnel`."""
    return funnel_chart(funnel.loc[funnel["edition_id"] == funnel["edition_id"].max()], ax=ax)


def simulated_funnel_chart(strategies: Mapping[str, CampaignOutcome], *, ax: Axes | None = None) -> Axes:
    """The funnel of each simulated strategy (营销活动模拟), mean over its runs, one line each on a log scale.

    ``strategies`` maps a strategy's name to :func:`~labkit.reports.simulate_campaign`'s outcome.
    """
    ax = chart_axes(ax, (8, 4))
    for name, outcome in strategies.items():
        steps = list(outcome.funnel.index)
        ax.plot(range(len(steps)), outcome.funnel.mean(axis=1).to_numpy(), marker="o", label=name)
    if strategies:
        ax.set_xticks(range(len(steps)), [header(step) for step in steps])
    ax.set_yscale("log")
    ax.set_ylabel(Label("Companies (log scale)", "企业数(对数刻度)").text)
    ax.set_title(Label("Simulated campaign funnel", "营销活动模拟漏斗").text)
    ax.legend()
    return ax
