"""CLV formulas against hand-worked exact fractions, term-by-term series and numpy-financial."""
from __future__ import annotations

from fractions import Fraction as F

import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from labkit.clv.formulas import (
    annuity_factor,
    customer_clv,
    group_clv,
    margin_multiple,
    periodic_rate,
    single_customer_clv,
)

retentions = st.fractions(min_value=0, max_value=F(99, 100), max_denominator=100)
rates = st.fractions(min_value=F(-1, 2), max_value=F(1), max_denominator=100)
margins = st.fractions(min_value=-1000, max_value=1000, max_denominator=10)


def series(margin, retention, rate, periods, first_now=False):
    """The CLV series summed one period at a time (the textbook table)."""
    start = 0 if first_now else 1
    return sum(margin * retention**t / (1 + rate) ** t for t in range(start, start + periods))


# --- hand-worked examples (exact) ---------------------------------------------------

def test_margin_multiple_hand_example() -> None:
    # m = 100, r = 80 %, d = 10 %: 100 x 0.8 / (1.1 - 0.8) = 80 / 0.3 = 266.67
    assert margin_multiple(100, F(4, 5), F(1, 10)) == F(800, 3)


def test_customer_clv_three_years_end_of_period() -> None:
    # q = 0.8 / 1.1 = 8/11: 100 (8/11 + 64/121 + 512/1331) = 218400 / 1331
    assert customer_clv(100, F(4, 5), F(1, 10), 3) == F(218400, 1331)


def test_customer_clv_three_years_first_margin_now() -> None:
    # 100 (1 + 8/11 + 64/121) = 27300 / 121
    assert customer_clv(100, F(4, 5), F(1, 10), 3, first_margin_now=True) == F(27300, 121)


def test_group_clv_four_steps_hand_example() -> None:
    # 1000 customers, 200 lost a year, total annual profit 500,000, discount 10 %
    g = group_clv(1000, 200, 500_000, F(1, 10))
    assert g.churn_rate == F(1, 5)                      # step 1
    assert g.lifetime == 5                              # step 2
    assert g.annual_profit_per_customer == 500          # step 3
    assert g.annuity_factor == F(610510, 161051)        # step 4: (1 - 1.1^-5) / 0.1
    assert g.clv_per_customer == F(305255000, 161051)   # about 1,895.39
    assert g.clv_total == g.clv_per_customer * 1000
    assert set(g.as_dict()) >= {"churn_rate", "lifetime", "annual_profit_per_customer",
                                "annuity_factor", "clv_per_customer", "clv_total"}


def test_group_clv_non_whole_lifetime_matches_numpy_financial() -> None:
    g = group_clv(300, 80, 60_000, 0.08)  # churn 4/15, lifetime 3.75 years
    assert g.lifetime == F(15, 4)
    assert g.annuity_factor == pytest.approx(npf.pv(0.08, 3.75, -1), rel=1e-12)
    assert g.clv_per_customer == pytest.approx(npf.pv(0.08, 3.75, -200), rel=1e-12)


def test_group_clv_zero_discount_is_profit_times_lifetime() -> None:
    g = group_clv(10, 4, 1000, 0)
    assert g.annuity_factor == F(5, 2) and g.clv_per_customer == 250


def test_single_customer_course_form() -> None:
    # 2 purchases a year, 50 profit each, 70 % buy again, 10 % a year, 2 years, yearly periods:
    # margin 100; 100 (0.7/1.1 + 0.49/1.21) = 100 (77 + 49) / 121 = 12600 / 121
    assert single_customer_clv(2, 50, F(7, 10), F(1, 10), 2) == F(12600, 121)


def test_single_customer_quarterly_periods_use_quarterly_rate() -> None:
    quarterly = periodic_rate(0.1, 4)
    assert (1 + quarterly) ** 4 == pytest.approx(1.1)
    value = single_customer_clv(1, 30, 0.9, 0.1, 8, periods_per_year=4)
    assert value == pytest.approx(series(30, 0.9, quarterly, 8))


