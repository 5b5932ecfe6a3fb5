"""Campaign simulator (营销活动模拟): deterministic per seed, a funnel that never grows, the world's rates."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import labkit
from labkit.checks import public_problems, public_specs
from labkit.errors import UsageError
from labkit.grading.compare import compare
from labkit.grading.reference import lab4_campaigns
from labkit.reports import simulate_campaign
from labkit.reports.simulator import FUNNEL, TARGETED_CHANNELS
from labkit.world.campaigns import CHANNELS


def _ids(world: labkit.World, role: str) -> pd.Series:
    orgs = world.organisations
    return orgs.loc[orgs["role"].astype(str) == role, "org_id"]


def test_same_seed_same_outcome_other_seed_other_draws(default_world: labkit.World) -> None:
    buyers = _ids(default_world, "buyer").head(4000)
    a = simulate_campaign(default_world, buyers, "phone", 20_000, seed=7)
    b = simulate_campaign(default_world, buyers, "phone", 20_000, seed=7)
    pd.testing.assert_frame_equal(a.runs, b.runs)
    pd.testing.assert_frame_equal(a.funnel, b.funnel)
    c = simulate_campaign(default_world, buyers, "phone", 20_000, seed=8)
    assert not a.runs.equals(c.runs)
    # two runs of one seed are two streams: the spread shows chance
    assert a.runs.loc[1, "delivered"] != a.runs.loc[2, "delivered"] or a.runs.loc[1, "attended"] != a.runs.loc[2, "attended"]
    assert a.summary()["attended_spread"] == abs(a.runs.loc[1, "attended"] - a.runs.loc[2, "attended"])


@pytest.mark.parametrize("channel", TARGETED_CHANNELS)
@pytest.mark.parametrize("role, budget", [("buyer", 2_000), ("buyer", 50_000), ("exhibitor", 5_000), ("exhibitor", 0)])
def test_funnel_never_increases(default_world: labkit.World, channel: str, role: str, budget: float) -> None:
    outcome = simulate_campaign(default_world, _ids(default_world, role), channel, budget, seed=3, runs=3)
    steps = outcome.funnel.loc[list(FUNNEL)].to_numpy()
    assert (np.diff(steps, axis=0) <= 0).all(), outcome.funnel
    assert (outcome.runs["cost"] <= budget + 1e-9).all()


def test_budget_buys_invitations_at_the_worlds_cost(default_world: labkit.World) -> None:
    buyers = _ids(default_world, "buyer")
    camps, inv = default_world.campaigns, default_world.invitations
    mine = camps.loc[(camps["channel"].astype(str) == "letter") & (camps["kind"].astype(str) == "buyer_recruitment")]
    unit = mine["actual_cost"].sum() / inv["campaign_id"].isin(mine["campaign_id"]).sum()
    outcome = simulate_campaign(default_world, buyers, "letter", 1000, seed=1)
    assert outcome.runs.loc[1, "invited"] == int(1000 // unit)
    none = simulate_campaign(default_world, buyers, "letter", 0, seed=1)
    assert none.runs.loc[1, "invited"] == 0 and np.isnan(none.runs.loc[1, "cost_per_attendee"])


def test_rates_follow_the_worlds_channel_model(default_world: labkit.World) -> None:
    buyers = _ids(default_world, "buyer")
    outcome = simulate_campaign(default_world, buyers, "email", 1e9, seed=5, runs=4)
    runs = outcome.runs
    delivery = (runs["delivered"] / runs["invited"]).mean()
    n = runs["invited"].sum()
    assert abs(delivery - CHANNELS["email"].delivery) < 4 * np.sqrt(0.86 * 0.14 / n)
    # cost per attendee and ROI as the cost-effectiveness report counts them
    row = runs.loc[1]
    assert row["cost_per_attendee"] == pytest.approx(row["cost"] / row["attended"])
    assert row["roi"] == pytest.approx((row["revenue"] - row["cost"]) / row["cost"])
    assert (runs["incremental"] > 0).all()


def test_a_stronger_channel_brings_more_extra_buyers_per_target(default_world: labkit.World) -> None:
    buyers = _ids(default_world, "buyer").head(1000)
    phone = simulate_campaign(default_world, buyers, "phone", 1e9, seed=2).summary()
    sms = simulate_campaign(default_world, buyers, "sms", 1e9, seed=2).summary()
    assert phone["incremental"] > sms["incremental"]  # boost 3.0 against 1.2, same targets


@pytest.mark.parametrize("kwargs, message", [
    ({"channel": "website"}, "one of"),
    ({"budget": -5}, "budget"),
    ({"targets": []}, "at least one target"),
    ({"targets": [10**9]}, "not companies of this world"),
    ({"runs": 0}, "runs"),
])
def test_bad_plans_are_one_sentence(default_world: labkit.World, kwargs: dict, message: str) -> None:
    plan = {"targets": _ids(default_world, "buyer").head(50).tolist(), "channel": "email", "budget": 100.0, **kwargs}
    with pytest.raises(UsageError, match=message):
        simulate_campaign(default_world, plan.pop("targets"), plan.pop("channel"), plan.pop("budget"), **plan)


def test_mixed_roles_are_refused(default_world: labkit.World) -> None:
    mixed = [*_ids(default_world, "buyer").head(3), *_ids(default_world, "exhibitor").head(3)]
    with pytest.raises(UsageError, match="either exhibitors"):
        simulate_campaign(default_world, mixed, "email", 100)


@pytest.mark.parametrize("student", ["s001", "s002", "s0001"])
def test_exercise_grades_a_plan_by_its_simulated_outcome(student: str) -> None:
    world = labkit.load_world(student_id=student)
    spec = public_specs("lab4_campaigns")["q5"]
    benchmark = lab4_campaigns.expected("q5", world)
    good = {"channel": "sms", "targets": _ids(world, "buyer").tolist(), "budget": 3000}  # the master's plan
    poor = {"channel": "phone", "targets": _ids(world, "buyer").head(20).tolist(), "budget": 3000}
    for plan, ok in ((good, True), (poor, False)):
        assert public_problems(spec, plan, world) == []
        value = lab4_campaigns.graded_value(None, "q5", plan, student, world)
        assert compare(spec, value, benchmark)[0] is ok, (student, plan["channel"], value, benchmark)
    assert public_problems(spec, {**good, "budget": 5000}, world)  # over the budget
    assert public_problems(spec, {**good, "targets": _ids(world, "exhibitor").head(3).tolist()}, world)
    assert lab4_campaigns.graded_value(None, "q5", {"channel": "fax", "targets": [1]}, student, world) is None
