"""From raw answers to numbers: Likert items, dimension scores, distributions, response rate.

A single Likert item is **ordinal** (定序): "satisfied" is above "neutral", but the distance
between 3 and 4 is not known to equal the distance between 4 and 5. So a single item is
described by its distribution (counts and shares per answer, median) and compared between
groups with rank tests. A **multi-item scale** (the mean of the items of one dimension, 多题项
量表) is treated as **interval** (定距): averaging several items gives a score close enough to
continuous for means, correlations and regression. That is why dimension scores are means.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.facts import require_columns
from labkit.i18n import _
from labkit.world.schema import likert_dimensions


def numeric_answers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as float64 (missing answers NaN); text that is not a number raises ValueError."""
    numbers = frame.apply(lambda s: pd.to_numeric(s, errors="coerce")).astype("float64")
    text = [str(c) for c in frame.columns if numbers[c].isna().sum() > frame[c].isna().sum()]
    if text:
        raise DataError(_("these columns hold text, not scores: {text}").format(text=', '.join(text)))
    return numbers


def likert_frame(responses: pd.DataFrame, items: Sequence[str], low: int = 1, high: int = 5) -> pd.DataFrame:
    """The ``items`` columns as floats (missing answers as NaN), checked to lie on the scale."""
    require_columns(responses, items, "likert_frame")
    frame = numeric_answers(responses[list(items)])
    for col in items:
        bad = frame[col].dropna()
        bad = bad[(bad < low) | (bad > high) | (bad != np.round(bad))]
        if len(bad):
            raise DataError(_("{col} has answers outside the {low}-{high} scale: {values}").format(col=col, low=low, high=high, values=sorted(bad.unique().tolist())[:5]))
    return frame


def dimension_scores(
    responses: pd.DataFrame,
    dimensions: Mapping[str, Sequence[str]] | None = None,
    min_share: float = 0.5,
) -> pd.DataFrame:
    """Mean of each respondent's items per dimension (维度得分), an interval-level scale score.

    Missing answers: a respondent's score is the mean of the items they answered, if they
    answered at least ``min_share`` of the dimension's items (default half); otherwise NaN.
    ``dimensions`` defaults to the schema's grouping (content, organisation, interaction, overall).
    """
    if not 0 < min_share <= 1:
        raise UsageError(_("min_share must be a share of the items, above 0 and at most 1"))
    dims = dict(dimensions or likert_dimensions())
    out = pd.DataFrame(index=responses.index)
    for name, items in dims.items():
        frame = likert_frame(responses, items)
        enough = frame.notna().sum(axis=1) >= np.ceil(min_share * len(items))
        out[name] = frame.mean(axis=1).where(enough)
    return out


def item_distribution(responses: pd.DataFrame, items: Sequence[str], low: int = 1, high: int = 5) -> pd.DataFrame:
    """Share of each answer per item (rows items, columns ``low..high``), missing answers left out.

    The column ``n`` holds how many answered the item. This is what a diverging stacked bar draws.
    """
    frame = likert_frame(responses, items, low, high)
    levels = list(range(low, high + 1))
    counts = pd.DataFrame({col: frame[col].value_counts().reindex(levels, fill_value=0) for col in items}).T
    answered = counts.sum(axis=1)
    if (answered == 0).any():
        raise DataError(_("no answers at all for: {items}").format(items=', '.join(answered.index[answered == 0])))
    shares = counts.div(answered, axis=0)
    shares.columns = levels
    shares["n"] = answered.astype("int64")
    return shares


def response_rate(
    responses: pd.DataFrame,
    surveyed: pd.DataFrame,
    by: Sequence[str] = ("edition_id",),
) -> pd.DataFrame:
    """Response rate (回收率) = respondents / people surveyed, per group of ``by``.

    ``surveyed`` lists who was asked to answer (one row per org_id and edition, e.g. the
    participants of an edition); a response counts when its (org_id, edition_id) is in it.
    """
    keys = ["org_id", "edition_id"]
    require_columns(surveyed, [*keys, *by], "response_rate (surveyed)")
    require_columns(responses, keys, "response_rate (responses)")
    asked = surveyed.drop_duplicates(keys)
    answered = responses[keys].drop_duplicates().assign(responded=True)
    merged = asked.merge(answered, on=keys, how="left")
    merged["responded"] = merged["responded"].notna()
    out = merged.groupby(list(by), observed=True)["responded"].agg(surveyed="size", responses="sum")
    out["rate"] = out["responses"] / out["surveyed"]
    return out
