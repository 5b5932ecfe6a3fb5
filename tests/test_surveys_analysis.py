"""Cross-tabs, rank tests, IPA and drivers against hand cases, scipy and pingouin."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from labkit.surveys import compare_groups, crosstab_test, driver_analysis, importance_performance
from labkit.world.schema import LIKERT_ITEMS


def _responses(seed: int, n: int = 300) -> pd.DataFrame:
    """Fake answers on the schema's columns: overall depends most on interaction."""
    rng = np.random.default_rng(seed)
    dims = {d: rng.normal(size=n) for d in ("content", "organisation", "interaction")}
    overall = 0.2 * dims["content"] + 0.3 * dims["organisation"] + 0.7 * dims["interaction"]
    dims["overall"] = overall + rng.normal(scale=0.5, size=n)
    frame = pd.DataFrame({
        col: np.clip(np.round(3.3 + dims[item.group] + rng.normal(scale=0.6, size=n)), 1, 5).astype(int)
        for col, item in LIKERT_ITEMS.items()
    })
    frame["role"] = rng.choice(["buyer", "exhibitor"], size=n)
    plans = np.array(["no", "unlikely", "undecided", "probably", "definitely"])
    plan = plans[np.clip(np.round(2 + dims["overall"]), 0, 4).astype(int)]
    frame["future_visit"] = np.where(frame["role"] == "buyer", plan, None)
    frame["future_exhibit"] = np.where(frame["role"] == "exhibitor", plan, None)
    frame["region_group"] = rng.choice(["华东", "华南", "华北"], size=n)
    return frame


def test_chi_square_2x2_hand_case() -> None:
    # a=10 b=20 c=30 d=40, N=100: chi2 = N(ad-bc)^2 / ((a+b)(c+d)(a+c)(b+d)) = 50/63
    rows = [("x", "yes")] * 10 + [("x", "no")] * 20 + [("y", "yes")] * 30 + [("y", "no")] * 40
    frame = pd.DataFrame(rows, columns=["group", "answer"])
    result = crosstab_test(frame, "group", "answer")
    assert result.chi2 == pytest.approx(float(Fraction(50, 63)))
    assert result.dof == 1
    assert result.cramers_v == pytest.approx(np.sqrt(float(Fraction(50, 63)) / 100))


def test_crosstab_matches_pingouin() -> None:
    frame = _responses(1)
    frame.loc[::7, "overall_satisfaction"] = np.nan
    mine = crosstab_test(frame, "region_group", "overall_satisfaction")
    _, _, theirs = pg.chi2_independence(frame.dropna(subset=["overall_satisfaction"]), "region_group", "overall_satisfaction", correction=False)
    pearson = theirs.set_index("test").loc["pearson"]
    assert mine.chi2 == pytest.approx(pearson["chi2"])
    assert mine.p_value == pytest.approx(pearson["pval"])
    assert mine.cramers_v == pytest.approx(pearson["cramer"])
    assert mine.n == frame["overall_satisfaction"].notna().sum()


def test_crosstab_needs_two_groups() -> None:
    with pytest.raises(ValueError, match="two groups"):
        crosstab_test(pd.DataFrame({"g": ["a", "a"], "x": [1, 2]}), "g", "x")


def test_kruskal_hand_case() -> None:
    # no ties: ranks are the values; R = 9, 6, 21; H = 12/(8*9) * (81/3 + 36/2 + 441/3) - 3*9 = 5
    frame = pd.DataFrame({"g": list("AAABBCCC"), "x": [1, 3, 5, 2, 4, 6, 7, 8]})
    result = compare_groups(frame, "g", "x")
    assert result.test == "Kruskal-Wallis H"
    assert result.statistic == pytest.approx(5.0)
    assert result.p_value == pytest.approx(stats.chi2.sf(5.0, 2))


