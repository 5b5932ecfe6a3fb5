"""customer_features against the five-customer world worked out by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from classification_tiny_world import tiny_tables

from labkit.classification import customer_features, participations


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    return customer_features(tiny_tables())


def test_one_row_per_customer(features: pd.DataFrame) -> None:
    assert list(features.index) == [1, 2, 3, 4, 5]


def test_only_confirmed_booths_and_attended_visits_count() -> None:
    rows = participations(tiny_tables())
    got = sorted(map(tuple, rows[["org_id", "edition_id"]].to_numpy().tolist()))
    # org 2's cancelled and org 3's quoted booking, org 4's no-show and org 5's bare registration drop out
    assert got == [(1, 1), (1, 2), (1, 3), (2, 1), (3, 3), (4, 1), (4, 3)]


def test_history(features: pd.DataFrame) -> None:
    assert features["participations"].tolist() == [3, 1, 1, 2, 0]
    assert features["first_edition"].tolist()[:4] == [1, 1, 3, 1]
    assert features["last_edition"].tolist()[:4] == [3, 1, 3, 3]
    assert features["editions_missed"].tolist()[:4] == [0, 2, 0, 0]
    assert features["editions_since_first"].tolist()[:4] == [3, 3, 1, 3]
    assert features.loc[5, ["first_edition", "last_edition", "editions_missed"]].isna().all()
    assert features["attendance_rate"].tolist()[:4] == pytest.approx([1, 1 / 3, 1, 2 / 3])
    # reference = last edition's end 2025-04-19; org 2 last came 2024-04-19: 365 days
    assert features["recency_days"].tolist()[:4] == [0, 365, 0, 0]
    assert math.isnan(features.loc[5, "recency_days"])


def test_money(features: pd.DataFrame) -> None:
    assert features["spend"].tolist() == [36000, 5000, 8000, 0, 0]
    assert features["booths"].tolist() == [6, 1, 1, 0, 0]
    assert features["deals_signed"].tolist() == [1, 0, 0, 1, 0]  # the intention deal is not signed
    assert features["deal_amount"].tolist() == [20000, 0, 0, 20000, 0]
    assert features["purchase_volume"].tolist() == [36000, 5000, 8000, 20000, 0]
    assert features["cost_to_serve"].tolist() == [200, 6000, 0, 30, 0]  # contacts + complaint handling
    assert features["contribution"].tolist() == [35800, -1000, 8000, -30, 0]
    assert features["complaints"].tolist() == [1, 0, 0, 0, 0]


def test_latest_survey_answer_per_item(features: pd.DataFrame) -> None:
    # org 4 left recommend blank at edition 3, so its edition-1 answer (9) is the latest one
    assert features.loc[1, "recommend"] == 10 and features.loc[2, "recommend"] == 3
    assert math.isnan(features.loc[3, "recommend"])
    assert features.loc[4, "recommend"] == 9
    # exhibitors answer future_exhibit, buyers future_visit
    assert features.loc[[1, 2, 4], "future_plan"].tolist() == [1.0, 0.0, 1.0]
    assert features.loc[[1, 2, 4], "volume_trend"].tolist() == [1.0, 0.25, 0.75]
    assert features["surveys"].tolist() == [1, 1, 0, 2, 0]


def test_missing_table_is_named() -> None:
    tables = tiny_tables()
    del tables["deals"]
    with pytest.raises(ValueError, match="deals"):
        customer_features(tables)


def test_missing_column_is_named() -> None:
    tables = tiny_tables()
    tables["organisations"] = tables["organisations"].drop(columns="region_group")
    with pytest.raises(ValueError, match="region_group"):
        customer_features(tables)


def test_repeated_org_id_is_refused() -> None:
    tables = tiny_tables()
    tables["organisations"] = pd.concat([tables["organisations"], tables["organisations"].head(1)])
    with pytest.raises(ValueError, match="repeated org_id"):
        customer_features(tables)


def test_not_a_world() -> None:
    with pytest.raises(ValueError, match="World"):
        customer_features(42)
