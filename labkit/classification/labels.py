"""Segment codes as categories in the order of their labels (细分类别); the labels are :class:`labkit.i18n.LabelSet`."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from labkit.i18n import LabelSet


def as_segments(codes: pd.Series | Sequence[str], labels: LabelSet, name: str, index: pd.Index | None = None) -> pd.Series:
    """Segment codes as a categorical Series whose categories are ``labels`` in their order."""
    if index is None:
        index = codes.index
    return pd.Series(pd.Categorical(list(codes), categories=list(labels)), index=index, name=name)