def test_mann_whitney_hand_case() -> None:
    # A = 1, 2, 4 and B = 3, 5, 6: only (4 > 3) favours A, so U_A = 1
    frame = pd.DataFrame({"g": list("AAABBB"), "x": [1, 2, 4, 3, 5, 6]})
    result = compare_groups(frame, "g", "x")
    assert result.test == "Mann-Whitney U"
    assert result.statistic == 1


def test_kruskal_with_ties_matches_pingouin() -> None:
    frame = _responses(2)
    mine = compare_groups(frame, "region_group", "content_exhibits")
    theirs = pg.kruskal(frame, dv="content_exhibits", between="region_group")
    assert mine.statistic == pytest.approx(theirs["H"].iloc[0])
    assert mine.p_value == pytest.approx(theirs.filter(regex="^p.unc$").iloc[0, 0])  # p-unc before 0.6


def test_ipa_derived_importance_and_mean_crosshairs() -> None:
    frame = _responses(3)
    items = [c for c in LIKERT_ITEMS if not c.startswith("overall")]
    ipa = importance_performance(frame, items)
    for item in items:
        rho = stats.spearmanr(frame[item], frame["overall_satisfaction"]).statistic
        assert ipa.table.loc[item, "importance"] == pytest.approx(rho)
    assert ipa.performance_line == pytest.approx(frame[items].mean().mean())
    assert ipa.importance_line == pytest.approx(ipa.table["importance"].mean())
    # interaction drives overall most in this fake world
    top = ipa.table["importance"].idxmax()
    assert top.startswith("interaction")


def test_ipa_quadrants_hand_case_with_midpoint() -> None:
    frame = pd.DataFrame({"a": [5, 5], "b": [2, 2], "c": [4, 4], "d": [1, 2], "overall_satisfaction": [3, 4]})
    stated = pd.Series({"a": 4.5, "b": 4.0, "c": 2.0, "d": 1.0})
    ipa = importance_performance(frame, ["a", "b", "c", "d"], stated_importance=stated, crosshair="midpoint")
    assert (ipa.performance_line, ipa.importance_line) == (3.0, 3.0)
    assert ipa.table["quadrant"].to_dict() == {
        "a": "keep_up", "b": "concentrate_here", "c": "possible_overkill", "d": "low_priority",
    }
    with pytest.raises(ValueError, match="missing"):
        importance_performance(frame, ["a", "b"], stated_importance=stated.drop("b"))


def test_driver_betas_match_pingouin_regression() -> None:
    frame = _responses(4)
    result = driver_analysis(frame)
    from labkit.surveys import dimension_scores

    scores = dimension_scores(frame).dropna()
    z = (scores - scores.mean()) / scores.std()
    reg = pg.linear_regression(z[["content", "organisation", "interaction"]], z["overall"]).set_index("names")
    for dim in ("content", "organisation", "interaction"):
        assert result.table.loc[dim, "beta"] == pytest.approx(reg.loc[dim, "coef"], abs=1e-9)
        assert result.table.loc[dim, "r"] == pytest.approx(scores[dim].corr(scores["overall"]))
    assert result.r_squared == pytest.approx(reg["r2"].iloc[0])
    assert result.table.index[0] == "interaction"


def test_driver_of_return_intention_uses_spearman() -> None:
    frame = _responses(5)
    result = driver_analysis(frame, outcome="return_intention")
    assert result.correlation == "spearman"
    assert result.table.index[0] == "interaction"
    assert result.n == len(frame)


def test_ipa_midpoint_keeps_derived_importance_line_at_the_mean() -> None:
    frame = _responses(6)
    ipa = importance_performance(frame, ["content_exhibits", "interaction_meetings"], crosshair="midpoint")
    assert ipa.performance_line == 3.0
    assert ipa.importance_line == pytest.approx(ipa.table["importance"].mean())
    with pytest.raises(ValueError, match="crosshair"):
        importance_performance(frame, ["content_exhibits"], crosshair="median")
