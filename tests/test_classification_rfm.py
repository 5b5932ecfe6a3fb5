"""RFM quintile scores, the eight RFM segments, k-means clustering and composition tables."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from classification_tiny_world import blobs, tiny_tables
from sklearn.metrics import adjusted_rand_score

from labkit.classification import (
    classify,
    composition,
    composition_table,
    customer_features,
    quantile_score,
    rfm_scores,
    rfm_segment,
)
from labkit.classification.dimensions import TITLES
from labkit.classification.mining import rfm_clusters
from labkit.i18n import set_language


def test_quantile_score_hand_example_with_ties() -> None:
    values = pd.Series([10, 20, 20, 30, 40, 50, 50, 50, 90, 100])
    # average ranks 1, 2.5, 2.5, 4, 5, 7, 7, 7, 9, 10 -> 1 + floor(5 (r - 1/2) / 10)
    # = 1 + floor(.25, 1, 1, 1.75, 2.25, 3.25, 3.25, 3.25, 4.25, 4.75); the tie at 20 sits on an edge
    assert quantile_score(values).tolist() == [1, 2, 2, 2, 3, 4, 4, 4, 5, 5]


def test_quantile_score_lower_is_better_for_recency() -> None:
    days = pd.Series([0, 0, 10, 30, 200])
    # best first: 200 is worst (rank 1), the two zeros share ranks 4 and 5 -> 4.5 -> 1 + floor(4) = 5
    assert quantile_score(days, higher_is_better=False).tolist() == [5, 5, 3, 2, 1]


def test_a_tie_is_never_split_and_big_ties_sit_at_their_middle() -> None:
    one_timers = pd.Series([1] * 7 + [2, 3, 6])
    # the seven 1s take ranks 1-7 (middle 4): 1 + floor(5 x 3.5 / 10) = 2
    assert quantile_score(one_timers).tolist() == [2] * 7 + [4, 5, 5]


def test_quantile_score_agrees_with_pandas_qcut_without_ties() -> None:
    values = pd.Series(np.random.default_rng(3).permutation(100).astype(float))
    oracle = pd.qcut(values, 5, labels=False) + 1
    assert quantile_score(values).tolist() == oracle.tolist()


def test_quantile_score_bad_bins() -> None:
    with pytest.raises(ValueError, match="bins"):
        quantile_score(pd.Series([1, 2]), bins=1)


def test_rfm_scores_on_the_tiny_world() -> None:
    scores = rfm_scores(customer_features(tiny_tables()))
    assert scores.index.tolist() == [1, 2, 3, 4]  # buyer 5 never came: no recency, no score
    # exhibitors 1-3, n = 3, score = 1 + floor(5 (r - 1/2) / 3) with r the average rank, best last:
    # recency 0, 365, 0 -> r 2.5, 1, 2.5 -> 4, 1, 4 (the tie shares one score)
    # frequency 3, 1, 1 -> r 3, 1.5, 1.5 -> 5, 2, 2; monetary 36000, 5000, 8000 -> r 3, 1, 2 -> 5, 1, 3
    # buyer 4 alone in its role: r 1 -> 1 + floor(5 x 0.5 / 1) = 3 on every letter
    assert scores["RFM"].tolist() == ["455", "121", "423", "333"]


def test_rfm_segments_follow_the_eight_cell_model() -> None:
    scores = pd.DataFrame({"R": [5, 5, 1, 1, 5, 5, 1, 1], "F": [5, 1, 5, 1, 5, 1, 5, 1], "M": [5, 5, 5, 5, 1, 1, 1, 1]})
    assert rfm_segment(scores).tolist() == [
        "important_value", "important_develop", "important_keep", "important_win_back",
        "general_value", "general_develop", "general_keep", "general_win_back",
    ]
    # the boundary: 3 is high by default, low with high_min=4
    edge = pd.DataFrame({"R": [3], "F": [3], "M": [3]})
    assert rfm_segment(edge).tolist() == ["important_value"]
    assert rfm_segment(edge, high_min=4).tolist() == ["general_win_back"]


def test_rfm_segment_bad_threshold() -> None:
    with pytest.raises(ValueError, match="high_min"):
        rfm_segment(pd.DataFrame({"R": [1], "F": [1], "M": [1]}), high_min=1)


# --- k-means (data mining) ---------------------------------------------------------------

def test_kmeans_finds_three_planted_groups() -> None:
    rfm, truth = blobs()
    result = rfm_clusters(rfm, seed=1)
    assert result.k == 3
    assert adjusted_rand_score(truth, result.labels) == 1.0
    assert result.silhouettes[3] > 0.8
    # cluster 0 is the one with the highest median monetary: the planted big spenders (group 0)
    assert set(result.labels[truth == 0]) == {0}
    assert result.profile["customers"].tolist() == [40, 40, 40]


def test_kmeans_is_deterministic() -> None:
    rfm, _ = blobs(seed=11)
    first = rfm_clusters(rfm, seed=5)
    again = rfm_clusters(rfm, seed=5)
    pd.testing.assert_series_equal(first.labels, again.labels)
    pd.testing.assert_series_equal(first.silhouettes, again.silhouettes)


@pytest.mark.parametrize("k_values, message", [(range(1, 3), "at least 2"), (range(2, 2), "at least 2"),
                                               (range(2, 500), "needs more than")])
def test_kmeans_bad_k(k_values: range, message: str) -> None:
    rfm, _ = blobs()
    with pytest.raises(ValueError, match=message):
        rfm_clusters(rfm, k_values=k_values)


def test_kmeans_bad_threads() -> None:
    rfm, _ = blobs()
    with pytest.raises(ValueError, match="threads"):
        rfm_clusters(rfm, threads=0)


def test_kmeans_refuses_identical_customers() -> None:
    same = pd.DataFrame({"recency": [5.0] * 20, "frequency": [1] * 20, "monetary": [100.0] * 20})
    with pytest.raises(ValueError, match="only 1 different RFM profile"):
        rfm_clusters(same)


def test_kmeans_refuses_missing_values() -> None:
    rfm, _ = blobs()
    rfm.loc[0, "recency"] = np.nan
    with pytest.raises(ValueError, match="missing"):
        rfm_clusters(rfm)


# --- composition tables and dimensions ---------------------------------------------------

def test_composition_counts_and_shares_by_hand() -> None:
    features = customer_features(tiny_tables())
    table = composition_table(features, "region")
    assert table.loc["华东", ["exhibitor", "buyer", "total"]].tolist() == [2, 0, 2]
    assert table.loc["华南", ["exhibitor", "buyer", "total"]].tolist() == [1, 1, 2]
    assert table.loc["华北", "buyer_share"] == 0.5
    assert table.index.tolist() == ["华东", "华南", "华北", "unknown"]  # largest first, ties by name
    assert table.loc["华东", "label"] == "华东"
    assert table.loc["华东", "exhibitor_share"] == pytest.approx(2 / 3)
    size = composition_table(features, "size")
    assert size.loc["unknown", "buyer"] == 1  # buyer 5 has no size band
    assert size.loc["unknown", "label"] == "unknown"  # labels come in the display language
    assert size.loc["micro", "total"] == 0  # empty categories stay in the table
    assert size["total_share"].sum() == pytest.approx(1.0)


def test_composition_labels_follow_the_display_language() -> None:
    features = customer_features(tiny_tables())
    set_language("zh_CN")
    try:
        size = composition_table(features, "size")
    finally:
        set_language("en_US")
    assert size.loc["unknown", "label"] == "未知"
    assert size.loc["micro", "label"] == "1-9人"


def test_composition_refuses_unknown_roles() -> None:
    with pytest.raises(ValueError, match="exhibitor or buyer"):
        composition(pd.Series(["a"]), pd.Series(["visitor"]))


@pytest.mark.parametrize("dimension", list(TITLES))
def test_every_dimension_classifies_each_customer_once(dimension: str) -> None:
    features = customer_features(tiny_tables())
    series, labels = classify(features, dimension)
    assert series.index.is_unique
    assert set(series.dropna().astype(str)) <= set(labels)
    assert composition_table(features, dimension)["total"].sum() == len(series)


def test_unknown_dimension() -> None:
    with pytest.raises(ValueError, match="dimension must be one of"):
        classify(customer_features(tiny_tables()), "colour")
