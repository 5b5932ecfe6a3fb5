"""Numbers written for people (数字格式): money, shares, ratios, plain figures and tables.

Lessons and widgets print through these instead of ``repr``: no ``Fraction(4, 15)``,
``np.float64(0.11)`` or ``12600/121`` on a student's screen, money with its currency and
thousands separators, shares as percentages, ratios with a "×", p-values as a statistics
textbook writes them (``0.034``, ``< 0.001``: never ``0.0000``).
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.plotting.names import code_names, shown_name
from labkit.reports.layout import column_kind, header
from labkit.world.locales import currency_money

__all__ = ["MAX_ROWS", "P_DECIMALS", "figure", "is_p_value_name", "money", "p_statement", "p_value", "ratio", "share",
           "styled"]


def _real(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(_("expected a number, got {kind}").format(kind=type(value).__name__))
    return float(value)


def figure(value: Any, decimals: int | None = None) -> str:
    """A plain figure with thousands separators: whole numbers without decimals, else 2 (数值)."""
    number = _real(value)
    if decimals is None:
        decimals = 0 if number.is_integer() else 2
    return f"{number:,.{decimals}f}"


def money(value: Any, currency: str = "CNY", decimals: int | None = None) -> str:
    """An amount with its currency: ``money(12600, "CNY") == "¥12,600.00"`` (金额).

    The symbol and the decimals are the locale's (its locale.json, ``money``): ₩ amounts have no
    decimals; a currency no locale has is written after the figure with two decimals.
    """
    number = _real(value)
    written = currency_money(currency)
    if decimals is None:
        decimals = 2 if written is None else max(written.decimals, 0)
    symbol = None if written is None else written.symbol
    text = f"{abs(number):,.{decimals}f}"
    sign = "-" if number < 0 and float(text.replace(",", "")) != 0 else ""
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def share(value: Any, decimals: int = 1) -> str:
    """A share (0-1) as a percentage: ``share(0.29425) == "29.4%"`` (比例)."""
    return f"{_real(value) * 100:.{decimals}f}%"


def ratio(value: Any, decimals: int = 2) -> str:
    """A ratio as a multiple: ``ratio(29.5149) == "29.51×"`` (倍数)."""
    return f"{_real(value):,.{decimals}f}×"


#: Places a p-value is shown to; a smaller one reads "< 0.001" (the textbook's way: 0.0000 would claim p = 0).
P_DECIMALS = 3
# "p", "p_value", "p-value", "rank p", "Sobel p", "sobel_p", "p值", "p값": the names of p-values in tables (and their headers)
_P_NAME = re.compile(r"(?:^|[\s_(])p(?:[\s_-]?value|值|값)?$", re.IGNORECASE)


def p_value(value: Any, decimals: int = P_DECIMALS) -> str:
    """A p-value (p值) for a table cell: ``p_value(0.0342) == "0.034"``, ``p_value(0.00002) == "< 0.001"``."""
    number = _real(value)
    if not 0 <= number <= 1:
        raise UsageError(_("A p-value lies between 0 and 1, not {number}.").format(number=number))
    smallest = 10.0 ** -decimals
    return f"< {smallest:.{decimals}f}" if number < smallest else f"{number:.{decimals}f}"


def p_statement(value: Any, decimals: int = P_DECIMALS) -> str:
    """A p-value for a sentence (显著性): ``"p = 0.034"`` or ``"p < 0.001"``."""
    shown = p_value(value, decimals)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def is_p_value_name(name: object) -> bool:
    """Whether a column (or a row of a one-column table) named ``name`` holds p-values."""
    return bool(_P_NAME.search(str(name).strip()))


def _p_cell(other: Any) -> Any:
    """A p-value cell; a number outside 0-1 under a p-name (the Gamma-Gamma "p") keeps ``other``'s format."""
    def show(v: Any) -> str:
        if pd.isna(v):
            return ""
        return p_value(v) if isinstance(v, numbers.Real) and 0 <= float(v) <= 1 else other(v)
    return show


#: Most rows a styled table shows (a Styler has no "..." of its own); the caption says how many there are.
MAX_ROWS = 25


