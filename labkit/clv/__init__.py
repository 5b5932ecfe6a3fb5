"""Customer value and customer lifetime value (客户价值与客户终身价值).

- ``formulas``: single-customer CLV, the margin multiple, the group method's four steps
- ``word_of_mouth``: word-of-mouth value (客户口碑价值)
- ``sensitivity``: what drives CLV (sensitivity tables, tornado chart)
- ``world_clv``: CLV of every exhibitor and buyer of the world, and value tiers
- ``cdnow_data``, ``rfm``: the real CDNOW purchase data and the RFM summary of purchases
- ``donations``: the real donation data BG/BB was published on
- ``probabilistic``: BG/NBD and Gamma-Gamma, for purchases at any time (CDNOW)
- ``editions``, ``bgbb``, ``retention``: who comes back to the next edition of a fair: BG/BB and
  its fallback, one retention rate per edition
- ``probabilistic`` and ``bgbb`` are imported on first use: the model library takes a moment to load
"""
from importlib import import_module
from typing import Any

from labkit.clv.cdnow_data import cdnow, cdnow_summary, cdnow_transactions
from labkit.clv.donations import donations
from labkit.clv.editions import edition_summary
from labkit.clv.formulas import (
    GroupCLV,
    annuity_factor,
    customer_clv,
    group_clv,
    margin_multiple,
    periodic_rate,
    single_customer_clv,
)
from labkit.clv.retention import RetentionRate, fit_retention
from labkit.clv.sensitivity import plot_tornado, sensitivity_table, tornado_data
from labkit.clv.word_of_mouth import word_of_mouth_value
from labkit.clv.world_clv import TIER_LABELS_ZH, ValueAssumptions, value_tiers, world_clv

_LAZY = {
    "fit_bgnbd": "labkit.clv.probabilistic",
    "fit_gamma_gamma": "labkit.clv.probabilistic",
    "customer_values": "labkit.clv.probabilistic",
    "fit_bgbb": "labkit.clv.bgbb",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'labkit.clv' has no attribute {name!r}")


__all__ = [
    "cdnow", "cdnow_summary", "cdnow_transactions", "donations", "TIER_LABELS_ZH", "ValueAssumptions", "value_tiers",
    "world_clv", *_LAZY,
    "GroupCLV", "RetentionRate", "annuity_factor", "edition_summary", "fit_retention", "customer_clv", "group_clv", "margin_multiple", "periodic_rate",
    "plot_tornado", "sensitivity_table", "single_customer_clv", "tornado_data", "word_of_mouth_value",
]
