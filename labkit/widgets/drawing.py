"""Charts inside a widget (控件图表): a PNG image the widget owns.

A chart drawn by a callback must not rely on ``Output`` capture or on pyplot: a callback may
run on a kernel thread where the capture does not apply (the chart then lands in the Log
Console) and pyplot's current figure is shared with whatever cell is running. So a widget
draws a kit chart with :func:`labkit.plotting.chart_png` (a figure pyplot never sees) and puts
the PNG into the ``Image`` widget made here: ``image.value = chart_png(lambda: chart(data))``.
"""
from __future__ import annotations

import ipywidgets as widgets

__all__ = ["chart_image"]


def chart_image(css_class: str = "labkit-chart") -> widgets.Image:
    """An empty image widget for a chart, as wide as the chart and no wider than the page."""
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", width="auto"))
    image.add_class(css_class)
    return image
