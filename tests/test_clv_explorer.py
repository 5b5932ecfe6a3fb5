"""The CLV explorer: the pure view function and the live widget."""
from __future__ import annotations

import matplotlib
import pytest

from labkit.clv.formulas import customer_clv
from labkit.plotting import clv_curve_chart
from labkit.widgets.clv_explorer import CLVExplorer, explorer_view

matplotlib.use("Agg")


def test_view_hand_example() -> None:
    view = explorer_view(100, 0.8, 0.1, 3)
    assert view.clv == pytest.approx(218400 / 1331)        # 100 (8/11 + 64/121 + 512/1331)
    assert view.limit == pytest.approx(800 / 3)            # 100 x 0.8 / 0.3
    assert view.curve["present_value"].tolist() == pytest.approx([800 / 11, 6400 / 121, 51200 / 1331])
    now = explorer_view(100, 0.8, 0.1, 3, first_margin_now=True)
    assert now.limit == pytest.approx(100 * 1.1 / 0.3)     # m (1 + d) / (1 + d - r)
    assert "CLV" in view.headline and "266.67" in view.headline


@pytest.mark.parametrize("now", [False, True])
def test_curve_is_the_clv_at_every_horizon(now) -> None:
    view = explorer_view(250.0, 0.65, 0.07, 25, first_margin_now=now)
    expected = [customer_clv(250.0, 0.65, 0.07, t, first_margin_now=now) for t in range(1, 26)]
    assert view.curve["clv"].tolist() == pytest.approx(expected)
    assert view.curve["clv"].iloc[-1] < view.limit


@pytest.mark.parametrize("args, words", [
    ((100, 1.0, 0.1, 5), "below 1"),
    ((100, 0.5, -1.0, 5), "-100%"),
    ((100, 0.5, 0.1, 0), "1 or more"),
])
def test_impossible_settings_raise(args, words) -> None:
    with pytest.raises(ValueError, match=words):
        explorer_view(*args)


def test_widget_updates_when_a_slider_moves() -> None:
    explorer = CLVExplorer(margin=100, retention=0.8, discount_rate=0.1, horizon=3)
    before = explorer.view.clv
    explorer.retention.value = 0.9
    assert explorer.view.clv > before
    explorer.horizon.value = 40
    assert explorer.view.curve["period"].max() == 40
    assert explorer.view.clv == pytest.approx(customer_clv(100, 0.9, 0.1, 40))


def test_rate_sliders_read_in_percent() -> None:
    """The browser writes a slider's readout with d3-format; ".0%" gives 0.6 -> "60%" (the browser
    test reads it on screen). Here: both rates use it, the margin and horizon keep plain figures."""
    explorer = CLVExplorer(margin=100, retention=0.6, discount_rate=0.08, horizon=3)
    assert (explorer.retention.readout_format, explorer.discount_rate.readout_format) == (".0%", ".0%")
    assert explorer.retention.step == explorer.discount_rate.step == 0.01, "a whole percent per step: no hidden decimals"
    assert explorer.margin.readout_format != ".0%" and explorer.horizon.readout_format == "d"


def test_chart_has_a_bar_per_period_and_the_curve() -> None:
    view = explorer_view(1000, 0.8, 0.1, 12)
    ax = clv_curve_chart(view.curve, limit=view.limit, title=view.headline)
    assert len(ax.patches) == 12
    assert len(ax.lines) == 2  # CLV so far + endless horizon
