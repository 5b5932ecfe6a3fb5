"""Argument checks shared by the classifiers: one clear sentence per mistake (参数检查)."""
from __future__ import annotations

from labkit.errors import UsageError
from labkit.i18n import _


def check_fraction(value: float, name: str) -> float:
    """A quantile strictly between 0 and 1, e.g. 0.5 for the median."""
    if not isinstance(value, (int, float)) or not 0 < value < 1:
        raise UsageError(_("{name} must be a number strictly between 0 and 1 (0.5 = median), got {value!r}").format(name=name, value=value))
    return float(value)


def check_count(value: int, name: str, minimum: int = 1) -> int:
    """A whole number of editions or participations, at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UsageError(_("{name} must be a whole number of at least {minimum}, got {value!r}").format(name=name, minimum=minimum, value=value))
    return value


def check_score(value: float, name: str, low: float, high: float) -> float:
    """A threshold on a bounded scale such as the 0-10 recommend item."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise UsageError(_("{name} must lie between {low} and {high}, got {value!r}").format(name=name, low=low, high=high, value=value))
    return float(value)
