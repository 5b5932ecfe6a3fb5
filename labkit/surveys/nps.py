"""Net promoter score (净推荐值, NPS) and customer satisfaction score (顾客满意度得分, CSAT).

NPS (Reichheld 2003) uses the 0-10 question "How likely are you to recommend ...?":
promoters (推荐者) answer 9-10, passives (被动者) 7-8, detractors (贬损者) 0-6.
NPS = % promoters - % detractors, from -100 (all detractors) to +100 (all promoters).

CSAT is the share of satisfied answers: the top two boxes (4 and 5 on a 1-5 scale, 6 and 7
on a 1-7 scale), as a percentage of those who answered.

Missing answers (NaN / None) are left out of the denominator: both scores describe the
people who answered the question. Answers off the scale or not whole numbers raise ValueError.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.i18n import _


def _answers(scores: Iterable[float], low: int, high: int, what: str) -> np.ndarray:
    raw = pd.Series(list(scores), dtype="object")
    values = pd.to_numeric(raw, errors="coerce")
    text = raw[values.isna() & raw.notna()]
    if len(text):
        raise DataError(_("{what} scores must be numbers; found {value!r}").format(what=what, value=text.iloc[0]))
    answered = values.dropna().to_numpy(dtype="float64")
    bad = answered[(answered < low) | (answered > high) | (answered != np.round(answered))]
    if len(bad):
        raise DataError(_("{what} scores must be whole numbers from {low} to {high}; found {value:g}").format(what=what, low=low, high=high, value=bad[0]))
    if len(answered) == 0:
        raise DataError(_("{what} needs at least one answer; all were missing").format(what=what))
    return answered


@dataclass(frozen=True)
class NPSResult:
    """Net promoter score and its parts."""

    nps: float
    promoters: int
    passives: int
    detractors: int

    @property
    def n(self) -> int:
        return self.promoters + self.passives + self.detractors


def nps_breakdown(scores: Iterable[float]) -> NPSResult:
    """Counts of promoters (9-10), passives (7-8) and detractors (0-6) and the NPS."""
    answered = _answers(scores, 0, 10, "NPS")
    promoters = int((answered >= 9).sum())
    detractors = int((answered <= 6).sum())
    passives = len(answered) - promoters - detractors
    return NPSResult(100.0 * (promoters - detractors) / len(answered), promoters, passives, detractors)


def nps(scores: Iterable[float]) -> float:
    """Net promoter score of 0-10 answers: % promoters (9-10) - % detractors (0-6), -100..100."""
    return nps_breakdown(scores).nps


def csat(scores: Iterable[float], points: int = 5) -> float:
    """CSAT: percentage of answers in the top two boxes of a 1-``points`` scale (4-5 on 5 points)."""
    if points < 3:
        raise UsageError(_("a satisfaction scale needs at least 3 points"))
    answered = _answers(scores, 1, points, "CSAT")
    return 100.0 * float((answered >= points - 1).mean())
