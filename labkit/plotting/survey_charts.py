"""Charts of satisfaction surveys and complaints (满意度与投诉图表).

- :func:`diverging_likert_chart`: diverging stacked bars (发散堆积条形图), one bar per item,
  dissatisfied answers to the left of zero, satisfied to the right, the neutral answer split
  half and half across zero. A picture of an ordinal distribution, not of a mean.
- :func:`ipa_chart`: the importance-performance quadrant chart, crosshairs where the
  :class:`~labkit.surveys.ipa.IPAResult` says (mean of means by default).
- :func:`pareto_chart`: complaint counts as bars, largest first, with the cumulative share.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.ticker import FuncFormatter

from labkit.i18n import Label
from labkit.plotting.canvas import chart_axes
from labkit.surveys.ipa import QUADRANTS, IPAResult
from labkit.surveys.questionnaire import Scale
from labkit.world.schema import LIKERT_ITEMS

__all__ = ["diverging_likert_chart", "ipa_chart", "item_label", "pareto_chart"]

NEGATIVE, NEUTRAL, POSITIVE = "#c8453c", "#bdbdbd", "#1f5f8b"


def item_label(column: str) -> str:
    """The wording of a Likert item column in the display language (场馆与展厅 in zh_CN, Venue and halls in en_US)."""
    return LIKERT_ITEMS[column].wording.text if column in LIKERT_ITEMS else column


def _level_colours(levels: list[int]) -> list[tuple[float, float, float, float]]:
    """Red shades below the midpoint, grey at it, blue shades above."""
    mid = (levels[0] + levels[-1]) / 2
    colours = []
    for level in levels:
        distance = abs(level - mid) / (mid - levels[0])
        base = NEGATIVE if level < mid else POSITIVE if level > mid else NEUTRAL
        rgb = np.array(to_rgb(base))
        alpha = 1.0 if level == mid else 0.45 + 0.55 * distance
        colours.append((*rgb, alpha))
    return colours


def diverging_likert_chart(distribution: pd.DataFrame, *, scale: Scale | None = None, title: str | None = None,
                           ax: Axes | None = None) -> Axes:
    """Diverging stacked bars of an :func:`~labkit.surveys.item_distribution` table (shares per answer);
    ``scale`` names the answers in the legend."""
    levels = [c for c in distribution.columns if c != "n"]
    shares = distribution[levels].astype("float64")
    mid = (levels[0] + levels[-1]) / 2
    below = shares[[lv for lv in levels if lv < mid]].sum(axis=1)
    half_neutral = shares[mid] / 2 if mid in levels else 0.0
    left = -(below + half_neutral)
    ax = chart_axes(ax, (9, 0.45 * len(shares) + 1.8))
    names = [f"{item_label(c)} (n={n})" for c, n in zip(shares.index, distribution["n"])]
    legend = {p.value: Label(p.en, p.zh).text for p in scale.labels} if scale else {}
    for level, colour in zip(levels, _level_colours(levels)):
        ax.barh(names, shares[level], left=left, color=colour, label=legend.get(level, str(level)))
        left = left + shares[level]
    ax.axvline(0, color="black", linewidth=0.8)
    ax.invert_yaxis()
    reach_left = float((below + half_neutral).max())
    reach_right = float((1 - below - half_neutral).max())
    ax.set_xlim(-max(reach_left, 0.1) * 1.1, max(reach_right, 0.1) * 1.1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{abs(x):.0%}"))
    ax.set_xlabel(Label("Share of answers (dissatisfied ← | → satisfied)", "回答占比(不满意 ← | → 满意)").text)
    ax.set_title(title or Label("Satisfaction by item", "各题项满意度分布").text, pad=28)
    ax.grid(axis="y", visible=False)
    ax.legend(ncol=len(levels), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=8)
    return ax


def ipa_chart(ipa: IPAResult, *, labels: Mapping[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Importance-performance quadrant chart; the crosshairs are ``ipa.performance_line`` / ``importance_line``;
    ``labels`` names the items (their questionnaire wording by default)."""
    table = ipa.table
    ax = chart_axes(ax, (8.5, 6.5))
    colours = dict(zip(QUADRANTS, ["#c8453c", "#3a9d5d", "#8c8c8c", "#e07b39"]))
    for quadrant, part in table.groupby("quadrant"):
        ax.scatter(part["performance"], part["importance"], color=colours[quadrant], s=50, label=QUADRANTS.text(quadrant))
    for item, row in table.iterrows():
        text = (labels or {}).get(item, item_label(item))
        ax.annotate(text, (row["performance"], row["importance"]), fontsize=7.5, xytext=(4, 3), textcoords="offset points")
    ax.axvline(ipa.performance_line, color="black", linewidth=0.8, linestyle="--")
    ax.axhline(ipa.importance_line, color="black", linewidth=0.8, linestyle="--")
    kind = ("derived: Spearman r with overall", "推导:与总体满意度的相关") if ipa.importance_kind == "derived" else ("stated", "陈述")
    ax.set_xlabel(Label("Performance (mean satisfaction)", "绩效(平均满意度)").text)
    ax.set_ylabel(f"{Label('Importance', '重要性').text} ({Label(*kind).text})")
    ax.set_title(Label("Importance-performance analysis", "重要性-绩效分析").text)
    ax.legend(fontsize=8, loc="best")
    return ax


def pareto_chart(table: pd.DataFrame, *, labels: Mapping[str, str] | None = None, title: str | None = None,
                 ax: Axes | None = None) -> Axes:
    """Bars of a :func:`~labkit.complaints.pareto_table` with its cumulative share line; vital few in colour.

    The share line is on a twin Axes (``ax.twinx()``) of the same figure; ``labels`` names the categories.
    """
    ax = chart_axes(ax, (9, 4.8))
    names = [(labels or {}).get(i, str(i)) for i in table.index]
    colours = [NEGATIVE if vital else NEUTRAL for vital in table["vital_few"]]
    ax.bar(names, table["complaints"], color=colours)
    ax.set_ylabel(Label("Complaints", "投诉数").text)
    ax.tick_params(axis="x", rotation=35)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    line = ax.twinx()
    line.plot(names, table["cumulative_share"], color="black", marker="o")
    line.axhline(0.8, color="black", linewidth=0.8, linestyle=":")
    line.set_ylim(0, 1.05)
    line.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:.0%}"))
    line.set_ylabel(Label("Cumulative share", "累计占比").text)
    line.grid(False)
    ax.set_title(title or Label("Complaints by category (Pareto)", "投诉类别帕累托图").text)
    return ax
