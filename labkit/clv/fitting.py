"""Running a maximum-likelihood fit of the ``lifetimes`` library quietly (模型拟合).

An optimiser can fail on awkward data, or stop with parameters that ran off to infinity;
:func:`fitted` turns either into one :class:`~labkit.errors.FitError` sentence, never a
traceback, so a lesson can show its fallback instead.
"""
from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd
from lifetimes.utils import ConvergenceError

from labkit.errors import FitError
from labkit.i18n import _

__all__ = ["distinct_rows", "fitted"]

Fitter = TypeVar("Fitter")
#: A parameter this large means the optimiser ran off to the edge of the parameter space.
RUNAWAY = 1e6


def fitted(fit: Callable[[], Fitter], model: str, advice: str) -> Fitter:
    """``fit()``'s fitted model, or :class:`FitError` naming ``model`` and giving ``advice``."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), np.errstate(all="ignore"):  # no optimiser report
            result = fit()
    except (ConvergenceError, np.linalg.LinAlgError, FloatingPointError, OverflowError):
        result = None
    params = getattr(result, "params_", None)
    values = np.asarray(params if params is not None else [np.nan], dtype=float)
    if result is None or not np.isfinite(values).all() or (np.abs(values) > RUNAWAY).any():
        raise FitError(_("the {model} fit did not converge on these data; {advice}").format(
            model=model, advice=advice)) from None
    return result


def distinct_rows(summary: pd.DataFrame, columns: list[str]) -> tuple[list[np.ndarray], np.ndarray]:
    """Each distinct row once, with how many customers share it (the likelihood is the same)."""
    rows, counts = np.unique(summary[columns].to_numpy(dtype=float), axis=0, return_counts=True)
    return [rows[:, i] for i in range(len(columns))], counts
