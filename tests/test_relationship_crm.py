"""Loyalty types, the six CRM strategies planner, membership points, the customer profile and the
conference lifecycle: hand-computed small cases and consistency with the business facts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import labkit
from labkit import facts
from labkit.classification import conference_stage, customer_features, exhibition_stage, value_matrix
from labkit.errors import UsageError
from labkit.relationship import (
    SECTIONS,
    STRATEGIES,
    PointsRule,
    check_plan,
    crm_segment,
    customer_profile,
    default_plan,
    latest_intention,
    loyalty_types,
    member_points,
    membership,
    plan_problems,
    target_list,
    tier_of,
)
from tests.classification_tiny_world import tiny_tables


@pytest.fixture(scope="module")
def world() -> labkit.World:
    return labkit.load_world()


@pytest.fixture(scope="module")
def features(world) -> pd.DataFrame:
    return customer_features(world)


# ---- membership points and tiers (hand-computed on the five-customer world) ------------------

def test_points_by_hand() -> None:
    points = member_points(tiny_tables())
    # org 1: 3 editions x 100 + 36,000 / 100 spend + 1 signed deal x 50 + 1 survey x 20 = 730
    # org 2: 1 x 100 + 5,000 / 100 + 0 + 20 = 170   (its cancelled booking earns nothing)
    # org 3: 1 x 100 + 8,000 / 100 = 180             (a quoted booking is not sold)
    # org 4: 2 visits x 100 + 0 + the signed deal x 50 + 2 surveys x 20 = 290 (the no-show earns nothing)
    # org 5: registered only = 0
    assert points["points"].tolist() == [730, 170, 180, 290, 0]
    assert points.loc[1, ["participations", "deals", "surveys"]].tolist() == [3, 1, 1]
    assert membership(tiny_tables())["tier"].astype(str).tolist() == ["silver", "member", "member", "member", "member"]
    rule = PointsRule(per_participation=10, spend_unit=1000, per_deal=0, per_survey=0)
    assert member_points(tiny_tables(), rule)["points"].tolist() == [30 + 36, 10 + 5, 10 + 8, 20, 0]


def test_tier_thresholds_are_inclusive() -> None:
    tiers = {"member": 0, "silver": 200, "gold": 700}
    got = tier_of(pd.Series([0, 199, 200, 699, 700, 10_000]), tiers).astype(str).tolist()
    assert got == ["member", "member", "silver", "silver", "gold", "gold"]
    with pytest.raises(UsageError, match="start at 0 points"):
        tier_of(pd.Series([5]), {"silver": 100})


def test_points_on_the_world_agree_with_the_facts(world) -> None:
    m = membership(world)
    orgs = pd.Index(world.organisations["org_id"], name="org_id")
    assert (m["spend"].to_numpy() == facts.booth_spend(world, orgs).to_numpy()).all()
    took = facts.participations(world).groupby("org_id").size().reindex(orgs, fill_value=0)
    assert (m["participations"].to_numpy() == took.to_numpy()).all()
    assert set(m["tier"].astype(str)) == {"member", "silver", "gold", "platinum"}
    assert m.groupby("tier", observed=True)["points"].min().is_monotonic_increasing


@pytest.mark.parametrize("bad", [{"per_deal": -1}, {"per_survey": 1.5}, {"spend_unit": 0}, {"per_participation": True}])
def test_bad_points_rule_is_one_sentence(bad) -> None:
    with pytest.raises(UsageError):
        PointsRule(**bad)


# ---- loyalty types ---------------------------------------------------------------------------

def test_loyalty_types_by_hand() -> None:
    features = pd.DataFrame({"participations": [4, 1, 5, 1, 3, 2], "attendance_rate": [1.0, 0.25, 0.8, 1.0, 0.4, 1.0]},
                            index=pd.Index([1, 2, 3, 4, 5, 6], name="org_id"))
    intention = pd.Series({1: 4.5, 2: 4.0, 3: 2.0, 4: 1.0, 5: 4.67})  # org 6 never answered
    got = loyalty_types(features, intention)
    # 1 positive + repeat; 2 positive, came once; 3 repeat, negative; 4 neither;
    # 5 positive but came to only 40% of the editions since its first; 6 no attitude measured
    assert got["type"].astype(str).tolist() == ["true", "latent", "spurious", "none", "latent", "unknown"]
    assert got["cultivation"].notna().all()


def test_latest_intention_takes_the_latest_answer(world) -> None:
    s = world.survey_responses
    org = s["org_id"].value_counts().index[0]
    mine = s[s["org_id"] == org].sort_values("edition_id")
    items = ["loyalty_return", "loyalty_first_choice", "loyalty_stay"]
    last = mine[items].astype(float).mean(axis=1).dropna().iloc[-1]
    assert latest_intention(world)[org] == pytest.approx(last)


def test_loyal_types_come_back_more(world, features) -> None:
    """Attitude and behaviour: true-loyal customers attend a larger share of editions than the 'none' type."""
    got = loyalty_types(features, latest_intention(world))
    rate = features["attendance_rate"].groupby(got["type"].astype(str)).mean()
    assert rate["true"] > rate["none"] and rate["spurious"] > rate["latent"]


# ---- the six CRM strategies ---------------------------------------------------------------------

def test_default_plan_is_valid_and_uses_all_six(world, features) -> None:
    plan = default_plan()
    assert plan_problems(plan) == []
    assert set(plan["strategy"]) == set(STRATEGIES)
    segments = crm_segment(features, value_matrix(features)["segment"], exhibition_stage(features))
    targets = target_list(plan, segments, world.organisations)
    assert len(targets) == len(features) and targets["strategy"].notna().all()
    prospects = targets[features["participations"].to_numpy() == 0]
    assert set(prospects["strategy"]) == {"acquisition"}


def test_an_edited_plan_changes_the_targets(features) -> None:
    plan = default_plan()
    plan.loc[plan["segment"] == "exhibitor_sub_value", ["strategy", "action"]] = ["one_to_one", "visit them"]
    segments = crm_segment(features, value_matrix(features)["segment"], exhibition_stage(features))
    targets = target_list(plan, segments)
    mine = targets[targets["segment"] == "exhibitor_sub_value"]
    assert len(mine) and set(mine["strategy"]) == {"one_to_one"} and set(mine["action"]) == {"visit them"}


def test_segments_by_hand() -> None:
    f = pd.DataFrame({"role": ["exhibitor", "exhibitor", "buyer", "buyer"], "participations": [0, 3, 2, 4]},
                     index=pd.Index([1, 2, 3, 4], name="org_id"))
    value = pd.Series(["low_value", "value", "value", "sub_value"], index=f.index)
    stage = pd.Series(["cultivation", "trust", "weakening", "trust"], index=f.index)
    assert crm_segment(f, value, stage).tolist() == ["exhibitor_prospect", "exhibitor_value", "buyer_lapsing", "buyer_sub_value"]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda p: p.drop(index=0), "exhibitor_prospect has no row"),
    (lambda p: pd.concat([p, p.iloc[[1]]]), "exhibitor_lapsing has two rows"),
    (lambda p: p.assign(strategy=p["strategy"].where(p.index != 2, "discounts")), "'discounts' is not one of the six"),
    (lambda p: p.assign(action=p["action"].where(p.index != 3, "  ")), "write the action"),
    (lambda p: p.assign(strategy=p["strategy"].where(p.index != 0, "retention")), "cannot be retained"),
    (lambda p: p.drop(columns="action"), "lacks the column"),
    (lambda p: "a plan", "must be a table"),
])
def test_bad_plans_are_explained(edit, message) -> None:
    problems = plan_problems(edit(default_plan()))
    assert len(problems) == 1 and message in problems[0]
    with pytest.raises(UsageError, match="not usable"):
        check_plan(edit(default_plan()))


# ---- the customer profile --------------------------------------------------------------------

def test_profile_has_the_seven_parts_and_agrees_with_the_facts(world) -> None:
    exhibitor = int(facts.participations(world).query("role == 'exhibitor'")["org_id"].value_counts().index[0])
    profile = customer_profile(world, exhibitor)
    assert list(profile) == list(SECTIONS)
    assert len(profile["dynamics"]) == len(world.editions)  # kept across every edition of every exhibition
    assert profile["dynamics"]["exhibition"].notna().all()
    orgs = pd.Index([exhibitor], name="org_id")
    assert profile["cost_profit"]["spend"].sum() == pytest.approx(facts.booth_spend(world, orgs).iloc[0])
    assert profile["cost_profit"]["cost_to_serve"].sum() == pytest.approx(facts.cost_to_serve(world, orgs).iloc[0])
    took = facts.participations(world).query("org_id == @exhibitor")["edition_id"]
    assert set(profile["dynamics"].index[profile["dynamics"]["took_part"]]) == set(took)
    rivals = world.organisations.set_index("org_id").loc[profile["competitors"].index]
    me = world.organisations.set_index("org_id").loc[exhibitor]
    assert (rivals["province"] == me["province"]).all() and (rivals["industry"] == me["industry"]).all()
    assert profile["visitor_feedback"]["deals"].sum() == (world.deals["exhibitor_org_id"] == exhibitor).sum()


def test_profile_strategy_part_and_bad_id(world) -> None:
    plan = pd.DataFrame({"strategy": ["partnership"], "tier": ["gold"]}, index=pd.Index([7], name="org_id"))
    assert customer_profile(world, 7, strategy=plan)["strategy"]["value"].tolist() == ["partnership", "gold"]
    with pytest.raises(UsageError, match="no customer with org_id"):
        customer_profile(world, 10**9)


# ---- conference lifecycle ---------------------------------------------------------------------

def test_conference_stage_by_hand() -> None:
    f = pd.DataFrame({"participations": [0, 1, 1, 2, 3, 4, 6, 5],
                      "editions_missed": pd.array([pd.NA, 0, 3, 1, 0, 0, 2, 1], dtype="Int64")})
    got = conference_stage(f).astype(str).tolist()
    assert got == ["potential", "new", "churned", "repeat", "repeat", "loyal", "churned", "loyal"]
    with pytest.raises(ValueError, match="loyal_min"):
        conference_stage(f, loyal_min=2)


def test_conference_and_exhibition_stages_side_by_side(features) -> None:
    table = pd.crosstab(conference_stage(features), exhibition_stage(features))
    assert table.loc["potential"].drop("cultivation").sum() == 0  # never came: still being cultivated
    assert table.loc["churned", ["weakening", "disappearance"]].sum() == table.loc["churned"].sum()
    assert np.all(table.to_numpy() >= 0)