# --- series vs closed forms ---------------------------------------------------------

@given(margins, retentions, rates, st.integers(min_value=0, max_value=40), st.booleans())
def test_closed_form_equals_series_summed_term_by_term(m, r, d, n, now) -> None:
    assert customer_clv(m, r, d, n, first_margin_now=now) == series(m, r, d, n, now)


@given(margins, retentions, st.fractions(min_value=0, max_value=1, max_denominator=100),
       st.integers(min_value=0, max_value=60))
def test_finite_horizon_is_the_margin_multiple_less_its_tail(m, r, d, n) -> None:
    # what is left after n periods is the margin multiple again, discounted n periods: q^n
    endless = margin_multiple(m, r, d)
    assert endless - customer_clv(m, r, d, n) == (r / (1 + d)) ** n * endless


@given(retentions.filter(lambda r: r > 0), rates, st.integers(min_value=0, max_value=30))
def test_timing_conventions_differ_by_one_period(r, d, n) -> None:
    # moving every cash flow one period later multiplies the value by q = r / (1 + d)
    assert customer_clv(1, r, d, n) == r / (1 + d) * customer_clv(1, r, d, n, first_margin_now=True)


@given(rates, st.integers(min_value=0, max_value=40))
def test_annuity_factor_equals_sum_of_discount_factors(d, n) -> None:
    assert annuity_factor(d, n) == sum(1 / (1 + d) ** t for t in range(1, n + 1))


@given(st.floats(min_value=0.001, max_value=0.5), st.floats(min_value=0, max_value=60))
def test_annuity_factor_matches_numpy_financial(d, n) -> None:
    assert annuity_factor(d, n) == pytest.approx(npf.pv(d, n, -1), rel=1e-9, abs=1e-12)


@given(st.floats(0.05, 0.9), st.floats(0.01, 0.3), st.integers(1, 30))
def test_more_retention_more_value_more_discount_less_value(r, d, n) -> None:
    assert customer_clv(100, min(r + 0.05, 0.99), d, n) >= customer_clv(100, r, d, n)
    assert customer_clv(100, r, d + 0.05, n) <= customer_clv(100, r, d, n)


# --- impossible inputs --------------------------------------------------------------

@pytest.mark.parametrize("call, words", [
    (lambda: margin_multiple(100, 1, 0.1), "below 1"),
    (lambda: margin_multiple(100, -0.1, 0.1), "at least 0"),
    (lambda: margin_multiple(100, 0.8, -1), "-100%"),
    (lambda: margin_multiple(100, 0.8, 10 - 11), "-100%"),
    (lambda: margin_multiple(100, 0.8, -0.5), "never stops growing"),
    (lambda: customer_clv(100, 0.8, 0.1, -1), "whole number"),
    (lambda: customer_clv(100, 0.8, 0.1, 2.5), "whole number"),
    (lambda: group_clv(100, 0, 1000, 0.1), "no customer was lost"),
    (lambda: group_clv(100, -1, 1000, 0.1), "cannot be negative"),
    (lambda: group_clv(0, 0, 1000, 0.1), "at least one customer"),
    (lambda: group_clv(-5, 1, 1000, 0.1), "at least one customer"),
    (lambda: group_clv(10, 11, 1000, 0.1), "more customers"),
    (lambda: group_clv(10, 2, 1000, -1.5), "-100%"),
    (lambda: single_customer_clv(-1, 10, 0.5, 0.1, 3), "cannot be negative"),
    (lambda: single_customer_clv(1, 10, 1.2, 0.1, 3), "buying again"),
    (lambda: periodic_rate(0.1, 0), "periods per year"),
])
def test_impossible_inputs_raise_clear_errors(call, words) -> None:
    with pytest.raises(ValueError, match=words):
        call()
