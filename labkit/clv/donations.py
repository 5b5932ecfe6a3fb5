"""The donation data of Fader, Hardie & Shang (2010), as shipped by ``lifetimes`` (真实数据).

11,104 first-time donors of 1995 to a non-profit organisation, and in which of the six following
years each gave again: the discrete-time data BG/BB was published on. Read straight from the
CSV file in lifetimes' package, not through ``lifetimes.datasets``, which imports
``pkg_resources`` (gone from setuptools 82 on).
"""
from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["donations"]


def donations() -> pd.DataFrame:
    """One row per donor: ``frequency`` (repeat years, x), ``recency`` (last year given, t_x), ``n_periods``."""
    with (resources.files("lifetimes") / "datasets" / "donations.csv").open("rb") as handle:
        grouped = pd.read_csv(handle)
    rows = grouped.loc[grouped.index.repeat(grouped["weights"]), ["frequency", "recency", "periods"]]
    return rows.rename(columns={"periods": "n_periods"}).reset_index(drop=True)
