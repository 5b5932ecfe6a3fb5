"""CLV explorer: sliders for margin, retention, discount rate and horizon (客户终身价值探索器).

``explorer_view`` is the pure function behind the widget: what the curve and the headline
number show for one setting of the sliders. The widget only draws it: the headline to an
HTML line, the chart to an image the widget owns (:mod:`labkit.widgets.drawing`), errors to
its message line. The rate sliders hold shares (0.6), read as the course writes them (``60%``) and
take what a student types in percent (:mod:`labkit.widgets.rate_slider`).
CSS classes: ``labkit-clv-explorer``, ``labkit-clv-<slider>`` (``labkit-rate-box`` in a rate's row),
``labkit-clv-headline``, ``labkit-chart``, ``labkit-status``.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
import numpy as np
import pandas as pd
from IPython.display import display

from labkit.clv.formulas import check_discount_rate, check_retention, margin_multiple
from labkit.errors import UsageError
from labkit.i18n import Label, _
from labkit.plotting import chart_png, clv_curve_chart
from labkit.plotting.numbers import figure as plain_figure
from labkit.plotting.numbers import money, share
from labkit.widgets.drawing import chart_image
from labkit.widgets.messages import message_line, reported_in
from labkit.widgets.rate_slider import RateSlider

__all__ = ["CLVExplorer", "ExplorerView", "explorer_view"]


@dataclass(frozen=True)
class ExplorerView:
    """What the explorer displays: the value by horizon and the headline figures."""

    curve: pd.DataFrame      # period, present_value (of that period's margin), clv (cumulative)
    clv: float               # CLV over the chosen horizon
    limit: float             # CLV with an endless horizon (margin multiple)
    currency: str | None = None  # money formatting of the headline; None: plain figures

    def _amount(self, value: float) -> str:
        return money(value, self.currency) if self.currency else plain_figure(value, 2)

    @property
    def headline(self) -> str:
        reached = share(self.clv / self.limit, 0) if self.limit else "—"
        return _("CLV = {clv} · endless horizon = {limit} · reached {share} of it").format(
            clv=self._amount(self.clv), limit=self._amount(self.limit), share=reached)


def explorer_view(margin: float, retention: float, discount_rate: float, horizon: int,
                  first_margin_now: bool = False, currency: str | None = None) -> ExplorerView:
    """CLV period by period for one slider setting (end-of-period margins unless ``first_margin_now``)."""
    check_retention(retention)
    check_discount_rate(discount_rate)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise UsageError(_("the horizon must be a whole number of periods, 1 or more; got {horizon!r}").format(horizon=horizon))
    periods = np.arange(1, horizon + 1)
    exponent = periods - 1 if first_margin_now else periods
    present = margin * (retention / (1 + discount_rate)) ** exponent
    curve = pd.DataFrame({"period": periods, "present_value": present, "clv": np.cumsum(present)})
    limit = margin_multiple(margin, retention, discount_rate)
    if first_margin_now:
        limit = margin + limit  # one more margin, received today
    return ExplorerView(curve, float(curve["clv"].iloc[-1]), float(limit), currency)


class CLVExplorer:
    """Sliders and a live chart; ``CLVExplorer()`` as the last line of a cell shows it.

    ``currency`` (e.g. ``world.currency``) writes the headline amounts as money.
    """

    def __init__(self, margin: float = 1000.0, retention: float = 0.8, discount_rate: float = 0.1,
                 horizon: int = 10, currency: str | None = None) -> None:
        self.currency = currency
        style = {"description_width": "11em"}  # one width: the slider tracks line up
        self.status = message_line("labkit-status")
        self.margin = widgets.FloatSlider(value=margin, min=0, max=10_000, step=100,
                                          description=Label("Margin", "每期利润").text, style=style)
        self.retention = RateSlider(retention, 0, 0.99, Label("Retention", "保持率").text, self.status, style)
        self.discount_rate = RateSlider(discount_rate, 0, 0.5, Label("Discount rate", "贴现率").text, self.status, style)
        self.horizon = widgets.IntSlider(value=horizon, min=1, max=40, description=Label("Horizon", "期数").text, style=style)
        self.first_margin_now = widgets.Checkbox(value=False, description=Label("First margin now", "首期利润立即获得").text,
                                                 indent=False, layout=widgets.Layout(width="auto"))
        rows: dict[str, widgets.Widget] = {"margin": self.margin, "retention": self.retention.widget,
                                           "discount-rate": self.discount_rate.widget, "horizon": self.horizon,
                                           "first-margin-now": self.first_margin_now}
        for control in (self.margin, self.horizon):
            control.layout.width = "36em"
        for name, row in rows.items():
            row.add_class(f"labkit-clv-{name}")
        for source in (self.margin, self.horizon, self.first_margin_now):
            source.observe(lambda _change: self.refresh(), names="value")
        for rate in (self.retention, self.discount_rate):
            rate.observe(lambda _change: self.refresh())
        self.headline = widgets.HTML()
        self.headline.add_class("labkit-clv-headline")
        self.image = chart_image()
        self.widget = widgets.VBox([*rows.values(), self.status, self.headline, self.image])
        self.widget.add_class("labkit-clv-explorer")
        self.refresh()

    @property
    def view(self) -> ExplorerView:
        """What the sliders give now."""
        return explorer_view(self.margin.value, self.retention.value, self.discount_rate.value,
                             self.horizon.value, self.first_margin_now.value, self.currency)

    def refresh(self) -> None:
        """Redraw the headline and the chart; an impossible setting is explained in the message line."""
        reported_in(self.status)(self._draw)()

    def _draw(self) -> None:
        view = self.view
        self.headline.value = f"<b>{escape(view.headline)}</b>"
        self.image.value = chart_png(lambda: clv_curve_chart(view.curve, limit=view.limit, title=view.headline))
        self.status.value = ""

    def _ipython_display_(self) -> None:
        display(self.widget)
