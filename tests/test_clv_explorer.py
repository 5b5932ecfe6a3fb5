"""The CLV explorer: the pure view function and the live widget."""
from __future__ import annotations

import re

import matplotlib
import pytest

from labkit.clv.formulas import customer_clv
from labkit.errors import UsageError
from labkit.plotting import clv_curve_chart
from labkit.widgets.clv_explorer import CLVExplorer, explorer_view
from labkit.widgets.rate_slider import typed_rate

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
    """A rate's box reads its share in percent and follows the slider; the slider's own readout (which
    would parse a typed "70" as 70) is hidden; the margin and horizon keep plain figures."""
    explorer = CLVExplorer(margin=100, retention=0.6, discount_rate=0.08, horizon=3)
    assert (explorer.retention.box.value, explorer.discount_rate.box.value) == ("60%", "8%")
    assert not explorer.retention.slider.readout and not explorer.discount_rate.slider.readout
    assert explorer.retention.slider.step == explorer.discount_rate.slider.step == 0.01, "a whole percent per step"
    explorer.retention.value = 0.35
    assert explorer.retention.box.value == "35%"
    assert explorer.margin.readout and explorer.horizon.readout_format == "d"


@pytest.mark.parametrize("text", ["70", "70%", "70 %", " 70 ", "0.7", ".7", "70.4", "69.5%", "７０", "７０％", "０.７", "０．７"])
def test_a_typed_rate_is_a_percentage(text: str) -> None:
    """What a student types means percent (a share below 1 is read as the formulas write it);
    full-width digits from a Chinese keyboard count; the step is a whole percent."""
    assert typed_rate(text, 0, 0.99, "Retention") == 0.7


@pytest.mark.parametrize("text, rate", [("0", 0.0), ("1", 0.01), ("99", 0.99), ("1%", 0.01), ("0.05", 0.05),
                                        ("12.5", 0.13), ("0.4%", 0.0)])
def test_typed_rate_edges(text: str, rate: float) -> None:
    assert typed_rate(text, 0, 0.99, "Retention") == rate


@pytest.mark.parametrize("text, words", [("120", "from 0% to 99%; 120% was not taken"),
                                         ("99.6", "99.6% was not taken"), ("-5", "-5% was not taken"),
                                         ("abc", "type a percentage such as 70 or 70%, not “abc”"),
                                         ("0,7", "not “0,7”"), ("", "not “”"), ("70%%", "not “70%%”")])
def test_a_typed_rate_out_of_range_or_not_a_number_is_refused(text: str, words: str) -> None:
    with pytest.raises(UsageError, match=re.escape(words)):
        typed_rate(text, 0, 0.99, "Retention")


def test_typing_into_a_rate_box_moves_the_slider_or_explains_the_refusal() -> None:
    explorer = CLVExplorer(margin=100, retention=0.8, discount_rate=0.1, horizon=3)
    explorer.retention.box.value = "70"
    assert explorer.retention.value == 0.7 and explorer.retention.box.value == "70%"
    assert explorer.view.clv == pytest.approx(customer_clv(100, 0.7, 0.1, 3)) and explorer.status.value == ""
    explorer.discount_rate.box.value = "60%"
    assert explorer.discount_rate.value == 0.1 and explorer.discount_rate.box.value == "10%", "refused: unchanged"
    assert "Discount rate goes from 0% to 50%; 60% was not taken." in explorer.status.value
    explorer.discount_rate.box.value = "５"
    assert explorer.discount_rate.value == 0.05 and explorer.status.value == "", "a good entry clears the message"


def test_chart_has_a_bar_per_period_and_the_curve() -> None:
    view = explorer_view(1000, 0.8, 0.1, 12)
    ax = clv_curve_chart(view.curve, limit=view.limit, title=view.headline)
    assert len(ax.patches) == 12
    assert len(ax.lines) == 2  # CLV so far + endless horizon
