"""The seed 000 survey summary report on a hand-made world."""
from __future__ import annotations

import pandas as pd
import pytest

from labkit.surveys import survey_summary
from labkit.surveys.summary import QUESTIONS


def _world() -> dict[str, pd.DataFrame]:
    orgs = pd.DataFrame({
        "org_id": [1, 2, 3, 4],
        "region_group": ["华东", "华东", "华南", "华南"],
        "business_nature": ["manufacturer", "retailer", "retailer", "retailer"],
    })
    responses = pd.DataFrame({
        "response_id": [10, 11, 12, 13, 14],
        "edition_id": [1, 1, 1, 1, 2],
        "org_id": [1, 2, 3, 4, 1],
        "role": ["exhibitor", "buyer", "buyer", "exhibitor", "exhibitor"],
        "overall_satisfaction": pd.array([5, 4, 4, pd.NA, 2], dtype="Int64"),
        "heard_from": ["email", "website", "email", None, "sms"],
        "purpose": ["brand_promotion", "place_orders", "find_suppliers", "brand_promotion", "networking"],
        "purchase_volume_change": ["same", "increase", "increase", "decrease", "same"],
        "future_visit": [None, "definitely", "probably", None, None],
        "future_exhibit": ["definitely", None, None, "no", "unlikely"],
    })
    return {"organisations": orgs, "survey_responses": responses}


def test_report_has_every_question_and_breakdown() -> None:
    report = survey_summary(_world())
    assert set(report) == set(QUESTIONS)
    for frame in report.values():
        assert set(frame.index.get_level_values("breakdown")) == {"role", "region_group", "business_type"}
        # every breakdown counts every respondent once (answered + missing)
        totals = (frame["answered"] + frame["missing"]).groupby(level="breakdown").sum()
        assert (totals == 5).all()


def test_counts_by_hand() -> None:
    report = survey_summary(_world())
    source = report["source"]
    assert source.loc[("role", "exhibitor"), "email"] == 1
    assert source.loc[("role", "exhibitor"), "missing"] == 1
    assert source.loc[("region_group", "华东"), ["email", "website", "sms"]].tolist() == [1, 1, 1]
    sat = report["satisfaction"]
    assert sat.loc[("role", "buyer"), 4] == 2
    assert sat.loc[("business_type", "retailer"), [4, 5]].tolist() == [2, 0]
    assert list(sat.columns[:5]) == [1, 2, 3, 4, 5]
    assert report["purchase_volume_change"].loc[("role", "buyer"), "increase"] == 2
    assert report["future_exhibiting"].loc[("role", "exhibitor"), "definitely"] == 1


def test_one_edition_and_errors() -> None:
    report = survey_summary(_world(), edition_id=2)
    assert report["purpose"]["answered"].groupby(level="breakdown").sum().eq(1).all()
    with pytest.raises(ValueError, match="no survey responses for edition 9"):
        survey_summary(_world(), edition_id=9)
    with pytest.raises(ValueError, match="organisations"):
        survey_summary({"survey_responses": _world()["survey_responses"]})


def test_on_the_classroom_world() -> None:
    import labkit

    world = labkit.load_world()
    report = survey_summary(world)
    n = len(world.survey_responses)
    for frame in report.values():
        assert ((frame["answered"] + frame["missing"]).groupby(level="breakdown").sum() == n).all()
