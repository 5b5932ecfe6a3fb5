"""CLV explorer: sliders for margin, retention, discount rate and horizon (客户终身价值探索器).

``explorer_view`` is the pure function behind the widget: what the curve and the headline
number show for one setting of the sliders. The widget only draws it.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from labkit.clv.formulas import check_discount_rate, check_retention, margin_multiple
from labkit.plotting import bilingual, use_style


@dataclass(frozen=True)
class ExplorerView:
    """What the explorer displays: the value by horizon and the headline figures."""

    curve: pd.DataFrame      # period, present_value (of that period's margin), clv (cumulative)
    clv: float               # CLV over the chosen horizon
    limit: float             # CLV with an endless horizon (margin multiple)

    @property
    def headline(self) -> str:
        share = self.clv / self.limit if self.limit else float("nan")
        return (f"CLV 客户终身价值 = {self.clv:,.2f}  ·  endless horizon 无限期 = {self.limit:,.2f}"
                f"  ·  reached 已实现 {share:.0%}")


def explorer_view(margin: float, retention: float, discount_rate: float, horizon: int,
                  first_margin_now: bool = False) -> ExplorerView:
    """CLV period by period for one slider setting (end-of-period margins unless ``first_margin_now``)."""
    check_retention(retention)
    check_discount_rate(discount_rate)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"the horizon must be a whole number of periods, 1 or more; got {horizon!r}")
    periods = np.arange(1, horizon + 1)
    exponent = periods - 1 if first_margin_now else periods
    present = margin * (retention / (1 + discount_rate)) ** exponent
    curve = pd.DataFrame({"period": periods, "present_value": present, "clv": np.cumsum(present)})
    limit = margin_multiple(margin, retention, discount_rate)
    if first_margin_now:
        limit = margin + limit  # one more margin, received today
    return ExplorerView(curve, float(curve["clv"].iloc[-1]), float(limit))


def explorer_chart(view: ExplorerView) -> Figure:
    """Bars: each period's discounted margin; line: CLV so far; dashed: the endless-horizon value."""
    use_style()
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(view.curve["period"], view.curve["present_value"], alpha=0.5,
           label=bilingual("Present value of the period", "当期现值"))
    ax.plot(view.curve["period"], view.curve["clv"], marker="o", label=bilingual("CLV so far", "累计终身价值"))
    ax.axhline(view.limit, linestyle="--", color="black", linewidth=1, label=bilingual("Endless horizon", "无限期"))
    ax.set_xlabel(bilingual("Period", "期数"))
    ax.set_ylabel(bilingual("Value", "价值"))
    ax.set_title(view.headline, fontsize=10)
    ax.legend(loc="center right")
    fig.tight_layout()
    return fig


class CLVExplorer:
    """Sliders and a live chart; ``CLVExplorer().widget`` in a notebook cell shows it."""

    def __init__(self, margin: float = 1000.0, retention: float = 0.8, discount_rate: float = 0.1,
                 horizon: int = 10) -> None:
        style = {"description_width": "initial"}
        self.margin = widgets.FloatSlider(value=margin, min=0, max=10_000, step=100,
                                          description="Margin 每期利润", style=style)
        self.retention = widgets.FloatSlider(value=retention, min=0, max=0.99, step=0.01,
                                             description="Retention 保持率", style=style)
        self.discount_rate = widgets.FloatSlider(value=discount_rate, min=0, max=0.5, step=0.01,
                                                 description="Discount rate 贴现率", style=style)
        self.horizon = widgets.IntSlider(value=horizon, min=1, max=40, description="Horizon 期数", style=style)
        self.first_margin_now = widgets.Checkbox(value=False, description="First margin now 首期利润立即获得")
        self.output = widgets.Output()
        controls = [self.margin, self.retention, self.discount_rate, self.horizon, self.first_margin_now]
        self.widget = widgets.VBox([*controls, self.output])
        for control in controls:
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

    @property
    def view(self) -> ExplorerView:
        return explorer_view(self.margin.value, self.retention.value, self.discount_rate.value,
                             self.horizon.value, self.first_margin_now.value)

    def refresh(self) -> None:
        self.output.clear_output(wait=True)
        with self.output:
            fig = explorer_chart(self.view)
            display(fig)
            plt.close(fig)

    def _ipython_display_(self) -> None:
        display(self.widget)
