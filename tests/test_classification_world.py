"""The classifiers on the generated classroom world: every customer gets exactly one class."""
from __future__ import annotations

import pandas as pd
import pytest

import labkit
from labkit.classification import TITLES, classify, composition_table, customer_features


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
