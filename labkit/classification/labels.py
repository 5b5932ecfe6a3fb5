"""Names of every segment code the classifiers return (细分类别名称), given in English and Chinese."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from labkit.i18n import course_term

Labels = dict[str, tuple[str, str]]


def bilingual_names(labels: Labels) -> dict[str, str]:
    """``{code: name}`` for tables and chart axes, each name in the display language."""
    return {code: course_term(en, zh) for code, (en, zh) in labels.items()}


def as_segments(codes: pd.Series | Sequence[str], labels: Labels, name: str, index: pd.Index | None = None) -> pd.Series:
    """Segment codes as a categorical Series whose categories are ``labels`` in their order."""
    if index is None:
        index = codes.index
    return pd.Series(pd.Categorical(list(codes), categories=list(labels)), index=index, name=name)
