"""The simplest model of coming back: one retention rate per edition (客户保持率模型).

After each edition a customer stays with the same probability r (保持率), else is lost for good;
a customer counts as lost after the last edition they came to when a later one was held without
them. It needs no optimiser, so it always gives an answer: the fallback when BG/BB
(:mod:`labkit.clv.bgbb`) cannot be fitted.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from labkit.clv.editions import check_edition_summary, check_editions_ahead
from labkit.errors import FitError
from labkit.i18n import _

__all__ = ["RetentionRate", "fit_retention"]


@dataclass(frozen=True)
class RetentionRate:
    """One retention rate r per edition (客户保持率): stayed / (stayed + lost)."""

    rate: float

    def params(self) -> dict[str, float]:
        return {"retention": self.rate}

    def probability_alive(self, summary: pd.DataFrame) -> pd.Series:
        """r to the power of the editions held since the customer last came (存活概率)."""
        check_edition_summary(summary)
        missed = (summary["n_periods"] - summary["recency"]).to_numpy(dtype=float)
        return pd.Series(self.rate ** missed, index=summary.index, name="p_alive")

    def expected_editions(self, summary: pd.DataFrame, editions: int) -> pd.Series:
        """P(alive) x (r + r^2 + ... + r^editions): a kept customer comes to every edition."""
        check_editions_ahead(editions)
        kept = float(np.sum(self.rate ** np.arange(1, editions + 1)))
        return (self.probability_alive(summary) * kept).rename("expected_editions")


def fit_retention(summary: pd.DataFrame) -> RetentionRate:
    """Retention per edition from an edition summary: editions stayed / (editions stayed + customers lost)."""
    check_edition_summary(summary)
    stayed = float(summary["recency"].sum())
    lost = float((summary["recency"] < summary["n_periods"]).sum())
    if stayed + lost == 0:
        raise FitError(_("no customer has had a chance to come back yet (every first visit was at the "
                         "latest edition), so no retention rate can be measured"))
    return RetentionRate(stayed / (stayed + lost))
