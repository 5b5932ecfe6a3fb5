"""Charts inside a widget (控件图表): drawn to a PNG image the widget owns.

A chart drawn by a callback must not rely on ``Output`` capture or on pyplot: a callback may
run on a kernel thread where the capture does not apply (the chart then lands in the Log
Console) and pyplot's current figure is shared with whatever cell is running. So a widget
draws on its own :class:`~matplotlib.figure.Figure` and puts the PNG into an ``Image`` widget.
"""
from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import ipywidgets as widgets
from matplotlib.figure import Figure

__all__ = ["chart_image", "draw_chart"]


def chart_image(css_class: str = "labkit-chart") -> widgets.Image:
    """An empty image widget for a chart, as wide as the chart and no wider than the page."""
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", width="auto"))
    image.add_class(css_class)
    return image


def draw_chart(image: widgets.Image, draw: Callable[[Figure], object]) -> None:
    """Let ``draw`` fill a fresh figure (not pyplot's) and show it as PNG in ``image``."""
    figure = Figure()
    draw(figure)
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    image.value = buffer.getvalue()
