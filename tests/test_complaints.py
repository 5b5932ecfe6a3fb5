"""Complaint handling: step durations, time to resolve, Pareto, and the link to returning."""
from __future__ import annotations

import pandas as pd
import pytest

from labkit.complaints import complaint_outcomes, outcomes_by_complaint, pareto_table, stage_durations, time_to_resolve

T = pd.Timestamp


def _complaints() -> pd.DataFrame:
    base = T("2024-04-15 09:00")
    h = pd.Timedelta(hours=1)
    return pd.DataFrame({
        "complaint_id": [1, 2, 3, 4],
        "org_id": [10, 11, 12, 10],
        "edition_id": [1, 1, 1, 1],
        "channel": ["phone", "email", "phone", "on_site"],
        "category": ["catering", "catering", "logistics", "booth_facilities"],
        "opened_at": [base, base, base, base],
        "confirmed_at": [base + 2 * h, base + 1 * h, base + 3 * h, base + h],
        "investigated_at": [base + 10 * h, base + 5 * h, pd.NaT, base + 2 * h],
        "resolved_at": [base + 24 * h, base + 8 * h, pd.NaT, base + 4 * h],
        "feedback_at": [base + 30 * h, pd.NaT, pd.NaT, base + 5 * h],
        "followed_up_at": [base + 72 * h, pd.NaT, pd.NaT, pd.NaT],
    })


def test_stage_durations_in_hours() -> None:
    d = stage_durations(_complaints())
    assert d.loc[1].tolist() == [2.0, 8.0, 14.0, 6.0, 42.0]
    assert d.loc[3, "confirm"] == 3.0 and d.loc[3, ["investigate", "resolve"]].isna().all()


def test_out_of_order_steps_are_refused() -> None:
    bad = _complaints()
    bad.loc[0, "resolved_at"] = T("2024-04-15 08:00")
    with pytest.raises(ValueError, match="1 \\(resolved_at before investigated_at\\)"):
        stage_durations(bad)
    gap = _complaints()
    gap.loc[2, "resolved_at"] = T("2024-04-16")
    with pytest.raises(ValueError, match="without investigated_at"):
        stage_durations(gap)


def test_time_to_resolve_by_category_and_channel() -> None:
    by_cat = time_to_resolve(_complaints())
    assert by_cat.loc["catering", "median_hours"] == 16.0  # 24 and 8
    assert by_cat.loc["logistics", "resolved_share"] == 0.0
    by_both = time_to_resolve(_complaints(), by=["category", "channel"])
    assert by_both.loc[("catering", "phone"), "mean_hours"] == 24.0


def test_pareto_vital_few() -> None:
    complaints = pd.DataFrame({"category": ["a"] * 5 + ["b"] * 3 + ["c"] + ["d"]})
    table = pareto_table(complaints)
    assert table.index.tolist() == ["a", "b", "c", "d"]
    assert table["cumulative_share"].tolist() == pytest.approx([0.5, 0.8, 0.9, 1.0])
    assert table["vital_few"].tolist() == [True, True, False, False]
    assert pareto_table(complaints, cutoff=0.81)["vital_few"].tolist() == [True, True, True, False]
    with pytest.raises(ValueError, match="cutoff"):
        pareto_table(complaints, cutoff=80)


def _world() -> dict[str, pd.DataFrame]:
    editions = pd.DataFrame({
        "edition_id": [1, 2, 3, 4], "exhibition_id": [1, 1, 2, 1],
        "start_date": pd.to_datetime(["2024-04-15", "2024-10-15", "2024-05-01", "2025-04-15"]),
    })
    responses = pd.DataFrame({
        "response_id": [1, 2, 3, 4, 5],
        "edition_id": [1, 1, 1, 1, 4],
        "org_id": [10, 11, 13, 14, 10],
        "overall_satisfaction": pd.array([2, 4, 5, pd.NA, 5], dtype="Int64"),
    })
    # 12 registered for edition 2 but did not come: it did not return (a no-show is not a participation)
    registrations = pd.DataFrame({"org_id": [11, 13, 12], "edition_id": [2, 2, 2],
                                  "status": ["attended", "attended", "no_show"]})
    bookings = pd.DataFrame({"org_id": [10, 14], "edition_id": [2, 2], "status": ["cancelled", "confirmed"]})
    orgs = pd.DataFrame({"org_id": [10, 11, 12, 13, 14], "role": ["exhibitor", "buyer", "buyer", "buyer", "exhibitor"]})
    return {
        "organisations": orgs, "editions": editions, "complaints": _complaints(), "survey_responses": responses,
        "registrations": registrations, "booth_bookings": bookings,
    }


def test_complaint_outcomes_by_hand() -> None:
    out = complaint_outcomes(_world()).set_index("org_id")
    # edition 4 is the last of exhibition 1: its respondent (10 at 4) is left out
    assert sorted(out.index) == [10, 11, 12, 13, 14]
    assert (out["next_edition_id"] == 2).all()
    assert out["complaint"].to_dict() == {10: "resolved", 11: "resolved", 12: "unresolved", 13: "none", 14: "none"}
    assert out["returned"].to_dict() == {10: False, 11: True, 12: False, 13: True, 14: True}  # 10 cancelled, 12 no-show
    assert out.loc[10, "satisfaction"] == 2 and pd.isna(out.loc[12, "satisfaction"])
    summary = outcomes_by_complaint(out)
    assert summary.loc["none", "return_rate"] == 1.0
    assert summary.loc["resolved", "return_rate"] == 0.5
    assert summary.loc["unresolved", "return_rate"] == 0.0
    assert summary.loc["resolved", "csat"] == 50.0  # 2 and 4
    assert summary.loc["none", "answered_survey"] == 1
    split = outcomes_by_complaint(out, by="role")
    assert split.loc[("exhibitor", "resolved"), "return_rate"] == 0.0  # org 10
    assert split.loc[("buyer", "resolved"), "return_rate"] == 1.0  # org 11
    assert split.loc[("exhibitor", "none"), "customers"] == 1
    assert ("exhibitor", "unresolved") not in split.index


def test_on_the_classroom_world() -> None:
    import labkit

    world = labkit.load_world()
    durations = stage_durations(world.complaints)  # the world's steps are in order
    assert (durations.stack() >= 0).all()
    out = complaint_outcomes(world)
    last = world.editions["edition_id"].max()
    assert last not in set(out["edition_id"])
    assert set(out["complaint"]) <= {"none", "resolved", "unresolved"}
    assert out[["org_id", "edition_id"]].duplicated().sum() == 0
