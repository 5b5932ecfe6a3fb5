"""BG/BB on the donation data against the published fit, on simulated data against the truth, and
the retention-rate fallback by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit.clv.bgbb import fit_bgbb
from labkit.clv.donations import donations
from labkit.clv.editions import edition_summary
from labkit.clv.retention import fit_retention
from labkit.errors import FitError
from labkit.i18n import set_language
from labkit.world.generator import generate_world

# Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time noncontractual setting",
# Marketing Science 29(6): 11,104 first-time donors of 1995, six later annual opportunities.
PUBLISHED_BGBB = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en_US")
    yield
    set_language(None)


@pytest.fixture(scope="module")
def donors() -> pd.DataFrame:
    return donations()


def test_donations_give_the_published_parameters(donors) -> None:
    assert len(donors) == 11_104
    fitted = fit_bgbb(donors).params()
    assert {k: round(v, 3) for k, v in fitted.items()} == PUBLISHED_BGBB


def simulate(rng: np.random.Generator, customers: int, opportunities: int,
             alpha: float, beta: float, gamma: float, delta: float) -> pd.DataFrame:
    """Customers drawn from BG/BB itself: leave before an opportunity with theta, else come with p."""
    p, theta = rng.beta(alpha, beta, customers), rng.beta(gamma, delta, customers)
    alive = np.ones(customers, dtype=bool)
    x = np.zeros(customers, dtype=int)
    t_x = np.zeros(customers, dtype=int)
    for t in range(1, opportunities + 1):
        alive &= rng.random(customers) >= theta
        came = alive & (rng.random(customers) < p)
        x += came
        t_x = np.where(came, t, t_x)
    return pd.DataFrame({"frequency": x, "recency": t_x, "n_periods": opportunities})


def test_simulated_customers_give_back_the_true_means() -> None:
    truth = {"alpha": 2.0, "beta": 1.0, "gamma": 0.5, "delta": 3.0}
    model = fit_bgbb(simulate(np.random.default_rng(7), 20_000, 6, **truth))
    assert model.mean_attendance == pytest.approx(2 / 3, abs=0.03)
    assert model.mean_dropout == pytest.approx(0.5 / 3.5, abs=0.03)
    assert model.params() == pytest.approx(truth, rel=0.3)


@pytest.fixture(scope="module")
def world():
    return generate_world(seed=3)


def test_edition_summary_counts_editions(world) -> None:
    summary = edition_summary(world, "buyer")
    came = world.tables["registrations"]
    came = came[came["status"] == "attended"]
    assert set(summary.index) == set(came["org_id"])
    one = came.groupby("org_id")["edition_id"].nunique()
    assert (summary["frequency"] == one.reindex(summary.index) - 1).all()
    assert (summary["recency"] <= summary["n_periods"]).all()
    assert summary["n_periods"].max() == len(world.tables["editions"]) - 1


def test_bgbb_on_the_world_sees_who_really_left(world) -> None:
    summary = edition_summary(world, "buyer")
    model = fit_bgbb(summary)
    churned = world.customer_truth.set_index("org_id")["churned"].reindex(summary.index)
    alive = model.probability_alive(summary)
    assert alive.between(0, 1).all()
    assert alive[churned].mean() < alive[~churned].mean() - 0.2
    ahead = model.expected_editions(summary, 2)
    assert ((ahead >= 0) & (ahead <= 2)).all()


def test_fits_that_cannot_work_say_so_in_one_sentence(capsys) -> None:
    everyone = pd.DataFrame({"frequency": [3, 2, 5] * 10, "recency": [3, 2, 5] * 10, "n_periods": [3, 2, 5] * 10})
    with pytest.raises(FitError, match="cannot tell leaving from staying.*retention-rate model"):
        fit_bgbb(everyone)
    with pytest.raises(FitError, match="no customer came back"):
        fit_bgbb(everyone.assign(frequency=0, recency=0))
    # all but one came every time: the optimiser runs away, and says so quietly
    almost = pd.DataFrame({"frequency": [3] * 30 + [2], "recency": [3] * 30 + [2], "n_periods": 3})
    with pytest.raises(FitError, match="^the BG/BB fit did not converge on these data; use the simple"):
        fit_bgbb(almost)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("change, words", [
    (lambda s: s.drop(columns="n_periods"), "needs column"),
    (lambda s: s.assign(frequency=0.5), "whole numbers"),
    (lambda s: s.assign(recency=s["n_periods"] + 1), "cannot come back"),
    (lambda s: s.assign(frequency=0, recency=1), "never came back"),
    (lambda s: s.iloc[:0], "no customers"),
])
def test_bad_summaries_are_refused(change, words) -> None:
    good = pd.DataFrame({"frequency": [1, 0, 2], "recency": [2, 0, 2], "n_periods": [3, 3, 2]})
    with pytest.raises(ValueError, match=words):
        fit_bgbb(change(good))
    with pytest.raises(ValueError, match=words):
        fit_retention(change(good))


def test_retention_fallback_by_hand() -> None:
    # A came to 0, 1, 2 of 3 later editions (stayed 2, lost); B never came back (lost);
    # C came to both later editions (stayed 2, still here): 4 stayed, 2 lost
    summary = pd.DataFrame({"frequency": [2, 0, 2], "recency": [2, 0, 2], "n_periods": [3, 3, 2]},
                           index=["A", "B", "C"])
    model = fit_retention(summary)
    assert model.rate == pytest.approx(4 / 6)
    assert model.probability_alive(summary).tolist() == pytest.approx([2 / 3, (2 / 3) ** 3, 1])
    assert model.expected_editions(summary, 2)["C"] == pytest.approx(2 / 3 + 4 / 9)
    with pytest.raises(FitError, match="no customer has had a chance"):
        fit_retention(summary.assign(frequency=0, recency=0, n_periods=0))
