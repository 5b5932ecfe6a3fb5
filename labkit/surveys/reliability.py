"""Internal consistency of a multi-item scale: Cronbach's alpha (信度, 克朗巴哈α系数).

alpha = k / (k - 1) * (1 - sum of item variances / variance of the total score), with k items
and sample variances (n - 1). Written with the item covariance matrix C this is
k / (k - 1) * (1 - trace(C) / sum(C)), which also works when covariances are computed
pairwise. The confidence interval is Feldt's (1965): (1 - alpha) / (1 - alpha_population)
follows an F distribution with n - 1 and (n - 1)(k - 1) degrees of freedom.

Missing answers (缺失值):
- ``missing="listwise"`` (default): respondents who skipped any item are dropped; n is the
  number of complete respondents. Simple and always a proper covariance matrix.
- ``missing="pairwise"``: each covariance uses every respondent who answered both items;
  n is the number of respondents who answered at least one item. Keeps more data, but the
  matrix may be inconsistent when much is missing.
Respondents who answered none of the items are never counted.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from labkit.errors import DataError, UsageError
from labkit.i18n import _
from labkit.surveys.scores import numeric_answers

#: The usual reading of alpha (George & Mallery 2003): lower bound -> (English, 中文).
READINGS: tuple[tuple[float, str, str], ...] = (
    (0.9, "excellent", "优秀"),
    (0.8, "good", "良好"),
    (0.7, "acceptable", "可接受"),
    (0.6, "questionable", "存疑"),
    (0.5, "poor", "较差"),
    (-np.inf, "unacceptable", "不可接受"),
)
MISSING_POLICIES = ("listwise", "pairwise")


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha with its Feldt confidence interval and reading."""

    alpha: float
    ci_low: float
    ci_high: float
    confidence: float
    n: int
    k: int
    missing: str

    @property
    def reading(self) -> str:
        """excellent >= .9, good >= .8, acceptable >= .7, questionable >= .6, poor >= .5, else unacceptable."""
        return alpha_reading(self.alpha)[0]

    @property
    def reading_zh(self) -> str:
        return alpha_reading(self.alpha)[1]


def alpha_reading(alpha: float) -> tuple[str, str]:
    """(English, Chinese) reading of an alpha value, e.g. ``alpha_reading(0.85) == ("good", "良好")``."""
    for bound, en, zh in READINGS:
        if alpha >= bound:
            return en, zh
    raise UsageError(_("alpha must be a number, got {alpha!r}").format(alpha=alpha))


def _numeric(items: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(items, pd.DataFrame):
        raise UsageError(_("cronbach_alpha needs a DataFrame: one row per respondent, one column per item"))
    frame = numeric_answers(items)
    if frame.shape[1] < 2:
        raise DataError(_("Cronbach's alpha needs at least two items (columns)"))
    return frame.dropna(how="all")


def alpha_from_covariance(cov: np.ndarray) -> float:
    """alpha = k / (k - 1) * (1 - trace(C) / sum(C)) of an item covariance matrix ``C`` (k x k)."""
    k = cov.shape[0]
    return float(k / (k - 1) * (1 - np.trace(cov) / cov.sum()))


def cronbach_alpha(items: pd.DataFrame, missing: str = "listwise", confidence: float = 0.95) -> AlphaResult:
    """Cronbach's alpha of ``items`` (rows respondents, columns items) with a Feldt CI.

    See the module docstring for how missing answers are handled (``missing`` is
    ``"listwise"`` or ``"pairwise"``). The items together form an interval-level scale.
    """
    if missing not in MISSING_POLICIES:
        raise UsageError(_("missing must be one of {missing_policies}, got {missing!r}").format(missing_policies=MISSING_POLICIES, missing=missing))
    if not 0 < confidence < 1:
        raise UsageError(_("confidence must be between 0 and 1, e.g. 0.95"))
    frame = _numeric(items)
    if missing == "listwise":
        frame = frame.dropna()
    n, k = frame.shape
    if n < 2:
        raise DataError(_("Cronbach's alpha needs at least two respondents; {n} usable after {missing} deletion").format(n=n, missing=missing))
    cov = frame.cov().to_numpy()
    if not np.isfinite(cov.sum()) or cov.sum() <= 0:
        raise DataError(_("the total score does not vary (or some item pairs were never answered together)"))
    alpha = alpha_from_covariance(cov)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - confidence) / 2
    low = 1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(tail, df1, df2)
    return AlphaResult(float(alpha), float(low), float(high), confidence, n, k, missing)


def alpha_if_deleted(items: pd.DataFrame, missing: str = "listwise") -> pd.DataFrame:
    """Alpha of the scale without each item in turn (删除该题项后的α), plus corrected item-total r.

    An item whose deletion raises alpha does not fit the scale. ``item_total_r`` is the
    Pearson correlation of the item with the sum of the *other* items (listwise).
    Needs at least three items, so that two remain.
    """
    frame = _numeric(items)
    if frame.shape[1] < 3:
        raise DataError(_("alpha-if-item-deleted needs at least three items"))
    complete = frame.dropna()
    rows = []
    for col in frame.columns:
        rest = frame.drop(columns=col)
        rows.append({
            "item": col,
            "alpha_if_deleted": cronbach_alpha(rest, missing=missing).alpha,
            "item_total_r": complete[col].corr(complete.drop(columns=col).sum(axis=1)),
        })
    return pd.DataFrame(rows).set_index("item")
