"""Basic classification by region, industry and size (按区域、行业、规模分类; lab project 10, 教材第六章).

Lab project 10 asks students to classify the collected exhibitors and professional visitors by
region, industry and size. Region is the region group (区域, e.g. 华东/华南/华北) the world's
geography gives each province or state; industry and size band are the schema's enumerations.
"""
from __future__ import annotations

import pandas as pd

from labkit.classification.labels import as_segments
from labkit.errors import DataError, UsageError
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet, _
from labkit.world.schema import ENUMS, Role

#: Basic dimensions -> the customer column holding them.
BASIC_DIMENSIONS: dict[str, str] = {"region": "region_group", "industry": "industry", "size": "size_band"}

UNKNOWN = "unknown"
UNKNOWN_LABEL = Label("unknown", "未知")
ROLES: tuple[str, ...] = Role.codes()


def basic_labels(dimension: str, values: pd.Series) -> LabelSet:
    """Bilingual names of a basic dimension's categories; region groups (已是名称) by size, largest first."""
    if dimension == "region":
        counts = values.dropna().astype(str).value_counts()
        ordered = sorted(counts.index, key=lambda g: (-counts[g], g))
        return LabelSet({g: Label(g, g) for g in ordered}, unknown=UNKNOWN_LABEL)
    enum = ENUMS[BASIC_DIMENSIONS[dimension]]  # industry and size_band are schema enumerations
    return enum.labels | {UNKNOWN: UNKNOWN_LABEL}


def basic_class(features: pd.DataFrame, dimension: str) -> pd.Series:
    """Each customer's category on ``region``, ``industry`` or ``size`` (missing -> ``unknown`` 未知)."""
    if dimension not in BASIC_DIMENSIONS:
        raise UsageError(_("basic dimension must be one of {basic_dimensions}, got {dimension!r}").format(basic_dimensions=', '.join(BASIC_DIMENSIONS), dimension=dimension))
    column = BASIC_DIMENSIONS[dimension]
    require_columns(features, [column], "basic_class")
    values = features[column].astype("object")
    labels = basic_labels(dimension, values)
    return as_segments(values.fillna(UNKNOWN), labels, dimension)


def composition(segments: pd.Series, roles: pd.Series) -> pd.DataFrame:
    """Counts and shares of each category for exhibitors, buyers and in total (客户构成).

    Rows are the categories in their own order (empty ones kept, so charts stay comparable);
    columns ``exhibitor, buyer, total`` (counts) and ``exhibitor_share, buyer_share,
    total_share`` (fractions of the column's customers; 0 when a role has none).
    """
    segments, roles = segments.align(roles, join="inner")
    bad = sorted(set(roles.dropna().astype(str)) - set(ROLES))
    if bad:
        raise DataError(_("role must be exhibitor or buyer, found {bad}").format(bad=bad))
    table = pd.crosstab(segments, pd.Categorical(roles.astype("object"), categories=list(ROLES)), dropna=False)
    table = table.reindex(columns=list(ROLES), fill_value=0)
    if isinstance(segments.dtype, pd.CategoricalDtype):
        table = table.reindex(segments.cat.categories, fill_value=0)
    table.columns = list(ROLES)
    table["total"] = table.sum(axis=1)
    for column in [*ROLES, "total"]:
        total = table[column].sum()
        table[f"{column}_share"] = table[column] / total if total else 0.0
    table.index.name = segments.name
    return table
