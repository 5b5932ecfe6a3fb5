"""Word-of-mouth value and CLV sensitivity (tables, tornado data and chart)."""
from __future__ import annotations

from fractions import Fraction as F

import matplotlib
import numpy as np
import pytest

from labkit.clv.sensitivity import sensitivity_table, tornado_data
from labkit.clv.word_of_mouth import word_of_mouth_value
from labkit.plotting import tornado_chart

matplotlib.use("Agg")

BASE = {"margin": 100, "retention": 0.8, "discount_rate": 0.1, "periods": 10}


def test_word_of_mouth_hand_example() -> None:
    # 5 % of 200 people reached buy, 3,000 each: 0.05 x 200 x 3000 = 30,000
    assert word_of_mouth_value(0.05, 200, 3000) == pytest.approx(30_000)
    assert word_of_mouth_value(F(1, 20), 200, 3000) == 30_000


def test_word_of_mouth_on_columns() -> None:
    out = word_of_mouth_value(np.array([0.1, 0.0]), np.array([10, 99]), np.array([50.0, 10.0]))
    assert out.tolist() == [50.0, 0.0]


@pytest.mark.parametrize("args, words", [
    ((1.5, 10, 10), "between 0 and 1"),
    ((-0.1, 10, 10), "between 0 and 1"),
    ((0.1, -3, 10), "negative"),
    ((0.1, 3, float("nan")), "missing"),
])
def test_word_of_mouth_rejects_impossible_inputs(args, words) -> None:
    with pytest.raises(ValueError, match=words):
        word_of_mouth_value(*args)


def test_sensitivity_table_changes_one_input_at_a_time() -> None:
    table = sensitivity_table(BASE, {"retention": [0.7, 0.8, 0.9], "periods": [5]})
    assert list(table["input"]) == ["retention", "retention", "retention", "periods"]
    # the base value gives no change; the series summed by hand gives each row
    assert table.loc[1, "change"] == pytest.approx(0)
    for row in table.itertuples():
        inputs = {**BASE, row.input: row.value}
        q = inputs["retention"] / (1 + inputs["discount_rate"])
        by_hand = sum(inputs["margin"] * q**t for t in range(1, inputs["periods"] + 1))
        assert row.clv == pytest.approx(by_hand)
    assert table["clv"].iloc[:3].is_monotonic_increasing


def test_tornado_widest_swing_first_and_margin_is_linear() -> None:
    data = tornado_data(BASE, {"margin": (80, 120), "retention": (0.6, 0.95), "discount_rate": (0.05, 0.15)})
    assert list(data["swing"]) == sorted(data["swing"], reverse=True)
    base = data.attrs["base_clv"]
    margin = data.set_index("input").loc["margin"]
    assert margin["swing"] == pytest.approx(0.4 * base)  # CLV is proportional to margin
    assert data.set_index("input").loc["discount_rate", "clv_high"] < base


def test_unknown_input_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown input"):
        tornado_data(BASE, {"churn": (0.1, 0.2)})
    with pytest.raises(ValueError, match="below 1"):
        sensitivity_table({**BASE, "retention": 1.2}, {"margin": [1]})


def test_tornado_chart_draws_a_bar_pair_per_input() -> None:
    data = tornado_data(BASE, {"margin": (80, 120), "retention": (0.6, 0.95)})
    ax = tornado_chart(data)
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()] == list(data["label"].iloc[::-1])
