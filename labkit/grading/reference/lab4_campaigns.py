"""Reference answers for campaigns and reports (营销活动与报表), in plain pandas.

q3 (cost per attendee 每到场客户成本) is the report's own figure: one definition, in
``labkit.facts.campaigns``, for lesson 06 and this exercise; the master solution computes it
again from the tables, so the two are checked against each other.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.reports import campaign_cost_effectiveness

NEEDS_WORLD = True
FORBIDDEN: tuple[str, ...] = ("labkit.reports", "labkit.grading", "labkit.widgets")
STEPS = ["responded", "confirmed", "attended"]


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
    raise KeyError(question)
