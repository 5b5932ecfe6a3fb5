"""Loyalty types and how to cultivate each (客户忠诚感的分类、会展客户忠诚感的培育策略; 教材第六章).

The textbook chapter classifies loyalty and gives a cultivation strategy per type; the course
material names the headings, so the kit uses the classification they come from (Dick & Basu
1994): loyalty is an **attitude** (does the customer want to stay? here the loyalty-intention
scale 忠诚感 of the survey) together with a **behaviour** (does it come back? repeat
participation). Four types follow:

- true loyalty 真正忠诚: positive attitude and repeat participation;
- latent loyalty 潜在忠诚: positive attitude, but it seldom comes (something keeps it away);
- spurious loyalty 虚假忠诚 (惰性忠诚): comes again, without attachment (habit, no alternative);
- no loyalty 不忠诚: neither.

Customers who never answered the loyalty items have no measured attitude: ``unknown`` 未知.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.classification._checks import check_count, check_fraction, check_score
from labkit.classification.labels import as_segments
from labkit.facts import require_columns, table
from labkit.i18n import Label, LabelSet
from labkit.world.schema import relationship_constructs

__all__ = ["CULTIVATION", "LABELS", "latest_intention", "loyalty_types"]

LABELS = LabelSet({
    "true": Label("true loyalty", "真正忠诚"),
    "latent": Label("latent loyalty", "潜在忠诚"),
    "spurious": Label("spurious loyalty", "虚假忠诚"),
    "none": Label("no loyalty", "不忠诚"),
    "unknown": Label("unknown", "未知"),
})

#: Cultivation strategy per type (培育策略), from the measures the course material lists:
#: membership with exclusive benefits, customer events for belonging, feedback acted on,
#: offers and conveniences (优惠或便利措施), partnership management.
CULTIVATION = LabelSet({
    "true": Label("keep and reward: membership benefits, exclusive services, invite into partnership", "保持与回报：会员专属福利和服务，发展为合作伙伴"),
    "latent": Label("remove what keeps them away: offers and conveniences, a personal invitation", "消除参展障碍：提供优惠或便利措施，一对一邀请"),
    "spurious": Label("turn habit into attachment: act on their feedback, customer events for belonging", "把习惯变成感情：收集意见并及时解决问题，举办客户活动增强归属感"),
    "none": Label("low-cost contact only; treat them with the acquisition strategy", "低成本保持联系，按客户获得策略对待"),
    "unknown": Label("ask first: survey them to measure their attitude", "先调查：通过问卷了解客户态度"),
})


def latest_intention(world: object) -> pd.Series:
    """Each respondent's loyalty-intention score (mean of the answered loyalty items) at its latest survey."""
    responses = table(world, "survey_responses", "latest_intention")
    items = relationship_constructs()["loyalty"]
    require_columns(responses, ["org_id", "edition_id", *items], "latest_intention")
    scored = responses[["org_id", "edition_id"]].assign(intention=responses[items].astype("float64").mean(axis=1))
    scored = scored.dropna(subset=["intention"]).sort_values(["org_id", "edition_id"])
    return scored.groupby("org_id")["intention"].last()


def loyalty_types(features: pd.DataFrame, intention: pd.Series, attitude_min: float = 4.0,
                  repeat_min: int = 2, rate_min: float = 0.5) -> pd.DataFrame:
    """Loyalty type of every customer of ``features`` (attitude x behaviour).

    Attitude is positive when ``intention`` (1-5, e.g. :func:`latest_intention`) is at least
    ``attitude_min`` (default 4, "agree"); behaviour is repeat when the customer took part at
    least ``repeat_min`` times (default 2) and in at least ``rate_min`` (default half) of the
    editions since its first. The numbers are the kit's defaults. Returns the columns
    ``intention, positive_attitude, repeat_behaviour, type, cultivation``.
    """
    attitude_min = check_score(attitude_min, "attitude_min", 1, 5)
    repeat_min = check_count(repeat_min, "repeat_min", minimum=2)
    rate_min = check_fraction(rate_min, "rate_min")
    require_columns(features, ["participations", "attendance_rate"], "loyalty_types")
    out = pd.DataFrame(index=features.index)
    out["intention"] = pd.Series(intention, dtype="float64").reindex(features.index)
    out["positive_attitude"] = out["intention"] >= attitude_min
    out["repeat_behaviour"] = (features["participations"] >= repeat_min) & (features["attendance_rate"].fillna(0) >= rate_min)
    kind = np.select(
        [out["intention"].isna(), out["positive_attitude"] & out["repeat_behaviour"], out["positive_attitude"],
         out["repeat_behaviour"]],
        ["unknown", "true", "latent", "spurious"], "none")
    out["type"] = as_segments(pd.Series(kind, index=features.index), LABELS, "loyalty_type")
    out["cultivation"] = out["type"].astype("object").map(CULTIVATION.names())
    return out
