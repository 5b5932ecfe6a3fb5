"""Word-of-mouth value (客户口碑价值) = influence x reach x average purchase value of those reached."""
from __future__ import annotations

import numpy as np
import numpy.typing as npt

from labkit.errors import DataError, UsageError
from labkit.i18n import _

ArrayLike = float | npt.ArrayLike


def word_of_mouth_value(influence: ArrayLike, reach: ArrayLike, average_purchase_value: ArrayLike) -> ArrayLike:
    """Value a customer brings through recommendations (影响力 x 影响范围 x 影响人群的平均购买价值).

    ``influence`` is the share (0 to 1) of the people reached who buy because of the customer;
    ``reach`` is how many people the customer reaches; ``average_purchase_value`` is what one of
    them buys on average. Works on single numbers or on whole columns at once.
    """
    inf, rch, apv = (np.asarray(v, dtype=float) for v in (influence, reach, average_purchase_value))
    if np.any(np.isnan(inf)) or np.any((inf < 0) | (inf > 1)):
        raise UsageError(_("influence must be a share between 0 and 1 (e.g. 0.05 for 5% of the people reached)"))
    if np.any(np.isnan(rch)) or np.any(rch < 0):
        raise DataError(_("reach (the number of people reached) cannot be negative or missing"))
    if np.any(np.isnan(apv)):
        raise DataError(_("average purchase value is missing"))
    value = inf * rch * apv
    return float(value) if value.ndim == 0 else value
