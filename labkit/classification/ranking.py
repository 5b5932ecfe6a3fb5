"""Ranking customers against their peers: splits at a quantile and quantile scores (排名与分位).

Two rules, each stated where it is used:

- :func:`split_high` (value matrix, loyalty ladder, track vs care): *high* means strictly
  above the split value of the group, e.g. above the median. When more than half the buyers
  have no deal at all, the median is 0 and only buyers with a deal are high.
- :func:`quantile_bin` (RFM scores): tied customers share the bin where the middle of their
  block falls (mid-rank). Without ties it is exactly ``pandas.qcut``.
"""
from __future__ import annotations

import pandas as pd


def split_high(values: pd.Series, groups: pd.Series | None, quantile: float) -> pd.Series:
    """True where a value is strictly above the ``quantile`` of its group (0.5 = the median)."""
    if groups is None:
        return values > values.quantile(quantile)
    cut = values.groupby(groups, observed=True).transform(lambda s: s.quantile(quantile))
    return values > cut


def quantile_bin(values: pd.Series, bins: int) -> pd.Series:
    """1 + floor(bins x (average rank - 1/2) / n), in exact integer arithmetic (1 = lowest values).

    Average ranks are whole or half numbers, so 2 x rank - 1 is a whole number and the bin is
    1 + (bins x (2 rank - 1)) // (2 n), with no rounding error at a bin edge.
    """
    twice = (2 * values.rank(method="average") - 1).round().astype("Int64")
    return 1 + (bins * twice) // (2 * int(values.notna().sum()))
