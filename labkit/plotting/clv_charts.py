"""Charts of customer lifetime value (客户终身价值图表): value by period, and what drives it."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from labkit.plotting.canvas import chart_axes
from labkit.plotting.style import PALETTE, bilingual, enum_label

__all__ = ["clv_curve_chart", "tornado_chart", "value_concentration_chart"]


def clv_curve_chart(curve: pd.DataFrame, *, limit: float | None = None, title: str | None = None,
                    ax: Axes | None = None) -> Axes:
    """Bars: each period's discounted margin; line: CLV so far; dashed: ``limit``, the endless-horizon value.

    ``curve`` has the columns ``period``, ``present_value`` and ``clv`` (cumulative), as the
    CLV explorer's ``explorer_view(...).curve``.
    """
    ax = chart_axes(ax, (8, 4))
    ax.bar(curve["period"], curve["present_value"], alpha=0.5,
           label=bilingual("Present value of the period", "当期现值"))
    ax.plot(curve["period"], curve["clv"], marker="o", label=bilingual("CLV so far", "累计终身价值"))
    if limit is not None:
        ax.axhline(limit, linestyle="--", color="black", linewidth=1, label=bilingual("Endless horizon", "无限期"))
    ax.set_xlabel(bilingual("Period", "期数"))
    ax.set_ylabel(bilingual("Value", "价值"))
    ax.set_title(title or bilingual("Customer lifetime value by period", "各期客户终身价值"), fontsize=10)
    ax.legend(loc="center right")
    return ax


def tornado_chart(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars of a :func:`~labkit.clv.tornado_data` table around the base CLV (龙卷风图), widest on top."""
    base = data.attrs.get("base_clv", 0.0)
    order = data.iloc[::-1]  # widest bar on top
    ax = chart_axes(ax, (8, 0.6 * len(order) + 1.8))
    low_label, high_label = bilingual("Low input", "低值"), bilingual("High input", "高值")
    for y, row in enumerate(order.itertuples()):
        ax.barh(y, row.clv_low - base, left=base, color=PALETTE[3], label=low_label if y == 0 else None)
        ax.barh(y, row.clv_high - base, left=base, color=PALETTE[2], label=high_label if y == 0 else None)
        for value, clv in ((row.low, row.clv_low), (row.high, row.clv_high)):
            left = clv < base or (clv == base and value == row.low)
            ax.text(clv, y, f" {value:g} ", ha="right" if left else "left", va="center", fontsize=8)
    ax.set_yticks(range(len(order)), list(order["label"]))
    ax.axvline(base, color="black", linewidth=1)
    ax.set_xlabel(bilingual("CLV", "客户终身价值"))
    ax.set_title(bilingual("What drives CLV", "客户终身价值的敏感性"))
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
        ax.plot(customers, ordered.cumsum() / ordered.sum(), label=enum_label("role", str(role)))
    ax.axvline(top_share, color="grey", linestyle=":",
               label=bilingual("Top {share:.0%} of customers", "前 {share:.0%} 客户").format(share=top_share))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(bilingual("Share of customers, most valuable first", "客户占比(按价值从高到低)"))
    ax.set_ylabel(bilingual("Share of the total value", "价值累计占比"))
    ax.set_title(bilingual("Where the value is", "价值集中在哪里"))
    ax.legend()
    return ax
