"""Value matrix, lifecycle, loyalty ladder and track-vs-care against hand classifications."""
from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from classification_tiny_world import tiny_tables

from labkit.classification import (
    customer_features,
    exhibition_stage,
    lifecycle_stage,
    loyalty_ladder,
    potential_value,
    stage_confusion,
    track_or_care,
    value_matrix,
)
from labkit.classification.value_matrix import value_segment


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return customer_features(tiny_tables())


def _quadrant_frame() -> pd.DataFrame:
    """Four exhibitors, one per quadrant, plus one exactly at both medians."""
    return pd.DataFrame({
        "role": ["exhibitor"] * 5,
        "purchase_volume": [900.0, 800.0, 100.0, 50.0, 500.0],
        "cost_to_serve": [0.0, 0.0, 0.0, 0.0, 0.0],
        "attendance_rate": [1.0, 0.2, 1.0, 0.1, 0.5],
        "recommend": [10.0, 2.0, 10.0, 1.0, 5.0],
        "future_plan": [1.0, 0.0, 1.0, 0.0, 0.5],
        "volume_trend": [1.0, 0.0, 1.0, 0.0, 0.5],
    }, index=pd.Index([11, 12, 13, 14, 15], name="org_id"))


# --- value matrix (seed 004) -------------------------------------------------------------

def test_value_segment_truth_table() -> None:
    cur = pd.Series([True, True, False, False])
    pot = pd.Series([True, False, True, False])
    assert value_segment(cur, pot).tolist() == ["value", "sub_value", "potential_value", "low_value"]


def test_value_matrix_quadrants_and_the_customer_at_the_median() -> None:
    out = value_matrix(_quadrant_frame())
    # current 900, 800, 100, 50, 500: median 500; potential 1, 1/10, 1, 1/20, 1/2: median 1/2
    # org 15 sits exactly on both medians: not above them, so low on both
    assert out["segment"].tolist() == ["value", "sub_value", "potential_value", "low_value", "low_value"]


def test_value_matrix_split_is_a_parameter() -> None:
    out = value_matrix(_quadrant_frame(), split=0.8)
    # 80th percentiles (linear): current 800 + 0.2 x 100 = 820, only org 11 above;
    # potential 1.0, which nobody is above
    assert out["segment"].tolist() == ["sub_value", "low_value", "low_value", "low_value", "low_value"]


def test_a_big_tie_at_the_median_is_not_high() -> None:
    frame = _quadrant_frame().assign(role="buyer", purchase_volume=[0.0, 0.0, 0.0, 5.0, 9.0])
    # three buyers without deals: the median is 0, and "nothing" is not above it
    assert value_matrix(frame)["current_high"].tolist() == [False, False, False, True, True]
    best = frame.assign(purchase_volume=[9.0, 9.0, 9.0, 5.0, 0.0])
    # more than half share the top value: the median is 9 and nobody is above it
    assert not value_matrix(best)["current_high"].any()


def test_potential_value_is_the_mean_of_present_signals(features: pd.DataFrame) -> None:
    pot = potential_value(features)
    # org 2: attendance 1/3, recommend 3/10, plan "no" 0, volume "decrease" 1/4
    expected = (Fraction(1, 3) + Fraction(3, 10) + 0 + Fraction(1, 4)) / 4
    assert pot[2] == pytest.approx(float(expected))
    assert pot[3] == 1.0       # only the attendance rate is known
    assert pot[5] == 0.0       # never came, never answered


def test_value_matrix_on_the_tiny_world(features: pd.DataFrame) -> None:
    out = value_matrix(features)
    # exhibitors: current 35800, -1000, 8000 (median 8000): only org 1 above
    # potential 1, 53/240, 1 (median 1): nobody above the median when it is the maximum
    # buyers: current 19970 and 0 (median 9985), potential 0.829… and 0: org 4 above on both
    assert out["segment"].tolist() == ["sub_value", "low_value", "low_value", "value", "low_value"]
    # split 0.4 (linear quantiles): current -1000 + 0.8 x 9000 = 6200, potential 53/240 + 0.8 x 187/240
    # = 0.84…: orgs 1 and 3 are above both
    assert value_matrix(features, split=0.4)["segment"].tolist()[:3] == ["value", "low_value", "value"]
    assert out["current_value"].tolist() == [35800, -1000, 8000, 19970, 0]


def test_value_matrix_splits_each_role_on_its_own() -> None:
    frame = _quadrant_frame().iloc[:4].assign(
        role=["exhibitor", "exhibitor", "buyer", "buyer"],
        purchase_volume=[100.0, 200.0, 10000.0, 20000.0],
        attendance_rate=1.0, recommend=10.0, future_plan=1.0, volume_trend=1.0,
    )
    # by role: the larger of each pair is high; pooled median 5100: both exhibitors low
    assert value_matrix(frame)["current_high"].tolist() == [False, True, False, True]
    assert value_matrix(frame, by_role=False)["current_high"].tolist() == [False, False, True, True]


@pytest.mark.parametrize("split", [0, 1, -0.5, 1.5, "median", None])
def test_value_matrix_bad_split(split: object) -> None:
    with pytest.raises(ValueError, match="split must be a number strictly between 0 and 1"):
        value_matrix(_quadrant_frame(), split=split)  # type: ignore[arg-type]


def test_value_matrix_needs_its_columns() -> None:
    with pytest.raises(ValueError, match="cost_to_serve"):
        value_matrix(_quadrant_frame().drop(columns="cost_to_serve"))


# --- lifecycle (seed 001, seed 004) ------------------------------------------------------

