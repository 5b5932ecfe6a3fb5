"""Every classification dimension behind one call, for tables, widgets and the CLI (分类维度)."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from labkit.classification import lifecycle, loyalty, rfm, track_care
from labkit.classification.profile import (
    BASIC_DIMENSIONS,
    basic_class,
    basic_labels,
    composition,
)
from labkit.classification.titles import ROLE_TITLES, TITLES
from labkit.classification.value_matrix import VALUE_LABELS as VALUE_MATRIX_LABELS
from labkit.classification.value_matrix import value_matrix
from labkit.errors import UsageError
from labkit.i18n import LabelSet, _

_RULES: dict[str, tuple[Callable[[pd.DataFrame], pd.Series], LabelSet]] = {
    "value_matrix": (lambda f: value_matrix(f)["segment"], VALUE_MATRIX_LABELS),
    "lifecycle": (lifecycle.lifecycle_stage, lifecycle.LABELS),
    "loyalty": (loyalty.loyalty_ladder, loyalty.LABELS),
    "track_care": (track_care.track_or_care, track_care.LABELS),
    "rfm": (lambda f: rfm.rfm_segment(rfm.rfm_scores(f)), rfm.LABELS),
}


def classify(features: pd.DataFrame, dimension: str) -> tuple[pd.Series, LabelSet]:
    """Each customer's category on ``dimension`` (with the textbook defaults) and its labels.

    Track-vs-care covers exhibitors only and RFM customers who took part at least once.
    """
    if dimension in BASIC_DIMENSIONS:
        series = basic_class(features, dimension)
        return series, basic_labels(dimension, features[BASIC_DIMENSIONS[dimension]])
    if dimension not in _RULES:
        raise UsageError(_("dimension must be one of {titles}, got {dimension!r}").format(titles=', '.join(TITLES), dimension=dimension))
    rule, labels = _RULES[dimension]
    return rule(features), labels


def composition_table(features: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Counts and shares per role of one dimension, with a ``label`` column first (the name in the display language)."""
    series, labels = classify(features, dimension)
    table = composition(series, features["role"])
    table.insert(0, "label", table.index.map(labels.names()))
    return table


def role_view(table: pd.DataFrame, role: str) -> pd.DataFrame:
    """The label, count and share of one role (``total``, ``exhibitor`` or ``buyer``) of a :func:`composition_table`."""
    if role not in ROLE_TITLES:
        raise UsageError(_("role must be one of {role_titles}, got {role!r}").format(role_titles=', '.join(ROLE_TITLES), role=role))
    view = table[["label", role, f"{role}_share"]]
    return view.set_axis(["label", "count", "share"], axis=1)
