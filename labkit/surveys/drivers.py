"""Driver analysis (驱动因素分析): which dimension best explains an outcome.

Predictors are the dimension scores (content, organisation, interaction: multi-item scales,
treated as interval). Two outcomes:
- ``"overall"``: the overall dimension score (overall satisfaction and value for money);
- ``"return_intention"`` (重游/续展意向): the plan for the next edition, future_exhibit for
  exhibitors and future_visit for buyers, coded 5 (definitely) … 1 (no). It is a single
  ordinal answer, so its correlations are Spearman's; the regression treats the codes as
  numbers and is a rough guide there.

Two views are reported, because the dimensions correlate with one another:
- ``r``: correlation of each dimension with the outcome (Pearson for the interval outcome,
  Spearman for the ordinal one), i.e. its importance on its own;
- ``beta``: standardised regression coefficients (标准化回归系数) from ordinary least squares
  on z-scores (sample SD), i.e. its unique contribution with the others held fixed.
Respondents missing any score or the outcome are left out (listwise).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet, _
from labkit.surveys.scores import dimension_scores
from labkit.world.schema import ENUMS, Role

PREDICTORS: tuple[str, ...] = ("content", "organisation", "interaction")
OUTCOMES: tuple[str, ...] = ("overall", "return_intention")
#: The outcomes' names (结果变量).
OUTCOME_LABELS = LabelSet(overall=Label("overall satisfaction", "总体满意度"),
                          return_intention=Label("return intention", "再次参与意向"))
#: The correlation each outcome is measured with (相关系数), by its code in :attr:`DriverResult.correlation`.
CORRELATIONS = LabelSet(pearson=Label("Pearson correlation", "Pearson 相关系数"),
                        spearman=Label("Spearman rank correlation", "Spearman 等级相关系数"))


def return_intention(responses: pd.DataFrame) -> pd.Series:
    """Plan for the next edition as 5 (definitely) … 1 (no): future_exhibit for exhibitors, future_visit for buyers."""
    require_columns(responses, ["role", "future_visit", "future_exhibit"], "return_intention")
    codes = ENUMS["future_plan"].codes  # definitely, probably, undecided, unlikely, no
    rank = {code: len(codes) - i for i, code in enumerate(codes)}
    plan = responses["future_exhibit"].astype("object").where(
        responses["role"].astype("object") == Role.exhibitor, responses["future_visit"].astype("object")
    )
    return plan.map(rank).astype("float64").rename("return_intention")


@dataclass(frozen=True)
class DriverResult:
    """Standardised betas and correlations of each dimension with the outcome."""

    table: pd.DataFrame
    r_squared: float
    n: int
    outcome: str
    correlation: str


def driver_analysis(
    responses: pd.DataFrame, outcome: str = "overall", predictors: Sequence[str] = PREDICTORS
) -> DriverResult:
    """Which dimension drives ``outcome`` (``"overall"`` or ``"return_intention"``); see the module docstring."""
    if outcome not in OUTCOMES:
        raise UsageError(_("outcome must be one of {outcomes}, got {outcome!r}").format(outcomes=OUTCOMES, outcome=outcome))
    scores = dimension_scores(responses)
    y = scores["overall"] if outcome == "overall" else return_intention(responses)
    data = pd.concat([scores[list(predictors)], y.rename("y")], axis=1).dropna()
    if len(data) <= len(predictors) + 1:
        raise DataError(_("driver analysis needs more than {needed} complete respondents; found {n}").format(needed=len(predictors) + 1, n=len(data)))
    z = (data - data.mean()) / data.std(ddof=1)
    if z.isna().any().any():
        raise DataError(_("a dimension or the outcome does not vary, so it cannot explain anything"))
    x = z[list(predictors)].to_numpy()
    beta = np.linalg.lstsq(x, z["y"].to_numpy(), rcond=None)[0]
    fitted = x @ beta
    r_squared = 1 - ((z["y"] - fitted) ** 2).sum() / (z["y"] ** 2).sum()
    method = "pearson" if outcome == "overall" else "spearman"
    r = data[list(predictors)].corrwith(data["y"], method=method)
    table = pd.DataFrame({"beta": beta, "r": r}, index=list(predictors))
    table["rank"] = table["beta"].rank(ascending=False).astype("int64")
    return DriverResult(table.sort_values("rank"), float(r_squared), len(data), outcome, method)
