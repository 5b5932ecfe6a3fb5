"""The relationship chain: the world makes it with known strengths, the analysis finds them again.

Oracles: statsmodels (the OLS paths), pingouin's mediation_analysis (a, b, direct, total and
indirect effects), Spearman's correction by hand, and the world's own chain_truth table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest

import labkit
from labkit.errors import UsageError
from labkit.relationship import (
    CHAIN,
    chain_estimates,
    chain_items,
    chain_reliability,
    compare_with_truth,
    construct_scores,
    corrected_paths,
    equations,
    mediation,
    path_regressions,
)
from labkit.relationship.chain import _corrected_corr, _disattenuate
from labkit.world.relationship import PATHS, draw_chain
from labkit.world.schema import RELATIONSHIP_ITEMS


@pytest.fixture(scope="module")
def worlds() -> list[labkit.World]:
    """Four classroom-sized worlds (about 8,800 survey answers each)."""
    return [labkit.generate_world(seed=seed) for seed in range(4)]


def test_world_stores_strengths_in_their_ranges(worlds) -> None:
    for w in worlds:
        truth = w.chain_truth
        direct = truth[truth["kind"] == "direct"]
        assert list(zip(direct["cause"], direct["effect"])) == list(PATHS)
        for (path, (lo, hi)), s in zip(PATHS.items(), direct["strength"], strict=True):
            assert lo <= s <= hi, path
        chain = direct[direct["effect"] != "loyalty"]["strength"].prod() * direct["strength"].iloc[3]
        assert truth[truth["kind"] == "indirect"]["strength"].item() == pytest.approx(chain, abs=1e-6)
    assert not worlds[0].chain_truth.equals(worlds[1].chain_truth)  # drawn per world


def test_relationship_items_are_agreement_answers(worlds) -> None:
    s = worlds[0].survey_responses
    items = s[list(RELATIONSHIP_ITEMS)]
    values = items.stack()
    assert set(values.unique()) <= {1, 2, 3, 4, 5}
    assert 0.02 < items.isna().mean().mean() < 0.06
    again = labkit.generate_world(seed=0).survey_responses[list(RELATIONSHIP_ITEMS)]
    pd.testing.assert_frame_equal(items, again)  # deterministic per seed


def test_the_chain_has_its_own_generator() -> None:
    rng, same = np.random.default_rng(7), np.random.default_rng(7)
    draw_chain(rng)
    assert rng.random() == same.random()  # the other tables of the world do not move


def test_constructs_are_reliable_scales(worlds) -> None:
    rel = chain_reliability(worlds[0].survey_responses)
    assert list(rel.index) == list(CHAIN)
    assert (rel["alpha"] > 0.7).all() and (rel["alpha"] < 0.9).all()
    assert rel.loc["trust", "items"] == 3 and rel.loc["satisfaction", "items"] == 2


def test_estimates_recover_the_worlds_strengths(worlds) -> None:
    covered = []
    for seed, w in enumerate(worlds):
        table = compare_with_truth(chain_estimates(w.survey_responses, n_boot=300, seed=seed), w.chain_truth)
        assert table["truth"].notna().all()
        covered.append(table["covered"].to_numpy())
        # measurement error weakens the observed paths: they lie below the truth, the correction removes that
        direct = table.xs("direct", level="kind")
        assert (direct["observed"] < direct["truth"]).all()
        links = direct.drop(("satisfaction", "loyalty"))  # the four links of the chain
        assert (abs(links["corrected"] - links["truth"]) < abs(links["observed"] - links["truth"])).all()
    covered = np.array(covered)
    # 95% intervals: each world covers at least 5 of its 6 effects, each effect is covered in 3 of 4 worlds
    assert (covered.sum(axis=1) >= 5).all(), covered
    assert (covered.sum(axis=0) >= 3).all(), covered


def test_paths_are_statsmodels_ols_and_correction_with_reliability_one_changes_nothing(worlds) -> None:
    scores = construct_scores(worlds[0].survey_responses)
    ols = path_regressions(scores)
    assert list(ols.index) == list(PATHS)
    plain = corrected_paths(scores, pd.Series(1.0, index=list(CHAIN)))
    np.testing.assert_allclose(plain.xs("direct", level="kind").to_numpy(), ols["estimate"].to_numpy(), rtol=1e-9)
    assert (ols["ci_low"] < ols["estimate"]).all() and (ols["estimate"] < ols["ci_high"]).all()


def test_spearman_correction_by_hand() -> None:
    corr = np.array([[1.0, 0.4], [0.4, 1.0]])
    # 0.4 / sqrt(0.8 x 0.5) = 0.4 / sqrt(0.4) = 0.632456
    assert _disattenuate(corr, np.array([0.8, 0.5]))[0, 1] == pytest.approx(0.632456, abs=1e-6)


def test_bootstrap_fast_path_agrees_with_the_public_steps(worlds) -> None:
    responses = worlds[1].survey_responses
    scores = construct_scores(responses)
    rel = chain_reliability(responses)["alpha"]
    columns = [c for cols in chain_items().values() for c in cols]
    items = responses[columns].astype("float64").dropna().to_numpy()
    groups, start = [], 0
    for cols in chain_items().values():
        groups.append(np.arange(start, start + len(cols)))
        start += len(cols)
    expected = _disattenuate(scores[list(CHAIN)].corr().to_numpy(), rel.to_numpy())
    np.testing.assert_allclose(_corrected_corr(items, groups), expected, rtol=1e-9)
    est = chain_estimates(responses, n_boot=100)
    np.testing.assert_allclose(est["corrected"].to_numpy(), corrected_paths(scores, rel).to_numpy(), rtol=1e-9)


def test_mediation_matches_pingouin(worlds) -> None:
    scores = construct_scores(worlds[2].survey_responses)
    ours = mediation(scores, n_boot=200)
    z = (scores - scores.mean()) / scores.std(ddof=1)
    theirs = pg.mediation_analysis(data=z, x="satisfaction", m="trust", y="loyalty", n_boot=200, seed=0).set_index("path")
    assert ours.a == pytest.approx(theirs.loc["trust ~ X", "coef"], abs=1e-9)  # pingouin's "Y ~ M" is not b
    assert ours.total == pytest.approx(theirs.loc["Total", "coef"], abs=1e-9)
    assert ours.direct == pytest.approx(theirs.loc["Direct", "coef"], abs=1e-9)
    assert ours.indirect == pytest.approx(theirs.loc["Indirect", "coef"], abs=1e-9)
    assert ours.b == pytest.approx(ours.indirect / ours.a, abs=1e-9)
    assert ours.total == pytest.approx(ours.direct + ours.indirect, abs=1e-9)  # OLS identity c = c' + ab
    assert ours.boot_low < ours.indirect < ours.boot_high
    # Sobel by hand: the paths' standard errors from the normal equations, sigma^2 (X'X)^-1
    def se(y: np.ndarray, *xs: np.ndarray) -> float:
        x = np.column_stack([np.ones(len(y)), *xs])
        coef, *_ = np.linalg.lstsq(x, y, rcond=None)
        resid = y - x @ coef
        return float(np.sqrt(resid @ resid / (len(y) - x.shape[1]) * np.linalg.inv(x.T @ x)[1, 1]))
    se_a = se(z["trust"].to_numpy(), z["satisfaction"].to_numpy())
    se_b = se(z["loyalty"].to_numpy(), z["trust"].to_numpy(), z["satisfaction"].to_numpy())
    assert ours.sobel_se == pytest.approx(np.sqrt(ours.b ** 2 * se_a ** 2 + ours.a ** 2 * se_b ** 2), rel=1e-9)


def test_equations_follow_the_worlds_paths() -> None:
    assert equations() == {"trust": ["satisfaction"], "belonging": ["trust"], "friendship": ["belonging"],
                           "loyalty": ["friendship", "satisfaction"]}


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: chain_estimates(s.head(5)), "at least 10 respondents"),
    (lambda s: chain_estimates(s, n_boot=10), "at least 100 resamples"),
    (lambda s: chain_estimates(s.drop(columns="trust_honest")), "trust_honest"),
    (lambda s: corrected_paths(construct_scores(s), pd.Series({"trust": 0.8})), "above 0 and at most 1"),
    (lambda s: mediation(construct_scores(s), m="satisfaction"), "three different constructs"),
])
def test_bad_input_is_one_sentence(worlds, call, message) -> None:
    with pytest.raises(UsageError, match=message):
        call(worlds[0].survey_responses)
