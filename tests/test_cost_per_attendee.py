"""Cost per attendee (每到场客户成本) has one definition: lesson 06's report and exercise lab4 agree."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

import labkit
from labkit import facts
from labkit.grading.reference import lab4_campaigns
from labkit.reports import campaign_cost_effectiveness

SOURCE = Path(__file__).resolve().parents[1] / "exercises" / "source" / "lab4_campaigns.ipynb"
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def _master_q3(world: labkit.World) -> pd.DataFrame:
    """Run the master notebook's own q3 solution (plain pandas on the tables) on ``world``."""
    nb = json.loads(SOURCE.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c.get("metadata", {}).get("labkit", {}).get("question") == "q3"
                and c["metadata"]["labkit"].get("kind") == "answer")
    names = {"pd": pd, "np": np, "world": world, "campaigns": world.campaigns, "invitations": world.invitations}
    exec(SOLUTION.search("".join(cell["source"])).group(1), names)  # noqa: S102 - our own master
    return names["q3_answer"]


def test_lesson_report_and_exercise_count_the_same(default_world: labkit.World) -> None:
    report = campaign_cost_effectiveness(default_world).set_index("campaign_id")
    master = _master_q3(default_world).set_index("campaign_id")["cost_per_attendee"]
    reference = lab4_campaigns.expected("q3", default_world).set_index("campaign_id")["cost_per_attendee"]
    came = report.loc[report["attended"] > 0, "cost_per_attendee"]
    pd.testing.assert_series_equal(master.sort_index(), came.sort_index(), check_names=False)
    pd.testing.assert_series_equal(reference.sort_index(), came.sort_index(), check_names=False)
    # every campaign in the report with nobody attending is left out, not divided by zero
    assert report.loc[report["attended"] == 0, "cost_per_attendee"].isna().all()


def test_attended_invitations_are_a_different_count(default_world: labkit.World) -> None:
    # the old exercise divided by attended invitations: a company invited twice counted twice and
    # website/magazine campaigns had none. The one rule counts the companies each campaign won.
    inv = default_world.invitations
    by_invitation = inv.groupby("campaign_id")["attended"].sum()
    won = facts.campaign_attendees(default_world)
    both = pd.concat([by_invitation.rename("invitations"), won.rename("won")], axis=1).fillna(0)
    assert (both["invitations"] != both["won"]).sum() > 0
    assert (both["won"] <= both["invitations"]).loc[both.index.isin(inv["campaign_id"])].mean() > 0.5
