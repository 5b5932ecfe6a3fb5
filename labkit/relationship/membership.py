"""Membership tiers and points (会员体系、积分; 会议客户关系管理课件).

The conference-CRM deck: build a membership system with levels and benefits; points
encourage customers to take part in meetings and activities; serve each level differently
(priority registration 优先报名权, a dedicated service channel 专属服务通道, discounts 折扣优惠)
and hold member events 会员活动. The kit's points rule (every number is a default a teacher
may change)::

    points = per_participation x editions taken part in
           + floor(booth spend / spend_unit)          (spend_unit in CNY, scaled to the world's money)
           + per_deal x signed deals (as buyer or exhibitor)
           + per_survey x surveys answered

The tier is the highest whose threshold the points reach.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit.errors import UsageError
from labkit.facts import booth_spend, participations, per_org, signed_deals, table
from labkit.i18n import Label, LabelSet, _
from labkit.world.locales import world_locale

__all__ = ["BENEFITS", "TIERS", "TIER_NAMES", "PointsRule", "membership", "member_points", "tier_of"]

#: Tier -> points needed.
TIERS: dict[str, int] = {"member": 0, "silver": 500, "gold": 1500, "platinum": 4000}
TIER_NAMES = LabelSet({
    "member": Label("member", "普通会员"),
    "silver": Label("silver member", "银卡会员"),
    "gold": Label("gold member", "金卡会员"),
    "platinum": Label("platinum member", "白金会员"),
})
#: Benefits of each tier (each tier also has those of the tiers below it).
BENEFITS = LabelSet({
    "member": Label("newsletter and online registration", "会刊信息、网上报名"),
    "silver": Label("+ priority registration", "+ 优先报名权"),
    "gold": Label("+ dedicated service channel", "+ 专属服务通道"),
    "platinum": Label("+ discounts and member events", "+ 折扣优惠、会员活动"),
})


@dataclass(frozen=True)
class PointsRule:
    """How a customer earns points (积分规则); see the module docstring."""

    per_participation: int = 100
    spend_unit: float = 100.0   # CNY of booth spend per point
    per_deal: int = 50
    per_survey: int = 20

    def __post_init__(self) -> None:
        for name in ("per_participation", "per_deal", "per_survey"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise UsageError(_("{name} must be a whole number of points, 0 or more, got {value!r}").format(
                    name=name, value=value))
        if isinstance(self.spend_unit, bool) or not isinstance(self.spend_unit, int | float) or self.spend_unit <= 0:
            raise UsageError(_("spend_unit must be a positive amount of money per point, got {value!r}").format(
                value=self.spend_unit))


def _money_scale(world: Any) -> float:
    locale = getattr(world, "locale", None)
    return world_locale(locale).money.scale if locale else 1.0


def member_points(world: Any, rule: PointsRule | None = None) -> pd.DataFrame:
    """Points of every organisation, with what they came from.

    Columns: participations, spend, deals, surveys, points (index org_id).
    """
    rule = rule or PointsRule()
    orgs = pd.Index(table(world, "organisations", "member_points")["org_id"], name="org_id")
    part = participations(world)
    deals = signed_deals(world)
    surveys = table(world, "survey_responses", "member_points")
    out = pd.DataFrame(index=orgs)
    out["participations"] = per_org(orgs, part["org_id"]).astype(np.int64)
    out["spend"] = booth_spend(world, orgs).to_numpy()
    out["deals"] = (per_org(orgs, deals["buyer_org_id"]) + per_org(orgs, deals["exhibitor_org_id"])).astype(np.int64)
    out["surveys"] = per_org(orgs, surveys["org_id"]).astype(np.int64)
    spend_points = np.floor(out["spend"] / (rule.spend_unit * _money_scale(world)) + 1e-9).astype(np.int64)
    out["points"] = (rule.per_participation * out["participations"] + spend_points
                     + rule.per_deal * out["deals"] + rule.per_survey * out["surveys"])
    return out


def tier_of(points: pd.Series, tiers: dict[str, int] | None = None) -> pd.Series:
    """The highest tier whose threshold ``points`` reach (categorical, lowest tier first)."""
    ordered = sorted((tiers or TIERS).items(), key=lambda kv: kv[1])
    if ordered[0][1] != 0:
        raise UsageError(_("the lowest tier must start at 0 points, so every customer has a tier"))
    thresholds = [points_needed for _code, points_needed in ordered]
    codes = [code for code, _points in ordered]
    index = np.searchsorted(thresholds, points.to_numpy(), side="right") - 1
    return pd.Series(pd.Categorical(np.array(codes, dtype=object)[index], categories=codes), index=points.index, name="tier")


def membership(world: Any, rule: PointsRule | None = None) -> pd.DataFrame:
    """Points, tier and the tier's benefits for every organisation (会员等级)."""
    out = member_points(world, rule)
    out["tier"] = tier_of(out["points"])
    out["tier_name"] = out["tier"].astype("object").map(TIER_NAMES.names())
    out["benefits"] = out["tier"].astype("object").map(BENEFITS.names())
    return out