def styled(frame: pd.DataFrame | pd.Series, *, money_columns: Iterable[str] | None = None,
           share_columns: Iterable[str] | None = None, ratio_columns: Iterable[str] = (), currency: str = "CNY",
           decimals: int = 2, column_decimals: Mapping[Any, int] | None = None, max_rows: int = MAX_ROWS,
           code_columns: Iterable[Any] = ()) -> Styler:
    """``frame`` for reading (易读表格): headers in the display language, money with its currency, shares as %, ratios with ×, other
    numbers with thousands separators and ``decimals`` places (``column_decimals`` for some
    columns), p-values (columns named ``p``, ``p_value``, ``rank p`` …; in a Series, rows so
    named) by :func:`p_value`, at most ``max_rows`` rows.

    Columns not named in ``money_columns`` / ``share_columns`` are recognised by their names, the
    rule the report workbook uses (:func:`labkit.reports.layout.column_kind`: ``*_share``,
    ``*rate*`` … are shares, ``*cost*``, ``*revenue*``, ``clv``, ``lifetime_value`` … money). A Series shows as a
    one-column table.

    Headers show the column's display name (:data:`labkit.reports.layout.COLUMN_LABELS`: ``exhibitor_share`` is
    参展商占比 in zh_CN), a name the kit does not know as it is; only what is shown changes, so every rule above
    (and ``money_columns`` …) still takes the frame's own names. The names of the index and of the columns are
    shown so, and the labels of each level without a name: such a level holds names (columns, figures such as
    ``churn_rate``, ``describe()``'s statistics), while a level with a name holds that column's values (codes,
    regions) and keeps them.
    """
    series_rows = isinstance(frame, pd.Series)  # a Series of named figures: its rows are the figures' names
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name=frame.name if frame.name is not None else "")
    money_set = set(money_columns or ())
    share_set = set(share_columns or ())
    ratio_set = set(ratio_columns)
    formats: dict[Any, Any] = {}
    for column in frame.columns:
        dtype = frame[column].dtype
        kind = column_kind(column, dtype)
        if column in ratio_set:
            formats[column] = lambda v: "" if pd.isna(v) else ratio(v)
        elif column in money_set or (money_columns is None and kind == "money" and column not in share_set):
            formats[column] = lambda v: "" if pd.isna(v) else money(v, currency)
        elif column in share_set or (share_columns is None and kind == "share"):
            formats[column] = lambda v: "" if pd.isna(v) else share(v)
        elif kind == "decimal" or (kind in ("money", "share") and pd.api.types.is_float_dtype(dtype)):
            places = (column_decimals or {}).get(column, decimals)
            formats[column] = lambda v, d=places: "" if pd.isna(v) else figure(v, d)
        elif kind in ("count", "money", "share"):
            formats[column] = lambda v: "" if pd.isna(v) else figure(v, 0)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            formats[column] = _readable_time
        elif pd.api.types.is_object_dtype(dtype):
            formats[column] = _readable_object
    for column in frame.columns:
        dtype = frame[column].dtype
        if is_p_value_name(column) and pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            formats[column] = _p_cell(formats.get(column, lambda v: figure(v, decimals)))
    names = code_names(frame.drop(columns=list(code_columns)))
    formats.update({column: shown_name(codes) for column, codes in names.cells.items()})
    shown = frame.head(max_rows) if len(frame) > max_rows else frame
    styler = _headers(shown).style.format(formats)
    for (row, column), codes in names.fields.items():
        if row in shown.index:
            styler = styler.format(shown_name(codes), subset=pd.IndexSlice[[row], [column]])
    p_rows = [row for row in shown.index if is_p_value_name(row)] if series_rows else []
    for column in shown.columns if p_rows else ():
        other = formats.get(column, lambda v: figure(v, decimals))
        styler = styler.format(_p_cell(other), subset=pd.IndexSlice[p_rows, [column]])
    for axis, index, coded in ((0, shown.index, names.index), (1, shown.columns, names.columns)):
        for level, name in enumerate(index.names):
            if level in coded:  # codes: their names; a summary's "answered" or a margin among them, its header
                styler = styler.format_index(shown_name(coded[level], _header), axis=axis, level=level)
            elif name is None:
                styler = styler.format_index(_header, axis=axis, level=level)
    if len(shown) < len(frame):
        styler = styler.set_caption(_("First {shown} of {rows} rows").format(shown=len(shown), rows=figure(len(frame))))
    return styler


def _header(label: Any) -> Any:
    return header(label) if isinstance(label, str) else label


def _headers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the names of its index and columns in the display language (the values stay as they are)."""
    index = frame.index.set_names([_header(n) for n in frame.index.names])
    return frame.set_axis(index, axis=0).set_axis(frame.columns.set_names([_header(n) for n in frame.columns.names]), axis=1)


def _readable_time(value: Any) -> str:
    """A date without its midnight "00:00:00"; a time to the minute."""
    if pd.isna(value):
        return ""
    return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")


def _readable_object(value: Any) -> Any:
    """A number hiding in a column of objects (a ``Fraction``, ``np.float64``) as a figure; anything else as is."""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, int)):
        return figure(value)
    return "" if value is None else value
