"""Charts of customer classification (客户分类图表): how many customers fall in each category."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from labkit.classification.dimensions import role_view
from labkit.classification.titles import ROLE_TITLES, TITLES
from labkit.classification.value_matrix import VALUE_LABELS
from labkit.i18n import Label
from labkit.plotting.canvas import chart_axes
from labkit.plotting.numbers import share
from labkit.plotting.style import PALETTE

__all__ = ["classification_chart", "role_share_chart", "value_matrix_chart"]


def classification_chart(table: pd.DataFrame, *, title: Label | None = None, role: str = "total",
                         ax: Axes | None = None) -> Axes:
    """Horizontal bars of one role's counts per category, each bar labelled with its share (分类条形图).

    ``table`` is a composition table with a ``label`` column (``composition_table``); ``title`` is a
    :class:`~labkit.i18n.Label`, e.g. ``TITLES["loyalty"]``; ``role`` is ``total``, ``exhibitor`` or ``buyer``.
    """
    view = role_view(table, role)
    ax = chart_axes(ax, (8, 0.45 * len(view) + 1.5))
    bars = ax.barh(view["label"], view["count"])
    ax.invert_yaxis()  # first category on top, as in the table
    ax.margins(x=0.12)  # room for the share labels right of the longest bar
    ax.bar_label(bars, labels=[share(s, 0) for s in view["share"]], padding=3)
    ax.set_xlabel(Label("Customers", "客户数").text)
    whose = ROLE_TITLES.text(role)
    ax.set_title(f"{title.text} - {whose}" if title else whose)
    ax.grid(axis="y", visible=False)
    return ax


def role_share_chart(table: pd.DataFrame, *, title: Label | None = None, ax: Axes | None = None) -> Axes:
    """Exhibitors and buyers side by side: each category's share of the role (分角色构成), from a
    composition table (``composition_table``), so two roles of different sizes compare."""
    ax = chart_axes(ax, (7, 0.5 * len(table) + 1.5))
    shares = table.set_index("label")[["exhibitor_share", "buyer_share"]]
    shares = shares.set_axis([ROLE_TITLES.text("exhibitor"), ROLE_TITLES.text("buyer")], axis=1)
    shares.plot.barh(ax=ax, color=PALETTE[:2])
    ax.invert_yaxis()  # first category on top, as in the table
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(Label("Share of the role", "占该角色比例").text)
    ax.set_ylabel("")
    if title is not None:
        ax.set_title(title.text)
    ax.grid(axis="y", visible=False)
    return ax


def value_matrix_chart(matrix: pd.DataFrame, *, currency: str | None = None, title: str | None = None,
                       ax: Axes | None = None) -> Axes:
    """The value matrix (客户价值矩阵) as a scatter: current value across, potential value up, a colour per quadrant.

    ``matrix`` is :func:`~labkit.classification.value_matrix`'s result (for one role: the medians
    drawn as dashed lines are of the customers shown); ``currency`` names the unit of the current value.
    """
    ax = chart_axes(ax, (8, 6))
    for code, label in VALUE_LABELS.items():
        part = matrix[matrix["segment"] == code]
        ax.scatter(part["current_value"], part["potential_value"], s=10, alpha=0.6, label=label.text)
    ax.axvline(matrix["current_value"].median(), color="grey", linestyle="--")
    ax.axhline(matrix["potential_value"].median(), color="grey", linestyle="--")
    ax.set_xscale("symlog", linthresh=10_000)
    unit = f" ({currency})" if currency else ""
    ax.set_xlabel(Label("Current value", "当前价值").text + unit)
    ax.set_ylabel(Label("Potential value (0-1)", "潜在价值").text)
    ax.set_title(title or TITLES.text("value_matrix"))
    ax.legend(loc="lower left", fontsize=8)
    return ax