def test_lifecycle_by_hand(features: pd.DataFrame) -> None:
    # 1: 3 times, present -> formation; 2: missed the last 2 -> decline; 3: first time -> exploration
    # 4: twice, present -> formation; 5: never came -> exploration
    assert lifecycle_stage(features).tolist() == ["formation", "decline", "exploration", "formation", "exploration"]
    assert lifecycle_stage(features, stability_min=3).tolist()[0] == "stability"
    assert lifecycle_stage(features, decline_gap=3).tolist()[1] == "exploration"


def test_lifecycle_boundaries() -> None:
    frame = pd.DataFrame({"participations": [1, 2, 3, 4, 6, 6], "editions_missed": [0, 0, 0, 0, 0, 1]})
    assert lifecycle_stage(frame).tolist() == [
        "exploration", "formation", "formation", "stability", "stability", "decline",
    ]


def test_exhibition_stage_splits_decline(features: pd.DataFrame) -> None:
    assert exhibition_stage(features).tolist() == ["confirmation", "weakening", "cultivation", "confirmation", "cultivation"]
    assert exhibition_stage(features, disappear_gap=2).tolist()[1] == "disappearance"


@pytest.mark.parametrize("kwargs, message", [
    ({"decline_gap": 0}, "decline_gap"),
    ({"stability_min": 2}, "stability_min"),
    ({"exploration_max": -1}, "exploration_max"),
    ({"exploration_max": 1.5}, "exploration_max"),
])
def test_lifecycle_bad_parameters(features: pd.DataFrame, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        lifecycle_stage(features, **kwargs)


def test_stage_confusion_counts_pairs() -> None:
    truth = pd.Series(["exploration", "decline", "decline", "stability"], index=[1, 2, 3, 4])
    rule = pd.Series(["exploration", "decline", "formation", "stability", "formation"], index=[1, 2, 3, 4, 9])
    table = stage_confusion(rule, truth)
    assert table.shape == (4, 4)
    assert table.loc["decline", "decline"] == 1 and table.loc["decline", "formation"] == 1
    assert int(table.to_numpy().sum()) == 4  # org 9 has no truth and is left out


# --- loyalty ladder (seed 004) -----------------------------------------------------------

def test_loyalty_by_hand(features: pd.DataFrame) -> None:
    # 1: 3 times, recommends 10 -> advocate (partner needs 4 times); 2, 3: came once and paid for
    # a booth -> first-time customer; 4: twice, recommends 9 -> advocate; 5: never came -> skeptic
    assert loyalty_ladder(features).tolist() == ["advocate", "first_time", "first_time", "advocate", "skeptic"]
    # with 3 times enough, org 1 (36000 >= exhibitor median 8000) becomes a partner
    assert loyalty_ladder(features, partner_min_participations=3).tolist()[0] == "partner"
    # a stricter promoter line turns buyer 4 (recommend 9) into a follower
    assert loyalty_ladder(features, promoter_min=10).tolist()[3] == "follower"


def test_loyalty_missing_recommend_is_not_a_promoter() -> None:
    frame = pd.DataFrame({
        "role": ["buyer"] * 3, "participations": [5, 5, 5],
        "recommend": [None, 8.0, 9.0], "purchase_volume": [1.0, 2.0, 3.0],
    })
    assert loyalty_ladder(frame).tolist() == ["follower", "follower", "partner"]


def test_paying_one_time_customer_is_not_a_skeptic() -> None:
    # 试题库: a skeptic brings the organiser nothing. A customer who paid once brought something.
    frame = pd.DataFrame({
        "role": ["exhibitor", "exhibitor", "buyer", "buyer"], "participations": [1, 0, 0, 1],
        "recommend": [10.0, None, None, None], "purchase_volume": [9000.0, 0.0, 500.0, 0.0],
    })
    assert loyalty_ladder(frame).tolist() == ["first_time", "skeptic", "first_time", "first_time"]


@pytest.mark.parametrize("kwargs, message", [
    ({"repeat_min": 1}, "repeat_min"),
    ({"promoter_min": 11}, "promoter_min"),
    ({"partner_min_participations": 1}, "partner_min_participations"),
    ({"partner_spend_quantile": 1.0}, "partner_spend_quantile"),
])
def test_loyalty_bad_parameters(features: pd.DataFrame, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        loyalty_ladder(features, **kwargs)


# --- track vs care (seed 002) ------------------------------------------------------------

def test_track_care_by_hand(features: pd.DataFrame) -> None:
    # exhibitors only; spend per edition 12000, 5000, 8000 (median 8000)
    # 1: 3 editions, present, 12000 -> care; 2: contribution -1000 and away 2 editions -> drop; 3: new -> track
    got = track_or_care(features)
    assert got.index.tolist() == [1, 2, 3]
    assert got.tolist() == ["care", "drop", "track"]
    # one edition is enough, but org 3 sits exactly on the median, not above it: still track
    assert track_or_care(features, care_min_participations=1).tolist() == ["care", "drop", "track"]
    assert track_or_care(features, care_min_participations=1, spend_quantile=0.4).tolist() == ["care", "drop", "care"]


def test_track_care_without_exhibitors(features: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="there are none"):
        track_or_care(features[features["role"] == "buyer"])


@pytest.mark.parametrize("kwargs", [{"drop_gap": 0}, {"spend_quantile": 2}, {"care_min_participations": 0}])
def test_track_care_bad_parameters(features: pd.DataFrame, kwargs: dict) -> None:
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        track_or_care(features, **kwargs)
