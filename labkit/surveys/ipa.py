"""Importance-performance analysis (重要性-绩效分析, IPA; Martilla & James 1977).

Each attribute (Likert item) gets a performance (绩效) and an importance (重要性):
- performance = mean satisfaction with the item. A mean of a single ordinal item is a
  convention of IPA, read as a position, not as an interval measurement;
- importance is either **derived** (默认, 推导重要性): Spearman's rank correlation of the item
  with overall satisfaction (rank-based because the items are ordinal), or **stated**
  (陈述重要性): a Series of mean importance ratings the respondents gave.

The crosshairs (十字线) split the chart into four quadrants. By default they go through the
**mean of the means** (``crosshair="mean"``: mean performance, mean importance of all items).
With ``crosshair="midpoint"`` the performance line goes through the scale midpoint (3 on
1-5), and so does the importance line for stated importance on the same scale; derived
importance is a correlation with no scale midpoint, so its line stays at the mean.

Missing answers: a performance mean uses everyone who answered the item; a derived
importance uses everyone who answered both the item and overall satisfaction.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.i18n import Label, LabelSet, _
from labkit.surveys.scores import likert_frame

#: Quadrant codes -> (English, 中文).
QUADRANTS = LabelSet({
    "concentrate_here": Label("Concentrate here", "重点改进区"),
    "keep_up": Label("Keep up the good work", "继续保持区"),
    "low_priority": Label("Low priority", "低优先区"),
    "possible_overkill": Label("Possible overkill", "过度投入区"),
})


@dataclass(frozen=True)
class IPAResult:
    """Per item performance, importance and quadrant, and where the crosshairs are."""

    table: pd.DataFrame
    performance_line: float
    importance_line: float
    importance_kind: str


def _quadrant(performance: float, importance: float, p_line: float, i_line: float) -> str:
    if importance >= i_line:
        return "keep_up" if performance >= p_line else "concentrate_here"
    return "possible_overkill" if performance >= p_line else "low_priority"


def importance_performance(
    responses: pd.DataFrame,
    items: Sequence[str],
    overall: str = "overall_satisfaction",
    stated_importance: pd.Series | None = None,
    crosshair: str = "mean",
    low: int = 1,
    high: int = 5,
) -> IPAResult:
    """IPA table of ``items``: performance, importance, quadrant; see the module docstring."""
    if crosshair not in ("mean", "midpoint"):
        raise UsageError(_("crosshair must be 'mean' (mean of the means) or 'midpoint' (scale midpoint)"))
    frame = likert_frame(responses, list(items), low, high)
    performance = frame.mean()
    if stated_importance is None:
        target = likert_frame(responses, [overall], low, high)[overall]
        importance = frame.corrwith(target, method="spearman")
        kind = "derived"
    else:
        missing = [i for i in items if i not in stated_importance.index]
        if missing:
            raise DataError(_("stated importance is missing for: {missing}").format(missing=', '.join(missing)))
        importance = stated_importance.reindex(list(items)).astype("float64")
        kind = "stated"
    if importance.isna().any():
        raise DataError(_("importance could not be computed for: {items}").format(items=', '.join(importance.index[importance.isna()])))
    midpoint = (low + high) / 2
    p_line = midpoint if crosshair == "midpoint" else float(performance.mean())
    i_line = midpoint if crosshair == "midpoint" and kind == "stated" else float(importance.mean())
    table = pd.DataFrame({"performance": performance, "importance": importance, "n": frame.notna().sum()})
    table["quadrant"] = [_quadrant(p, i, p_line, i_line) for p, i in zip(table["performance"], table["importance"])]
    return IPAResult(table, p_line, i_line, kind)
