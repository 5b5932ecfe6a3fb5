"""BG/BB: will a customer come to the next edition? (离散期 BG/BB 模型)

Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time noncontractual
setting": at each edition a customer who is still "alive" comes with probability p, drawn from a
beta distribution (alpha, beta); after each edition they leave for good with probability theta,
drawn from another beta distribution (gamma, delta). This suits a fair, whose customers can only
come when an edition opens; BG/NBD (:mod:`labkit.clv.probabilistic`) is for purchases that can
happen at any time, like CDNOW's. Fitted by maximum likelihood with ``lifetimes``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from lifetimes import BetaGeoBetaBinomFitter

from labkit.clv.editions import (
    EDITION_COLUMNS,
    check_edition_summary,
    check_editions_ahead,
)
from labkit.clv.fitting import distinct_rows, fitted
from labkit.errors import FitError
from labkit.i18n import N_, _

__all__ = ["ADVICE", "BGBB", "fit_bgbb"]

#: What to do when BG/BB cannot be fitted.
ADVICE = N_("use the simple retention-rate model instead (labkit.clv.retention.fit_retention)")


@dataclass(frozen=True)
class BGBB:
    """Fitted BG/BB: coming while alive beta(alpha, beta), leaving after an edition beta(gamma, delta)."""

    alpha: float
    beta: float
    gamma: float
    delta: float
    fitter: Any = field(repr=False, compare=False)

    def params(self) -> dict[str, float]:
        return {"alpha": self.alpha, "beta": self.beta, "gamma": self.gamma, "delta": self.delta}

    @property
    def mean_attendance(self) -> float:
        """Mean chance that an alive customer comes to an edition: alpha / (alpha + beta)."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def mean_dropout(self) -> float:
        """Mean chance of leaving for good after an edition: gamma / (gamma + delta)."""
        return self.gamma / (self.gamma + self.delta)

    def probability_alive(self, summary: pd.DataFrame) -> pd.Series:
        """P(still a customer after the latest edition) given each history (存活概率)."""
        check_edition_summary(summary)
        x, t_x, n = (summary[c] for c in EDITION_COLUMNS)
        values = self.fitter.conditional_probability_alive(0, x, t_x, n)
        return pd.Series(np.asarray(values, dtype=float), index=summary.index, name="p_alive")

    def expected_editions(self, summary: pd.DataFrame, editions: int) -> pd.Series:
        """Expected editions each customer comes to among the next ``editions`` (预期参与届数)."""
        check_edition_summary(summary)
        check_editions_ahead(editions)
        x, t_x, n = (summary[c] for c in EDITION_COLUMNS)
        values = self.fitter.conditional_expected_number_of_purchases_up_to_time(editions, x, t_x, n)
        return pd.Series(np.asarray(values, dtype=float), index=summary.index, name="expected_editions")


def fit_bgbb(summary: pd.DataFrame, penalizer: float = 0.0) -> BGBB:
    """Fit BG/BB by maximum likelihood to an edition summary (frequency, recency, n_periods).

    Raises :class:`~labkit.errors.FitError` (one sentence) when the data cannot identify the model,
    e.g. nobody came back or everybody came to every edition, or the optimiser does not converge.
    """
    check_edition_summary(summary)
    x, n = summary["frequency"], summary["n_periods"]
    if not (x > 0).any():
        raise FitError(_("no customer came back to a later edition, so BG/BB has nothing to learn from; {advice}")
                       .format(advice=_(ADVICE)))
    if ((x == n) | (n == 0)).all():
        raise FitError(_("every customer came to every edition since their first, so BG/BB cannot tell "
                         "leaving from staying; {advice}").format(advice=_(ADVICE)))
    (f, r, periods), counts = distinct_rows(summary, list(EDITION_COLUMNS))
    fitter = fitted(lambda: BetaGeoBetaBinomFitter(penalizer_coef=penalizer).fit(f, r, periods, weights=counts),
                    "BG/BB", _(ADVICE))
    p = fitter.params_
    return BGBB(float(p["alpha"]), float(p["beta"]), float(p["gamma"]), float(p["delta"]), fitter)
