"""Single-customer CLV with inputs 6 and 7 (brand switching, Pfeifer & Carraway 2000), against hand work."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from labkit import clv
from labkit.errors import UsageError


def test_hand_computed_case() -> None:
    # p(ours|ours) 0.8, p(ours|rival) 0.3, margin 100, 10 %, 3 years, end of period.
    # bought ours last: P(ours) in years 1-3 = 0.8, 0.70, 0.65; the rival's last: 0.3, 0.45, 0.525
    assert clv.brand_switching_clv(1, 100, 0.1, 3, "ours", 0.8, 0.3) == pytest.approx(
        80 / 1.1 + 70 / 1.1**2 + 65 / 1.1**3)
    assert clv.brand_switching_clv(1, 100, 0.1, 3, "rival", 0.8, 0.3) == pytest.approx(
        30 / 1.1 + 45 / 1.1**2 + 52.5 / 1.1**3)
    assert round(clv.brand_switching_clv(1, 100, 0.1, 3, "ours", 0.8, 0.3), 2) == 179.41
    # 2 purchases of 50 a period is the same margin of 100
    assert clv.brand_switching_clv(2, 50, 0.1, 3, "ours", 0.8, 0.3) == pytest.approx(179.41397, abs=1e-4)


def test_unlimited_horizon_solves_the_value_equations() -> None:
    # by hand, first margin now: v_o = 100 + (0.8 v_o + 0.2 v_r)/1.1, v_r = (0.3 v_o + 0.7 v_r)/1.1
    # -> v_r = 0.75 v_o, 0.15 v_o = 110: v_o = 733.33, v_r = 550; end of period: minus this period's 100
    assert clv.brand_switching_clv(1, 100, 0.1, None, "ours", 0.8, 0.3, first_margin_now=True) == pytest.approx(2200 / 3)
    assert clv.brand_switching_clv(1, 100, 0.1, None, "rival", 0.8, 0.3, first_margin_now=True) == pytest.approx(550)
    assert clv.brand_switching_clv(1, 100, 0.1, None, "ours", 0.8, 0.3) == pytest.approx(1900 / 3)
    long = clv.brand_switching_clv(1, 100, 0.1, 400, "ours", 0.8, 0.3)
    assert long == pytest.approx(1900 / 3)


@pytest.mark.parametrize("retention, periods", [(0.7, 5), (0.9, 12), (0.5, 1)])
def test_no_way_back_is_the_retention_model(retention: float, periods: int) -> None:
    for now in (False, True):
        assert clv.brand_switching_clv(1, 100, 0.08, periods, "ours", retention, 0.0, first_margin_now=now) == \
            pytest.approx(clv.customer_clv(100, retention, 0.08, periods, first_margin_now=now))
    assert clv.brand_switching_clv(1, 100, 0.08, periods, "rival", retention, 0.0) == 0


def test_first_margin_now_is_this_period_plus_one_period_less() -> None:
    p = clv.transition_matrix(0.6, 0.25)
    now = clv.migration_clv(p, [100, 0], 0.1, 4, first_margin_now=True)
    later = clv.migration_clv(p, [100, 0], 0.1, 3)
    np.testing.assert_allclose(now, np.array([100, 0]) + later)


def test_quarterly_periods_use_the_quarterly_rate() -> None:
    q = clv.periodic_rate(0.1, 4)
    assert clv.brand_switching_clv(1, 25, 0.1, 8, "ours", 0.9, 0.2, periods_per_year=4) == pytest.approx(
        clv.migration_clv(clv.transition_matrix(0.9, 0.2), [25, 0], q, 8)[0])


@pytest.mark.parametrize("call, message", [
    (lambda: clv.brand_switching_clv(1, 100, 0.1, 3, "theirs", 0.8, 0.3), "brand bought last"),
    (lambda: clv.brand_switching_clv(1, 100, 0.1, 3, "ours", 1.2, 0.3), "probability"),
    (lambda: clv.migration_clv([[0.5, 0.4], [0.2, 0.8]], [1, 0], 0.1, 3), "add up to 1"),
    (lambda: clv.migration_clv([[1.0]], [1, 0], 0.1, 3), "square"),
    (lambda: clv.migration_clv([[1.0]], [1], 0.0, None), "discount rate above 0"),
    (lambda: clv.brand_switching_clv(1, 100, 0.1, -1, "ours", 0.8, 0.3), "whole number"),
])
def test_bad_input_is_one_sentence(call, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        call()


def test_switching_rates_count_a_hand_made_fair() -> None:
    # three editions of one fair; exhibitor 1 comes to 1 and 3, exhibitor 2 to 2 only, 3 to all three
    editions = pd.DataFrame({"edition_id": [1, 2, 3], "exhibition_id": [1, 1, 1],
                             "start_date": pd.to_datetime(["2024-04-01", "2024-10-01", "2025-04-01"])})
    bookings = pd.DataFrame({"org_id": [1, 1, 2, 3, 3, 3, 3], "edition_id": [1, 3, 2, 1, 2, 3, 3],
                             "status": ["confirmed"] * 6 + ["cancelled"], "price": [1.0] * 7})
    registrations = pd.DataFrame({"org_id": pd.Series([], dtype="int64"), "edition_id": pd.Series([], dtype="int64"),
                                  "status": pd.Series([], dtype="object")})
    world = SimpleNamespace(tables={"editions": editions, "booth_bookings": bookings, "registrations": registrations})
    rates = clv.switching_rates(world)
    # 1: ours->rival, rival->ours; 2 (first at edition 2): ours->rival; 3: ours->ours twice
    assert rates.counts.loc["ours"].tolist() == [2, 2] and rates.counts.loc["rival"].tolist() == [1, 0]
    assert rates.p_ours_after_ours == 0.5 and rates.p_ours_after_rival == 1.0


def test_switching_rates_on_the_world(default_world) -> None:
    rates = clv.switching_rates(default_world)
    assert 0 < rates.p_ours_after_rival < rates.p_ours_after_ours < 1  # loyal customers come back more
    assert int(rates.counts.to_numpy().sum()) > 1000
