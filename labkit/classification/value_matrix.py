"""Value matrix: current value x potential value (客户价值矩阵; 试题库, DOMAIN.md "Classification").

试题库 (经济型客户细分): current value high and potential high -> value customer
价值客户; current high, potential low -> sub-value customer 次价值客户; current low, potential
high -> potential-value customer 潜价值客户; both low -> low-value customer 低价值客户. The
indicators of current value are profit, purchase volume and service cost (利润、购买量、服务成本);
loyalty shows potential value.
"""
from __future__ import annotations

import pandas as pd

from labkit.classification._checks import check_fraction
from labkit.classification.labels import as_segments
from labkit.classification.ranking import split_high
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet

VALUE_LABELS = LabelSet({
    "value": Label("value customer", "价值客户"),
    "sub_value": Label("sub-value customer", "次价值客户"),
    "potential_value": Label("potential-value customer", "潜价值客户"),
    "low_value": Label("low-value customer", "低价值客户"),
})

#: Loyalty signals averaged into potential value, each on a 0-1 scale.
POTENTIAL_SIGNALS: tuple[str, ...] = ("attendance_rate", "recommend", "future_plan", "volume_trend")


def current_value(features: pd.DataFrame) -> pd.Series:
    """Current value 当前价值 = purchase volume - cost to serve (a profit contribution, 利润贡献).

    Purchase volume is booth spend for exhibitors and signed purchases for buyers
    (see ``customer_features``); the cost to serve is the contact log plus complaint handling.
    """
    require_columns(features, ["purchase_volume", "cost_to_serve"], "current_value")
    return (features["purchase_volume"] - features["cost_to_serve"]).rename("current_value")


def potential_value(features: pd.DataFrame) -> pd.Series:
    """Potential value 潜在价值: mean of the loyalty signals the customer has, each 0-1.

    Signals: attendance rate since the first participation (repeat rate, 重复参与率), the
    latest 0-10 recommend answer / 10 (推荐意愿), future exhibiting/visiting plan (未来计划) and
    the purchase-volume trend (采购量变化). Missing survey answers are left out of the mean;
    the attendance rate is always there (0 for a customer who never took part).
    """
    require_columns(features, POTENTIAL_SIGNALS, "potential_value")
    signals = features[list(POTENTIAL_SIGNALS)].astype("float64").copy()
    signals["recommend"] = signals["recommend"] / 10
    signals["attendance_rate"] = signals["attendance_rate"].fillna(0.0)
    return signals.mean(axis=1, skipna=True).rename("potential_value")


def value_segment(current_high: pd.Series, potential_high: pd.Series) -> pd.Series:
    """The seed-004 quadrant for each pair of (current high?, potential high?) flags."""
    segment = pd.Series("low_value", index=current_high.index, dtype="object")
    segment[current_high & potential_high] = "value"
    segment[current_high & ~potential_high] = "sub_value"
    segment[~current_high & potential_high] = "potential_value"
    return as_segments(segment, VALUE_LABELS, "value_segment")


def value_matrix(features: pd.DataFrame, split: float = 0.5, by_role: bool = True) -> pd.DataFrame:
    """Classify every customer into the four value-matrix quadrants (试题库).

    A score is *high* when it is strictly above the ``split`` quantile of its group (default
    0.5, the median: the seed names no number; "above the median" is 高于中位数). A customer
    exactly at the split is not above it, so when most buyers have no deal (median 0) only
    buyers with a deal are high. With ``by_role`` (default) exhibitors and buyers are split
    separately, because their purchase volumes are different kinds of money.
    Returns ``current_value, potential_value, current_high, potential_high, segment``.
    """
    split = check_fraction(split, "split")
    if by_role:
        require_columns(features, ["role"], "value_matrix")
    groups = features["role"] if by_role else None
    out = pd.concat([current_value(features), potential_value(features)], axis=1)
    out["current_high"] = split_high(out["current_value"], groups, split)
    out["potential_high"] = split_high(out["potential_value"], groups, split)
    out["segment"] = value_segment(out["current_high"], out["potential_high"])
    return out
