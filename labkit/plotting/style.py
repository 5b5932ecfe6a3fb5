"""The kit's one chart style: labels in the display language and a CJK-capable font (图表样式)."""
from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib import font_manager
from matplotlib.figure import Figure

from labkit.i18n import course_term
from labkit.plotting.fonts import FONT_FAMILY, font_path
from labkit.world.schema import ENUMS

PALETTE = ["#1f5f8b", "#e07b39", "#3a9d5d", "#c8453c", "#7b5ea7", "#8c6d46", "#d17fb8", "#6f7f8f"]


def use_style() -> None:
    """Register the CJK font and set the kit's chart style. Safe to call many times."""
    font_manager.fontManager.addfont(str(font_path()))
    mpl.rcParams.update({
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
    })


def bilingual(en: str, zh: str) -> str:
    """A label given in English and Chinese, shown in the display language:
    ``bilingual("Buyers", "采购商")`` is 采购商 in zh_CN, Buyers in en_US, 바이어 in ko_KR."""
    return course_term(en, zh)


def enum_label(enum_name: str, code: str) -> str:
    """Label of an enumeration code in the display language: ``enum_label("role", "buyer")`` is 采购商 in zh_CN."""
    return ENUMS[enum_name].labels.text(code)


def chart_figure(figsize: tuple[float, float], figure: Figure | None = None) -> Figure:
    """A new pyplot figure (shown under a lesson cell), or ``figure`` resized to ``figsize``.

    Widgets pass a figure of their own (not pyplot's), so a chart drawn in a widget
    callback never shows up elsewhere.
    """
    if figure is None:
        return plt.figure(figsize=figsize)
    figure.set_size_inches(*figsize)
    return figure
