"""Charts of customer lifetime value (客户终身价值图表): value by period, and what drives it."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from labkit.i18n import Label
from labkit.plotting.canvas import chart_axes
from labkit.plotting.style import PALETTE
from labkit.world.schema import ENUMS

__all__ = ["clv_curve_chart", "tornado_chart", "value_concentration_chart"]


def clv_curve_chart(curve: pd.DataFrame, *, limit: float | None = None, title: str | None = None,
                    ax: Axes | None = None) -> Axes:
    """Bars: each period's discounted margin; line: CLV so far; dashed: ``limit``, the endless-horizon value.

    ``curve`` has the columns ``period``, ``present_value`` and ``clv`` (cumulative), as the
    CLV explorer's ``explorer_view(...).curve``.
    """
    ax = chart_axes(ax, (8, 4))
    ax.bar(curve["period"], curve["present_value"], alpha=0.5,
           label=Label("Present value of the period", "当期现值").text)
    ax.plot(curve["period"], curve["clv"], marker="o", label=Label("CLV so far", "累计终身价值").text)
    if limit is not None:
        ax.axhline(limit, linestyle="--", color="black", linewidth=1, label=Label("Endless horizon", "无限期").text)
    ax.set_xlabel(Label("Period", "期数").text)
    ax.set_ylabel(Label("Value", "价值").text)
    ax.set_title(title or Label("Customer lifetime value by period", "各期客户终身价值").text, fontsize=10)
    ax.legend(loc="center right")
    return ax


def tornado_chart(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars of a :func:`~labkit.clv.tornado_data` table around the base CLV (龙卷风图), widest on top."""
    base = data.attrs.get("base_clv", 0.0)
    order = data.iloc[::-1]  # widest bar on top
    ax = chart_axes(ax, (8, 0.6 * len(order) + 1.8))
    low_label, high_label = Label("Low input", "低值").text, Label("High input", "高值").text
    for y, row in enumerate(order.itertuples()):
        ax.barh(y, row.clv_low - base, left=base, color=PALETTE[3], label=low_label if y == 0 else None)
        ax.barh(y, row.clv_high - base, left=base, color=PALETTE[2], label=high_label if y == 0 else None)
        for value, clv in ((row.low, row.clv_low), (row.high, row.clv_high)):
            left = clv < base or (clv == base and value == row.low)
            ax.text(clv, y, f" {value:g} ", ha="right" if left else "left", va="center", fontsize=8)
    ax.set_yticks(range(len(order)), list(order["label"]))
    ax.axvline(base, color="black", linewidth=1)
    ax.set_xlabel(Label("CLV", "客户终身价值").text)
    ax.set_title(Label("What drives CLV", "客户终身价值的敏感性").text)
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return ax


def value_concentration_chart(values: pd.DataFrame, *, top_share: float = 0.2, by: str = "lifetime_value",
                              ax: Axes | None = None) -> Axes:
    """Where the value is (价值集中度): the share of a role's total value held by its most valuable customers.

    One curve per role of ``values`` (e.g. :func:`~labkit.clv.world_clv`): customers sorted by ``by``,
    most valuable first, against the running share of the role's total; a dotted line at ``top_share``.
    With negative-value customers the curve rises above 100 % before it falls back to it.
    """
    ax = chart_axes(ax, (8, 4.5))
    for role, part in values.groupby("role", observed=True):
        ordered = part[by].sort_values(ascending=False).to_numpy(dtype="float64")
        customers = [(i + 1) / len(ordered) for i in range(len(ordered))]
        ax.plot(customers, ordered.cumsum() / ordered.sum(), label=ENUMS["role"].labels.text(str(role)))
    ax.axvline(top_share, color="grey", linestyle=":",
               label=Label("Top {share:.0%} of customers", "前 {share:.0%} 客户").text.format(share=top_share))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(Label("Share of customers, most valuable first", "客户占比(按价值从高到低)").text)
    ax.set_ylabel(Label("Share of the total value", "价值累计占比").text)
    ax.set_title(Label("Where the value is", "价值集中在哪里").text)
    ax.legend()
    return ax
