"""Numbers written for people (数字格式): money, shares, ratios, plain figures and tables.

Lessons and widgets print through these instead of ``repr``: no ``Fraction(4, 15)``,
``np.float64(0.11)`` or ``12600/121`` on a student's screen, money with its currency and
thousands separators, shares as percentages, ratios with a "×".
"""
from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["CURRENCY_SYMBOLS", "figure", "money", "ratio", "share", "styled"]

CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "KRW": "₩"}
_WHOLE_UNITS = {"KRW"}  # no cents in Korea


def _real(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


def figure(value: Any, decimals: int | None = None) -> str:
    """A plain figure with thousands separators: whole numbers without decimals, else 2 (数值)."""
    number = _real(value)
    if decimals is None:
        decimals = 0 if number.is_integer() else 2
    return f"{number:,.{decimals}f}"


def money(value: Any, currency: str = "CNY", decimals: int | None = None) -> str:
    """An amount with its currency: ``money(12600, "CNY") == "¥12,600.00"`` (金额)."""
    number = _real(value)
    if decimals is None:
        decimals = 0 if currency in _WHOLE_UNITS else 2
    symbol = CURRENCY_SYMBOLS.get(currency)
    text = f"{abs(number):,.{decimals}f}"
    sign = "-" if number < 0 and float(text.replace(",", "")) != 0 else ""
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def share(value: Any, decimals: int = 1) -> str:
    """A share (0-1) as a percentage: ``share(0.29425) == "29.4%"`` (比例)."""
    return f"{_real(value) * 100:.{decimals}f}%"


def ratio(value: Any, decimals: int = 2) -> str:
    """A ratio as a multiple: ``ratio(29.5149) == "29.51×"`` (倍数)."""
    return f"{_real(value):,.{decimals}f}×"


def styled(frame: pd.DataFrame, *, money_columns: Iterable[str] = (), share_columns: Iterable[str] = (),
           ratio_columns: Iterable[str] = (), currency: str = "CNY", decimals: int = 2) -> Styler:
    """``frame`` for reading: money, shares and ratios formatted, other floats with ``decimals``, no index clutter."""
    formats: dict[str, Any] = {}
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            formats[column] = lambda v, d=decimals: "" if pd.isna(v) else figure(v, d)
        elif pd.api.types.is_integer_dtype(frame[column]) and not column.endswith("_id") and column != "year":
            formats[column] = lambda v: "" if pd.isna(v) else figure(v, 0)
    for column in money_columns:
        formats[column] = lambda v: "" if pd.isna(v) else money(v, currency)
    for column in share_columns:
        formats[column] = lambda v: "" if pd.isna(v) else share(v)
    for column in ratio_columns:
        formats[column] = lambda v: "" if pd.isna(v) else ratio(v)
    return frame.style.format(formats)
