"""Where a chart draws (画布): the Axes the caller passes, or a new figure; charts as PNG images.

Every chart of the kit follows one contract, as in seaborn: ``chart(data, *, ax=None, ...) -> Axes``.
It draws on ``ax`` when given (the figure keeps its size and layout: it belongs to the caller),
otherwise on a new figure of the chart's own size: pyplot's, shown under a lesson cell, or,
inside :func:`chart_png`, a figure of its own that pyplot never sees. No chart function changes
rcParams: a lesson calls :func:`~labkit.plotting.use_style` once, :func:`chart_png` draws in the
kit's style and restores what was there.
"""
from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from io import BytesIO

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from labkit.plotting.style import chart_style

__all__ = ["chart_axes", "chart_png"]

#: True while chart_png() draws: new figures are then the caller's own, not pyplot's.
_OWN_FIGURES: ContextVar[bool] = ContextVar("labkit_own_figures", default=False)


def chart_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """The Axes a chart draws on: ``ax`` as given, else the Axes of a new figure of ``figsize``."""
    if ax is not None:
        return ax
    if _OWN_FIGURES.get():
        return Figure(figsize=figsize, layout="tight").add_subplot()
    import matplotlib.pyplot as plt  # only lessons' charts go through pyplot (shown under the cell)

    return plt.figure(figsize=figsize, layout="tight").add_subplot()


def chart_png(draw: Callable[[], Axes], dpi: float | None = None) -> bytes:
    """The chart ``draw()`` returns, as PNG bytes, drawn in the kit's style on a figure pyplot never sees.

    Widgets (a callback may run on any kernel thread, while a cell uses pyplot) and the HTML report
    use it: ``chart_png(lambda: kpi_chart(kpis))``.
    """
    token = _OWN_FIGURES.set(True)
    try:
        with mpl.rc_context(chart_style()):
            ax = draw()
            figure = ax.figure
            root = figure.figure if isinstance(figure, SubFigure) else figure  # an Axes in a SubFigure
            buffer = BytesIO()
            root.savefig(buffer, format="png", dpi=dpi)
    finally:
        _OWN_FIGURES.reset(token)
    return buffer.getvalue()
