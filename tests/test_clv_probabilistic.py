"""BG/NBD and Gamma-Gamma on the real CDNOW data against the published results."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import hyp2f1

from labkit.clv import probabilistic as prob
from labkit.clv.cdnow_data import cdnow, cdnow_summary, cdnow_transactions
from labkit.clv.rfm import rfm_summary

# Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2)
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
# Fader & Hardie (2013), "The Gamma-Gamma model of monetary value": 946 repeat buyers
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def sig3(x: float) -> float:
    return float(f"{x:.3g}")


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    return cdnow()


@pytest.fixture(scope="module")
def bgnbd(summary):
    return prob.fit_bgnbd(summary)


@pytest.fixture(scope="module")
def spend(summary):
    return prob.fit_gamma_gamma(summary)


def test_cdnow_sample_is_the_published_summary(summary) -> None:
    assert len(summary) == 2357
    assert list(summary.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert summary["frequency"].sum() == 2457           # repeat purchases in weeks 1-39
    assert (summary["frequency"] > 0).sum() == 946      # the Gamma-Gamma sample size


def test_summary_recomputed_from_the_transactions_matches(summary) -> None:
    ours = cdnow_summary()
    assert ours.index.tolist() == summary.index.tolist()
    assert (ours["frequency"] == summary["frequency"]).all()
    assert np.allclose(ours["recency"].round(2), summary["recency"])
    assert np.allclose(ours["T"].round(2), summary["T"])
    assert np.allclose(ours["monetary_value"], summary["monetary_value"], atol=0.0051)  # published to the cent


def test_full_cohort_has_23570_customers() -> None:
    full = cdnow_transactions(full=True)
    assert full["customer_id"].nunique() == 23570
    assert len(full) == 69659


def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd) -> None:
    assert {k: sig3(v) for k, v in bgnbd.params().items()} == {k: sig3(v) for k, v in PUBLISHED_BGNBD.items()}


def test_gamma_gamma_reproduces_fader_hardie_2013(spend) -> None:
    assert {k: sig3(v) for k, v in spend.params().items()} == {k: sig3(v) for k, v in PUBLISHED_GAMMA_GAMMA.items()}


def test_paper_example_customer_expects_1_226_purchases(bgnbd, summary) -> None:
    # FHL 2005: x = 2, t_x = 30.43, T = 38.86 -> 1.226 expected purchases in the next 39 weeks
    assert tuple(summary.loc[1, ["frequency", "recency", "T"]]) == (2, 30.43, 38.86)
    assert prob.expected_purchases(bgnbd, summary.loc[[1]], 39).iloc[0] == pytest.approx(1.226, abs=5e-4)


def _fhl_conditional_expectation(p: dict, x, tx, T, t):
    """FHL 2005 equation (10), written out with scipy's hypergeometric function."""
    r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]
    z = t / (alpha + T + t)
    head = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
                                        * hyp2f1(r + x, b + x, a + b + x - 1, z))
    odds = np.where(x > 0, a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0.0)
    return head / (1 + odds), 1 / (1 + odds)


def test_predictions_match_the_papers_formulas(bgnbd, spend, summary) -> None:
    x, tx, T = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    expected, alive = _fhl_conditional_expectation(bgnbd.params(), x, tx, T, 52.0)
    assert np.allclose(prob.expected_purchases(bgnbd, summary, 52), expected, rtol=1e-6)
    assert np.allclose(prob.probability_alive(bgnbd, summary), alive, rtol=1e-6)
    # Gamma-Gamma: a weighted mean of the population mean and the customer's own mean
    p, q, g = spend.p, spend.q, spend.gamma
    m = summary["monetary_value"].to_numpy()
    weight = p * x / (p * x + q - 1)
    assert np.allclose(prob.expected_spend(spend, summary), (1 - weight) * p * g / (q - 1) + weight * m)


def test_customer_values_discount_month_by_month(bgnbd, spend, summary) -> None:
    few = summary.iloc[:50]
    values = prob.customer_values(bgnbd, spend, few, months=3, monthly_discount_rate=0.01)
    x, tx, T = (few[c].to_numpy() for c in ("frequency", "recency", "T"))
    by_hand = sum(
        (_fhl_conditional_expectation(bgnbd.params(), x, tx, T, 4.345 * k)[0]
         - _fhl_conditional_expectation(bgnbd.params(), x, tx, T, 4.345 * (k - 1))[0]) / 1.01**k
        for k in (1, 2, 3)
    ) * values["expected_spend"].to_numpy()
    assert np.allclose(values["clv"], by_hand, rtol=1e-6)
    assert (values["p_alive"].between(0, 1)).all()


def test_rfm_summary_hand_example() -> None:
    tx = pd.DataFrame({
        "who": ["a", "a", "a", "a", "b"],
        "when": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-29", "2024-01-08"]),
        "paid": [10.0, 5.0, 20.0, 40.0, 7.0],
    })
    s = rfm_summary(tx, "who", "when", "paid", "2024-02-05")
    # a: days 0 (15 paid), 14 (20), 28 (40) -> 2 repeats, recency 4 weeks, T 5 weeks, mean repeat 30
    assert s.loc["a"].to_dict() == {"frequency": 2, "recency": 4.0, "T": 5.0, "monetary_value": 30.0}
    assert s.loc["b"].to_dict() == {"frequency": 0, "recency": 0.0, "T": 4.0, "monetary_value": 0.0}


@pytest.mark.parametrize("change, words", [
    (lambda s: s.drop(columns="T"), "needs column"),
    (lambda s: s.assign(recency=s["T"] + 1), "cannot be later"),
    (lambda s: s.assign(frequency=-1), "0 or more"),
    (lambda s: s.assign(frequency=1.5), "whole number"),
    (lambda s: s.iloc[:0], "no customers"),
])
def test_bad_summaries_are_refused(summary, change, words) -> None:
    with pytest.raises(ValueError, match=words):
        prob.fit_bgnbd(change(summary.copy()))


def test_spend_model_needs_repeat_buyers(summary) -> None:
    with pytest.raises(ValueError, match="at least 3 customers"):
        prob.fit_gamma_gamma(summary[summary["frequency"] == 0])


def test_a_fit_that_does_not_converge_says_so(capsys) -> None:
    # everyone bought right up to the end, on one of two fixed schedules: no dropout to learn from
    regular = pd.DataFrame({"frequency": [4] * 25 + [3] * 25, "recency": [40.0] * 50, "T": [40.0] * 50})
    with pytest.raises(ValueError, match="did not converge"):
        prob.fit_bgnbd(regular)
    assert capsys.readouterr().out == ""  # no optimiser report dumped on the student
    nobody_came_back = regular.assign(frequency=0, recency=0.0)
    with pytest.raises(ValueError, match="no customer made a repeat purchase"):
        prob.fit_bgnbd(nobody_came_back)


def test_package_names_are_the_functions() -> None:
    import labkit.clv as clv
    from labkit.clv import cdnow as loader

    assert callable(loader) and callable(clv.cdnow)
    assert clv.fit_bgnbd is prob.fit_bgnbd and clv.customer_values is prob.customer_values


def test_spend_hardly_depends_on_frequency(summary) -> None:
    # Gamma-Gamma assumes spend independent of frequency; Fader & Hardie (2013) report r = 0.11
    repeat = prob.repeat_buyers(summary)
    assert round(repeat["frequency"].corr(repeat["monetary_value"]), 2) == 0.11
