"""Properties of the ranking rules that every input must keep (hypothesis)."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit.classification import quantile_score
from labkit.classification.ranking import split_high

values = st.lists(st.integers(min_value=-50, max_value=50), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(values, st.integers(min_value=2, max_value=10))
def test_scores_are_in_range_monotone_and_equal_for_ties(raw: list[int], bins: int) -> None:
    series = pd.Series(raw)
    score = quantile_score(series, bins)
    assert score.between(1, bins).all()
    order = series.sort_values(kind="stable").index
    assert score[order].is_monotonic_increasing          # more is never scored lower
    assert (score.groupby(series).nunique() == 1).all()  # a tie is never split


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-50, max_value=50), min_size=1, max_size=60, unique=True),
       st.sampled_from([3, 5, 7]))
def test_reversing_the_order_mirrors_the_scores(raw: list[int], bins: int) -> None:
    # with an odd number of bins and no ties no value falls exactly on a bin edge,
    # so the best value's score is the worst value's score read backwards
    series = pd.Series(raw)
    assert (quantile_score(series, bins) + quantile_score(series, bins, higher_is_better=False) == bins + 1).all()


@settings(max_examples=200, deadline=None)
@given(values, st.floats(min_value=0.05, max_value=0.95))
def test_split_high_keeps_at_most_the_upper_share(raw: list[int], quantile: float) -> None:
    series = pd.Series(raw, dtype="float64")
    high = split_high(series, None, quantile)
    assert high.sum() <= round((1 - quantile) * len(series)) + 1
    if high.any() and (~high).any():
        assert series[high].min() > series[~high].max()  # every high value beats every low one
