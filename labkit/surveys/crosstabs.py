"""Cross-tabulation (交叉分析) of answers by respondent group, with significance tests.

- ``crosstab_test``: counts of an answer by group (role, region group, business type) and
  Pearson's chi-square test of independence (卡方检验, no Yates correction) with Cramér's V
  (0 = no association, 1 = perfect). Works for any categorical answer, including a single
  Likert item taken as categories. The test is unreliable when many expected counts are
  below 5; ``low_expected_share`` says how many.
- ``compare_groups``: a single Likert item is ordinal, so groups are compared on ranks, not
  means: Mann-Whitney U for two groups (曼-惠特尼U检验), Kruskal-Wallis H for more
  (克鲁斯卡尔-沃利斯检验). Missing answers and missing group labels are left out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from labkit.errors import DataError
from labkit.facts import require_columns
from labkit.i18n import _


@dataclass(frozen=True)
class CrosstabResult:
    """A contingency table and its chi-square test."""

    table: pd.DataFrame
    chi2: float
    dof: int
    p_value: float
    cramers_v: float
    low_expected_share: float

    @property
    def n(self) -> int:
        return int(self.table.to_numpy().sum())


def crosstab_test(responses: pd.DataFrame, by: str, answer: str) -> CrosstabResult:
    """Counts of ``answer`` (columns) per group of ``by`` (rows), chi-square test and Cramér's V."""
    require_columns(responses, [by, answer], "crosstab_test")
    pair = responses[[by, answer]].dropna()
    table = pd.crosstab(pair[by].astype("object"), pair[answer].astype("object"))
    if min(table.shape) < 2:
        raise DataError(_("a cross-tab needs at least two groups of {by!r} and two answers of {answer!r} after dropping missing values").format(by=by, answer=answer))
    chi2, p, dof, expected = stats.chi2_contingency(table.to_numpy(), correction=False)
    n = table.to_numpy().sum()
    v = np.sqrt(chi2 / (n * (min(table.shape) - 1)))
    return CrosstabResult(table, float(chi2), int(dof), float(p), float(v), float((expected < 5).mean()))


@dataclass(frozen=True)
class GroupComparison:
    """A rank test of one ordinal item across groups."""

    test: str
    statistic: float
    p_value: float
    medians: pd.Series
    sizes: pd.Series


def compare_groups(responses: pd.DataFrame, by: str, item: str) -> GroupComparison:
    """Compare an ordinal item across the groups of ``by``: Mann-Whitney U (2 groups) or Kruskal-Wallis H."""
    require_columns(responses, [by, item], "compare_groups")
    pair = responses[[by, item]].dropna()
    values = pd.to_numeric(pair[item], errors="coerce").astype("float64")
    groups = {str(name): values[pair[by] == name].to_numpy() for name in pd.unique(pair[by])}
    groups = {name: g for name, g in groups.items() if len(g)}
    if len(groups) < 2:
        raise DataError(_("comparing {item!r} needs answers from at least two groups of {by!r}").format(item=item, by=by))
    samples = list(groups.values())
    if len(groups) == 2:
        result = stats.mannwhitneyu(*samples, alternative="two-sided")
        test = "Mann-Whitney U"
    else:
        result = stats.kruskal(*samples)
        test = "Kruskal-Wallis H"
    medians = pd.Series({name: float(np.median(g)) for name, g in groups.items()}, name="median")
    sizes = pd.Series({name: len(g) for name, g in groups.items()}, name="n")
    return GroupComparison(test, float(result.statistic), float(result.pvalue), medians, sizes)
