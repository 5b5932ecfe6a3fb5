"""Loyalty ladder from behaviour and recommendation (客户忠诚阶梯; 试题库, DOMAIN.md).

试题库 (exam bank): a skeptic 怀疑者 has no interest and brings the organiser nothing; a
follower 跟随者 buys again and feels it belongs, but gives no active support beyond buying;
an advocate 拥护者 actively supports the organiser by recommending it to others; a partner
合伙人 is the most loyal customer of all.

A customer who took part once (and so paid, or came) is none of the four: not a skeptic, since
it did buy, and not yet a follower, since it has not bought again. The kit gives it the rung
between them, the first-time customer 首次购买者 of the longer loyalty ladder (Griffin's).
"""
from __future__ import annotations

import pandas as pd

from labkit.classification._checks import check_count, check_fraction, check_score
from labkit.classification.labels import as_segments
from labkit.classification.ranking import split_high
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet

LABELS = LabelSet({
    "skeptic": Label("skeptic", "怀疑者"),
    "first_time": Label("first-time customer", "首次购买者"),
    "follower": Label("follower", "跟随者"),
    "advocate": Label("advocate", "拥护者"),
    "partner": Label("partner", "合伙人"),
})


def loyalty_ladder(
    features: pd.DataFrame,
    repeat_min: int = 2,
    promoter_min: float = 9,
    partner_min_participations: int = 4,
    partner_spend_quantile: float = 0.5,
) -> pd.Series:
    """Rung of the loyalty ladder for every customer.

    - follower 跟随者: a repeat participant (``repeat_min`` or more editions, default 2);
    - advocate 拥护者: a repeat participant who recommends: latest 0-10 recommend answer at
      least ``promoter_min`` (default 9, a promoter in the net promoter score);
    - partner 合伙人: an advocate who has also taken part ``partner_min_participations`` times
      (default 4) and whose purchase volume is above the ``partner_spend_quantile`` of its
      role (default: above the median);
    - first-time customer 首次购买者: took part, or bought, but fewer than ``repeat_min`` times;
    - skeptic 怀疑者: never took part and bought nothing: it brings the organiser nothing.
    A missing recommend answer never counts as recommending.
    The seed gives the rungs, not numbers; the defaults are the kit's.
    """
    repeat_min = check_count(repeat_min, "repeat_min", minimum=2)
    promoter_min = check_score(promoter_min, "promoter_min", 0, 10)
    partner_min_participations = check_count(partner_min_participations, "partner_min_participations", minimum=repeat_min)
    partner_spend_quantile = check_fraction(partner_spend_quantile, "partner_spend_quantile")
    require_columns(features, ["role", "participations", "recommend", "purchase_volume"], "loyalty_ladder")
    n = features["participations"]
    repeat = n >= repeat_min
    promoter = features["recommend"].astype("float64") >= promoter_min  # NaN -> False
    big = split_high(features["purchase_volume"].astype("float64"), features["role"], partner_spend_quantile)
    bought = (n > 0) | (features["purchase_volume"].astype("float64").fillna(0) > 0)
    rung = pd.Series("skeptic", index=features.index, dtype="object")
    rung[bought] = "first_time"
    rung[repeat] = "follower"
    rung[repeat & promoter] = "advocate"
    rung[repeat & promoter & (n >= partner_min_participations) & big] = "partner"
    return as_segments(rung, LABELS, "loyalty")
