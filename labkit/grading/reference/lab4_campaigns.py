"""Reference answers for campaigns and reports (营销活动与报表), in plain pandas.

q3 (cost per attendee 每到场客户成本) is the report's own figure: one definition, in
``labkit.facts.campaigns``, for lesson 06 and this exercise; the master solution computes it
again from the tables, so the two are checked against each other. q5 grades a campaign plan by its
outcome in the campaign simulator, against a benchmark plan.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.errors import LabkitError
from labkit.reports import campaign_cost_effectiveness, simulate_campaign
from labkit.world.schema import Role

NEEDS_WORLD = True
FORBIDDEN: tuple[str, ...] = ("labkit.reports", "labkit.grading", "labkit.widgets")
STEPS = ["responded", "confirmed", "attended"]
#: q5: a plan is graded by its simulated outcome (extra buyers it brings), with this seed and budget
PLAN_SEED = 2025
PLAN_BUDGET = 3000.0


def _extra_buyers(world: Any, targets: Any, channel: str, budget: float) -> float:
    return float(simulate_campaign(world, targets, channel, budget, seed=PLAN_SEED).summary()["incremental"])


def graded_value(master: Any, question: str, answer: Any, student_id: str | None, world: Any) -> Any:
    """q5: the plan's simulated number of extra buyers (None when it cannot be simulated)."""
    if question != "q5":
        return answer
    try:
        return _extra_buyers(world, list(answer["targets"]), str(answer["channel"]), float(answer["budget"]))
    except (LabkitError, KeyError, TypeError, ValueError):
        return None


def _invitations(world: Any) -> pd.DataFrame:
    t = world.tables
    return t["invitations"].merge(t["campaigns"][["campaign_id", "kind", "channel", "actual_cost"]], on="campaign_id")


def expected(question: str, world: Any) -> Any:
    inv = _invitations(world)
    if question == "q1":
        kind = inv["kind"].astype(str)
        table = inv[STEPS].astype(int).groupby(kind).sum()
        table.insert(0, "invited", kind.value_counts())
        return table.rename_axis("kind").reset_index()
    if question == "q2":
        rates = inv["responded"].astype(float).groupby(inv["channel"].astype(str)).mean()
        return pd.DataFrame({"channel": rates.index, "response_rate": rates.to_numpy()})
    if question == "q3":
        report = campaign_cost_effectiveness(world)
        came = report.loc[report["attended"] > 0]
        return pd.DataFrame({"campaign_id": came["campaign_id"].to_numpy(),
                             "cost_per_attendee": came["cost_per_attendee"].to_numpy()})
    if question == "q5":  # the benchmark plan: email to the buyers in the order of their org_id
        orgs = world.tables["organisations"]
        buyers = orgs.loc[orgs["role"].astype(str) == Role.buyer, "org_id"].sort_values()
        return _extra_buyers(world, buyers, "email", PLAN_BUDGET)
    raise KeyError(question)
