"""The kit's one chart style: labels in the display language and a CJK-capable font (图表样式)."""
from __future__ import annotations

from functools import cache
from typing import Any

import matplotlib as mpl
from cycler import cycler
from matplotlib import font_manager
from matplotlib.typing import RcKeyType

from labkit.plotting.fonts import FONT_FAMILY, font_path

__all__ = ["PALETTE", "chart_style", "use_style"]

PALETTE = ["#1f5f8b", "#e07b39", "#3a9d5d", "#c8453c", "#7b5ea7", "#8c6d46", "#d17fb8", "#6f7f8f"]


@cache
def _register_font() -> None:
    font_manager.fontManager.addfont(str(font_path()))


def chart_style() -> dict[RcKeyType, Any]:
    """The kit's chart style as rcParams (图表样式), after registering the CJK font.

    :func:`use_style` sets it for a whole notebook; :func:`~labkit.plotting.chart_png` draws
    inside it and restores what was there. No chart function changes rcParams.
    """
    _register_font()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,  # the CJK font has no U+2212; use a hyphen
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "figure.dpi": 100,
        "savefig.dpi": 120,
        "savefig.bbox": "tight",
        "figure.figsize": (8, 4.5),
    }


def use_style() -> None:
    """Set the kit's chart style for the rest of the session (at the top of a lesson). Safe to call many times."""
    mpl.rcParams.update(chart_style())


