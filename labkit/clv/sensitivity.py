"""What drives CLV: one-way sensitivity tables and tornado-chart data (敏感性分析).

The chart itself is :func:`labkit.plotting.tornado_chart`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from labkit.clv.formulas import customer_clv
from labkit.errors import UsageError
from labkit.i18n import Label, LabelSet, _

#: The drivers of a single customer's CLV, named for tables and charts.
DRIVER_LABELS = LabelSet({
    "margin": Label("margin", "每期利润"),
    "retention": Label("retention", "保持率"),
    "discount_rate": Label("discount rate", "贴现率"),
    "periods": Label("horizon", "计划期数"),
})


def _check_names(model: Callable[..., Any], base: Mapping[str, Any], names: Iterable[str]) -> None:
    unknown = sorted(set(names) - set(base))
    if unknown:
        raise UsageError(_("unknown input(s) {unknown}; the base case has {base}").format(unknown=unknown, base=sorted(base)))
    model(**base)  # the base case itself must be possible


def sensitivity_table(base: Mapping[str, Any], vary: Mapping[str, Iterable[Any]],
                      model: Callable[..., Any] = customer_clv) -> pd.DataFrame:
    """One input changed at a time, the others at the base case (单因素敏感性表).

    Returns columns ``input``, ``value``, ``clv`` and ``change`` (CLV minus the base CLV).
    """
    _check_names(model, base, vary)
    base_clv = float(model(**base))
    rows = [
        {"input": name, "value": value, "clv": float(model(**{**base, name: value}))}
        for name, values in vary.items()
        for value in values
    ]
    table = pd.DataFrame(rows, columns=["input", "value", "clv"])
    table["value"] = pd.Series([row["value"] for row in rows], dtype=object)  # 5 periods stay 5, not 5.0
    table["change"] = table["clv"] - base_clv
    return table


def tornado_data(base: Mapping[str, Any], low_high: Mapping[str, tuple[Any, Any]],
                 model: Callable[..., Any] = customer_clv) -> pd.DataFrame:
    """CLV at each input's low and high value, widest swing first (龙卷风图数据).

    Columns: ``input``, ``label``, ``low``, ``high``, ``clv_low``, ``clv_high``, ``swing``;
    the attribute ``base_clv`` holds the base-case CLV the bars are drawn around.
    """
    _check_names(model, base, low_high)
    rows = []
    for name, (low, high) in low_high.items():
        clv_low = float(model(**{**base, name: low}))
        clv_high = float(model(**{**base, name: high}))
        rows.append({"input": name, "label": DRIVER_LABELS.text(name), "low": low, "high": high,
                     "clv_low": clv_low, "clv_high": clv_high, "swing": abs(clv_high - clv_low)})
    table = pd.DataFrame(rows).sort_values("swing", ascending=False, ignore_index=True)
    table.attrs["base_clv"] = float(model(**base))
    return table
