"""Rates and shares in a report (比率): NaN where there is nothing to divide by, never 'inf'."""
from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ratio"]


def ratio(numerator: Any, denominator: Any) -> Any:
    """numerator / denominator, NaN where the denominator is 0 (no 'inf' in a report)."""
    num = np.asarray(numerator, dtype="float64")
    den = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, num / den, np.nan)
    return out if out.ndim else float(out)
