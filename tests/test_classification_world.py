"""The classifiers on the generated classroom world: every customer gets exactly one class."""
from __future__ import annotations

import pandas as pd
import pytest

import labkit
from labkit.classification import TITLES, classify, composition_table, customer_features
from labkit.world.schema import Role


@pytest.fixture(scope="module")
def world_features() -> tuple[labkit.World, pd.DataFrame]:
    world = labkit.load_world()
    return world, customer_features(world)


def test_one_feature_row_per_organisation(world_features: tuple[labkit.World, pd.DataFrame]) -> None:
    world, features = world_features
    assert features.index.is_unique
    assert sorted(features.index) == sorted(world.organisations["org_id"])


@pytest.mark.parametrize("dimension", list(TITLES))
def test_every_customer_classified_exactly_once(world_features: tuple[labkit.World, pd.DataFrame], dimension: str) -> None:
    _world, features = world_features
    series, _labels = classify(features, dimension)
    assert series.index.is_unique and series.notna().all()
    if dimension == "track_care":
        expected = set(features.index[features["role"] == "exhibitor"])
    elif dimension == "rfm":
        expected = set(features.index[features["participations"] > 0])
    else:
        expected = set(features.index)
    assert set(series.index) == expected
    assert composition_table(features, dimension)["total"].sum() == len(expected)


def _median_by(features: pd.DataFrame, segments: pd.Series, column: str) -> pd.DataFrame:
    return features.loc[segments.index, column].groupby([features.loc[segments.index, "role"], segments], observed=True).median().unstack()


def test_value_matrix_segments_differ_on_money(world_features: tuple[labkit.World, pd.DataFrame]) -> None:
    _world, features = world_features
    segments = classify(features, "value_matrix")[0]
    spend = _median_by(features, segments, "purchase_volume")
    for role in Role.codes():
        row = spend.loc[role]
        assert min(row["value"], row["sub_value"]) > max(row["potential_value"], row["low_value"]), row


def test_rfm_important_segments_spend_more(world_features: tuple[labkit.World, pd.DataFrame]) -> None:
    _world, features = world_features
    segments = classify(features, "rfm")[0]
    spend = _median_by(features, segments, "purchase_volume")
    important = [c for c in spend.columns if str(c).startswith("important")]
    general = [c for c in spend.columns if str(c).startswith("general")]
    for role in Role.codes():
        assert spend.loc[role, important].min() > spend.loc[role, general].max(), spend.loc[role]


def test_loyalty_partners_spend_more_than_skeptics(world_features: tuple[labkit.World, pd.DataFrame]) -> None:
    _world, features = world_features
    spend = _median_by(features, classify(features, "loyalty")[0], "purchase_volume")
    assert (spend["partner"] > spend["skeptic"]).all()


def test_lifecycle_rule_beats_guessing_the_commonest_stage(world_features: tuple[labkit.World, pd.DataFrame]) -> None:
    world, features = world_features
    took_part = features.index[features["participations"] > 0]
    truth = world.customer_truth.set_index("org_id")["lifecycle_stage"].astype(str).loc[took_part]
    rule = classify(features, "lifecycle")[0].astype(str).loc[took_part]
    accuracy = (rule == truth).mean()
    baseline = truth.value_counts(normalize=True).iloc[0]
    assert accuracy > baseline + 0.05, (accuracy, baseline)
