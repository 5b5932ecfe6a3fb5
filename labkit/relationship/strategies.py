"""The six CRM strategies of exhibition CRM (会展客户关系管理策略; 教材第六章) and a strategy planner.

教材第六章 lists six strategies: customer acquisition 客户获得, customer retention 客户保留,
service quality 服务质量 (raise management and service levels; fast online service),
one-to-one personalised marketing 一对一的个性化营销 (track and meet the customer's service
needs; watch and raise its trading volume at the fair), partnership management 伙伴关系管理,
and organising buyers 组织"买家" (share buyer resources; invest in inviting buyers).

The planner gives each segment of the classification one strategy and one action:
``default_plan()`` is a table a group edits, ``plan_problems`` says what is wrong with an
edited plan, and ``target_list`` lists the customers each row of the plan reaches.
Segments: per role, *prospect* (never took part), *lapsing* (weakening 弱化 or disappeared
消失 in the exhibition lifecycle), and otherwise the value-matrix quadrant.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.errors import UsageError
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet, _
from labkit.values import is_blank

__all__ = [
    "ACTIONS", "PLAN_COLUMNS", "SEGMENTS", "STRATEGIES", "check_plan", "crm_segment", "default_plan", "plan_problems",
    "target_list",
]

STRATEGIES = LabelSet({
    "acquisition": Label("customer acquisition", "客户获得策略"),
    "retention": Label("customer retention", "客户保留策略"),
    "service_quality": Label("service quality", "服务质量策略"),
    "one_to_one": Label("one-to-one personalised marketing", "一对一的个性化营销策略"),
    "partnership": Label("partnership management", "伙伴关系管理策略"),
    "organise_buyers": Label("organising buyers", "组织“买家”策略"),
})

#: The action each strategy starts from (the textbook's sub-points where it gives them).
ACTIONS = LabelSet({
    "acquisition": Label("invite them through exhibitor and buyer recruitment campaigns", "通过招展、招商活动邀请潜在客户"),
    "retention": Label("find out why they stay away and win them back before they are lost", "找出不再参展的原因，在流失前挽回"),
    "service_quality": Label("raise management and service levels; fast online service", "提高管理与服务水平；快捷网络服务"),
    "one_to_one": Label("track and meet their service needs; raise their trading volume at the fair", "追踪与满足客户的服务需求；关注与提高客户的参展交易额"),
    "partnership": Label("treat them as partners: plan the next edition together", "作为合作伙伴：共同策划下一届展会"),
    "organise_buyers": Label("share buyer resources with exhibitors; invest in inviting key buyers", "买家资源共享；重金请买家"),
})

#: Segment -> (role, group, default strategy).
SEGMENTS: dict[str, tuple[str, str, str]] = {
    "exhibitor_prospect": ("exhibitor", "prospect", "acquisition"),
    "exhibitor_lapsing": ("exhibitor", "lapsing", "retention"),
    "exhibitor_value": ("exhibitor", "value", "partnership"),
    "exhibitor_potential_value": ("exhibitor", "potential_value", "one_to_one"),
    "exhibitor_sub_value": ("exhibitor", "sub_value", "service_quality"),
    "exhibitor_low_value": ("exhibitor", "low_value", "service_quality"),
    "buyer_prospect": ("buyer", "prospect", "acquisition"),
    "buyer_lapsing": ("buyer", "lapsing", "retention"),
    "buyer_value": ("buyer", "value", "organise_buyers"),
    "buyer_potential_value": ("buyer", "potential_value", "organise_buyers"),
    "buyer_sub_value": ("buyer", "sub_value", "service_quality"),
    "buyer_low_value": ("buyer", "low_value", "service_quality"),
}
GROUPS = LabelSet({
    "prospect": Label("prospect (never took part)", "潜在客户（从未参加）"),
    "lapsing": Label("lapsing (weakening or disappeared)", "弱化或消失的客户"),
    "value": Label("value customer", "价值客户"),
    "potential_value": Label("potential-value customer", "潜价值客户"),
    "sub_value": Label("sub-value customer", "次价值客户"),
    "low_value": Label("low-value customer", "低价值客户"),
})
PLAN_COLUMNS: tuple[str, ...] = ("segment", "role", "group", "strategy", "action")


def default_plan() -> pd.DataFrame:
    """The planner table: one row per segment with the strategy and action that fit it (edit it)."""
    rows = [{"segment": seg, "role": role, "group": GROUPS[group].text, "strategy": strategy,
             "action": ACTIONS[strategy].text} for seg, (role, group, strategy) in SEGMENTS.items()]
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))


def plan_problems(plan: Any) -> list[str]:
    """Everything wrong with an edited plan, one sentence each; empty when the plan is usable."""
    if not isinstance(plan, pd.DataFrame):
        return [_("the plan must be a table (DataFrame) like default_plan()")]
    missing = [c for c in ("segment", "strategy", "action") if c not in plan.columns]
    if missing:
        return [_("the plan lacks the column(s) {missing}").format(missing=", ".join(missing))]
    problems = []
    segments = plan["segment"].astype(str)
    for seg in sorted(set(SEGMENTS) - set(segments)):
        problems.append(_("segment {segment} has no row: every segment needs a strategy").format(segment=seg))
    for seg in sorted(set(segments[segments.duplicated()])):
        problems.append(_("segment {segment} has two rows: keep one strategy per segment").format(segment=seg))
    for seg in sorted(set(segments) - set(SEGMENTS)):
        problems.append(_("{segment} is not a segment; segments are: {known}").format(segment=seg, known=", ".join(SEGMENTS)))
    for seg, strategy, action in zip(segments, plan["strategy"], plan["action"], strict=True):
        if str(strategy) not in STRATEGIES:
            problems.append(_("{segment}: {strategy!r} is not one of the six strategies ({known})").format(
                segment=seg, strategy=strategy, known=", ".join(STRATEGIES)))
        if is_blank(action):
            problems.append(_("{segment}: write the action the team will take").format(segment=seg))
    if (plan.loc[segments.str.endswith("_prospect"), "strategy"].astype(str) == "retention").any():
        problems.append(_("prospects have never taken part: they cannot be retained, only acquired"))
    return problems


def check_plan(plan: Any) -> pd.DataFrame:
    """The plan, checked: raises one readable error listing the problems of :func:`plan_problems`."""
    problems = plan_problems(plan)
    if problems:
        raise UsageError(_("the strategy plan is not usable: {problems}").format(problems="; ".join(problems)))
    return plan


def crm_segment(features: pd.DataFrame, value_segment: pd.Series, exhibition_stage: pd.Series) -> pd.Series:
    """The planner's segment of every customer: role + prospect / lapsing / value-matrix quadrant."""
    require_columns(features, ["role", "participations"], "crm_segment")
    group = value_segment.astype("object").reindex(features.index)
    stage = exhibition_stage.astype("object").reindex(features.index)
    group[stage.isin(["weakening", "disappearance"])] = "lapsing"
    group[features["participations"] == 0] = "prospect"
    return (features["role"].astype(str) + "_" + group.astype(str)).rename("segment")


def target_list(plan: pd.DataFrame, segments: pd.Series, organisations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every customer with the strategy and action its segment gets in ``plan`` (the target lists).

    ``segments`` is :func:`crm_segment`; with ``organisations`` the company name is added.
    Columns: org_id, segment, strategy (code), strategy_name, action (and name).
    """
    plan = check_plan(plan).set_index(plan["segment"].astype(str))
    out = segments.rename("segment").to_frame()
    out["strategy"] = out["segment"].map(plan["strategy"].astype(str))
    out["strategy_name"] = out["strategy"].map(STRATEGIES.names())
    out["action"] = out["segment"].map(plan["action"].astype(str))
    if organisations is not None:
        require_columns(organisations, ["org_id", "name"], "target_list")
        out.insert(0, "name", out.index.map(organisations.set_index("org_id")["name"]))
    return out.reset_index()
