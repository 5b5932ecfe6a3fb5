"""Every classification dimension behind one call, for tables, widgets and the CLI (分类维度)."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from labkit.classification import lifecycle, loyalty, rfm, track_care, value_matrix
from labkit.classification.labels import Labels, bilingual_names
from labkit.classification.profile import BASIC_DIMENSIONS, basic_class, basic_labels, composition

#: Dimension -> (English, 中文) title.
TITLES: dict[str, tuple[str, str]] = {
    "region": ("Region", "区域"),
    "industry": ("Industry", "行业"),
    "size": ("Size", "企业规模"),
    "value_matrix": ("Value matrix", "客户价值矩阵"),
    "lifecycle": ("Relationship lifecycle", "关系生命周期"),
    "loyalty": ("Loyalty ladder", "忠诚阶梯"),
    "track_care": ("Track vs care (exhibitors)", "跟踪与关怀(参展商)"),
    "rfm": ("RFM segment", "RFM 细分"),
}

_RULES: dict[str, tuple[Callable[[pd.DataFrame], pd.Series], Labels]] = {
    "value_matrix": (lambda f: value_matrix.value_matrix(f)["segment"], value_matrix.LABELS),
    "lifecycle": (lifecycle.lifecycle_stage, lifecycle.LABELS),
    "loyalty": (loyalty.loyalty_ladder, loyalty.LABELS),
    "track_care": (track_care.track_or_care, track_care.LABELS),
    "rfm": (lambda f: rfm.rfm_segment(rfm.rfm_scores(f)), rfm.LABELS),
}


def classify(features: pd.DataFrame, dimension: str) -> tuple[pd.Series, Labels]:
    """Each customer's category on ``dimension`` (with the textbook defaults) and its labels.

    Track-vs-care covers exhibitors only and RFM customers who took part at least once.
    """
    if dimension in BASIC_DIMENSIONS:
        series = basic_class(features, dimension)
        return series, basic_labels(dimension, features[BASIC_DIMENSIONS[dimension]])
    if dimension not in _RULES:
        raise ValueError(f"dimension must be one of {', '.join(TITLES)}, got {dimension!r}")
    rule, labels = _RULES[dimension]
    return rule(features), labels


def composition_table(features: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Counts and shares per role of one dimension, with a bilingual ``label`` column first."""
    series, labels = classify(features, dimension)
    table = composition(series, features["role"])
    table.insert(0, "label", table.index.map(bilingual_names(labels)))
    return table
