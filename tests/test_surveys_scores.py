"""NPS, CSAT, dimension scores, distributions and response rate on hand-made answers."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from labkit.surveys import csat, dimension_scores, item_distribution, nps, nps_breakdown, response_rate


def test_nps_hand_case_with_missing_answers() -> None:
    # promoters 10, 9, 10 (3); passives 8, 7 (2); detractors 6, 0 (2); two missing answers
    scores = [10, 9, 8, 7, 6, 0, 10, None, np.nan]
    result = nps_breakdown(scores)
    assert (result.promoters, result.passives, result.detractors, result.n) == (3, 2, 2, 7)
    assert nps(scores) == pytest.approx(float(Fraction(100 * (3 - 2), 7)))


def test_nps_extremes_and_nullable_series() -> None:
    assert nps([9, 10, 10]) == 100
    assert nps(pd.Series([0, 6, 3], dtype="Int64")) == -100
    assert nps([7, 8]) == 0


@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_nps_equals_share_difference(scores: list[int]) -> None:
    promoters = Fraction(sum(s >= 9 for s in scores), len(scores))
    detractors = Fraction(sum(s <= 6 for s in scores), len(scores))
    assert nps(scores) == pytest.approx(float(100 * (promoters - detractors)))
    assert -100 <= nps(scores) <= 100


@pytest.mark.parametrize("bad", [[11], [-1], [7.5], ["nine"]])
def test_nps_rejects_out_of_scale(bad: list) -> None:
    with pytest.raises(ValueError):
        nps([9, *bad])


def test_nps_all_missing() -> None:
    with pytest.raises(ValueError, match="at least one answer"):
        nps([None, np.nan])


def test_csat_top_two_boxes() -> None:
    # 4 and 5 count: 3 of 5 answered (the missing one is left out)
    assert csat([5, 4, 3, 2, 4, None]) == pytest.approx(float(Fraction(300, 5)))
    assert csat([7, 6, 5, 1], points=7) == 50
    with pytest.raises(ValueError, match="1 to 5"):
        csat([6])


def test_dimension_scores_mean_of_answered_items() -> None:
    responses = pd.DataFrame({
        "a": pd.array([5, 4, pd.NA, pd.NA], dtype="Int64"),
        "b": pd.array([3, pd.NA, pd.NA, 2], dtype="Int64"),
        "c": pd.array([4, 4, pd.NA, pd.NA], dtype="Int64"),
    })
    scores = dimension_scores(responses, {"dim": ["a", "b", "c"]})
    # 12/3; 8/2 (2 of 3 answered >= half); none; 1 of 3 < half -> missing
    assert scores["dim"].tolist()[:2] == [4.0, 4.0]
    assert scores["dim"].iloc[2:].isna().all()
    loose = dimension_scores(responses, {"dim": ["a", "b", "c"]}, min_share=0.3)
    assert loose["dim"].iloc[3] == 2.0


def test_likert_values_off_the_scale_are_refused() -> None:
    with pytest.raises(ValueError, match="outside the 1-5 scale"):
        dimension_scores(pd.DataFrame({"a": [1, 6]}), {"d": ["a"]})


def test_item_distribution_shares() -> None:
    responses = pd.DataFrame({"a": [1, 1, 5, None], "b": [3, 4, 4, 4]})
    dist = item_distribution(responses, ["a", "b"])
    assert dist.loc["a", 1] == pytest.approx(2 / 3)
    assert dist.loc["a", "n"] == 3
    assert dist.loc["b", 4] == pytest.approx(3 / 4)
    assert dist[[1, 2, 3, 4, 5]].sum(axis=1).tolist() == pytest.approx([1.0, 1.0])


def test_response_rate_by_role() -> None:
    surveyed = pd.DataFrame({
        "org_id": [1, 2, 3, 4, 5], "edition_id": [7] * 5,
        "role": ["buyer", "buyer", "buyer", "exhibitor", "exhibitor"],
    })
    responses = pd.DataFrame({"org_id": [1, 1, 4, 9], "edition_id": [7, 7, 7, 7]})  # 9 was not surveyed
    rate = response_rate(responses, surveyed, by=["role"])
    assert rate.loc["buyer", "rate"] == pytest.approx(1 / 3)
    assert rate.loc["exhibitor", "rate"] == pytest.approx(1 / 2)
    assert rate["responses"].sum() == 2


def test_text_answers_are_refused_not_dropped() -> None:
    with pytest.raises(ValueError, match="text, not scores: a"):
        item_distribution(pd.DataFrame({"a": ["4", "good", None]}), ["a"])
    assert item_distribution(pd.DataFrame({"a": ["4", "5", None]}), ["a"]).loc["a", "n"] == 2
