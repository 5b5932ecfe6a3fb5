"""From purchase records to the RFM summary the probabilistic models need (购买记录汇总)."""
from __future__ import annotations

import pandas as pd

from labkit.errors import DataError
from labkit.i18n import _

SUMMARY_COLUMNS = ("frequency", "recency", "T", "monetary_value")


def rfm_summary(transactions: pd.DataFrame, customer: str, date: str, amount: str,
                end: pd.Timestamp | str, unit_days: float = 7.0) -> pd.DataFrame:
    """Summarise purchases up to ``end`` per customer (频率、最近购买、观察期、平均金额).

    Purchases on the same day count as one. ``frequency`` = repeat purchase days (the first
    purchase is not a repeat); ``recency`` = time from the first to the last purchase;
    ``T`` = time from the first purchase to ``end``; ``monetary_value`` = mean amount of the
    repeat purchases (0 without repeats). Times are in units of ``unit_days`` (7 = weeks).
    """
    missing = [c for c in (customer, date, amount) if c not in transactions]
    if missing:
        raise DataError(_("the purchase table has no column(s) {missing}; it has {columns}").format(missing=missing, columns=list(transactions.columns)))
    end = pd.Timestamp(end)
    kept = transactions.loc[transactions[date] <= end, [customer, date, amount]]
    days = kept.groupby([customer, date], as_index=False, sort=True, observed=True)[amount].sum()
    by_customer = days.groupby(customer, sort=True, observed=True)
    first = by_customer[date].transform("min")
    is_repeat = days[date] > first
    unit = pd.Timedelta(days=unit_days)
    summary = pd.DataFrame({
        "frequency": by_customer.size() - 1,
        "recency": (by_customer[date].max() - by_customer[date].min()) / unit,
        "T": (end - by_customer[date].min()) / unit,
    })
    summary["monetary_value"] = days[is_repeat].groupby(customer, observed=True)[amount].mean()
    summary["monetary_value"] = summary["monetary_value"].fillna(0.0)
    summary.index.name = "customer_id"
    return summary
