"""Attendance report (客户到场统计报表), 教材第六章: invited -> responded -> confirmed -> attended.

For each edition and campaign kind (招展 exhibitors, 招商 buyers, 优惠或便利措施 offers to known buyers) the report counts distinct
companies at each step of the funnel (漏斗). A company reaches a step only through the steps
before it on the same invitation (responded, then confirmed, then attended), so the funnel
never increases; a company that came without answering its invitation is not counted as a
campaign attendee. Step conversion (转化率) = this step / the step before.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.facts import edition_sequence, table
from labkit.i18n import Label, LabelSet
from labkit.reports.rates import ratio

STEPS = ("invited", "responded", "confirmed", "attended")
#: step / campaign kind -> its label, shown in the display language
STEP_LABELS = LabelSet({
    "invited": Label("Invited", "邀请"), "responded": Label("Responded", "响应"),
    "confirmed": Label("Confirmed", "确认"), "attended": Label("Attended", "实际到场"),
})
KIND_LABELS = LabelSet({"exhibitor_recruitment": Label("Exhibitor recruitment", "招展"), "buyer_recruitment": Label("Buyer recruitment", "招商"),
               "visitor_incentive": Label("Offers to visitors", "优惠或便利措施")})


def kind_label(kind: str) -> str:
    """A campaign kind (招展 / 招商) in the display language."""
    return KIND_LABELS.text(kind)


def attendance_funnel(world: Any) -> pd.DataFrame:
    """Distinct companies per step, step conversions and overall conversion, per edition and kind."""
    inv = table(world, "invitations").merge(
        table(world, "campaigns")[["campaign_id", "edition_id", "kind"]], on="campaign_id", validate="many_to_one")
    reached = inv[["edition_id", "kind", "org_id"]].copy()
    reached["kind"] = reached["kind"].astype(str)
    reached["invited"] = True
    reached["responded"] = inv["responded"].astype(bool)
    reached["confirmed"] = reached["responded"] & inv["confirmed"].astype(bool)
    reached["attended"] = reached["confirmed"] & inv["attended"].astype(bool)
    per_org = reached.groupby(["edition_id", "kind", "org_id"])[list(STEPS)].any()
    out = per_org.groupby(["edition_id", "kind"]).sum().astype("int64").reset_index()
    eds = edition_sequence(world)[["edition_id", "name", "start_date"]].rename(columns={"name": "edition"})
    out = eds.merge(out, on="edition_id").sort_values(["start_date", "kind"], ascending=[True, False])
    for before, step in zip(STEPS, STEPS[1:]):
        out[f"{step}_rate"] = ratio(out[step], out[before])
    out["overall_rate"] = ratio(out["attended"], out["invited"])
    return out.drop(columns="start_date").reset_index(drop=True)
