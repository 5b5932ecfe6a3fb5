"""Customer value and customer lifetime value (客户价值与客户终身价值).

- ``formulas``: single-customer CLV, the margin multiple, the group method's four steps
- ``brand_switching``: single-customer CLV with inputs 6 and 7, switching between our fair and a rival
- ``word_of_mouth``: word-of-mouth value (客户口碑价值)
- ``sensitivity``: what drives CLV (sensitivity tables, the tornado chart's data)
- ``world_clv``: CLV of every exhibitor and buyer of the world, and value tiers
- ``cdnow_data``, ``rfm``: the real CDNOW purchase data and the RFM summary of purchases
- ``donations``: the real donation data BG/BB was published on
- ``probabilistic``: BG/NBD and Gamma-Gamma, for purchases at any time (CDNOW)
- ``editions``, ``bgbb``, ``retention``: who comes back to the next edition of a fair: BG/BB and
  its fallback, one retention rate per edition

Every name is imported on first use (the model library behind ``probabilistic`` and ``bgbb`` takes a
moment to load).
"""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.clv.brand_switching": ("SwitchingRates", "brand_switching_clv", "migration_clv", "switching_rates",
                                   "transition_matrix"),
    "labkit.clv.cdnow_data": ("cdnow", "cdnow_summary", "cdnow_transactions"),
    "labkit.clv.donations": ("donations",),
    "labkit.clv.editions": ("edition_summary",),
    "labkit.clv.formulas": ("GroupCLV", "annuity_factor", "customer_clv", "group_clv", "margin_multiple",
                            "periodic_rate", "single_customer_clv"),
    "labkit.clv.retention": ("RetentionRate", "fit_retention"),
    "labkit.clv.sensitivity": ("sensitivity_table", "tornado_data"),
    "labkit.clv.word_of_mouth": ("word_of_mouth_value",),
    "labkit.clv.world_clv": ("TIER_LABELS", "ValueAssumptions", "value_tiers", "world_clv"),
    "labkit.clv.probabilistic": ("customer_values", "expected_purchases", "fit_bgnbd", "fit_gamma_gamma", "repeat_buyers"),
    "labkit.clv.bgbb": ("fit_bgbb",),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "GroupCLV", "RetentionRate", "SwitchingRates", "TIER_LABELS", "ValueAssumptions", "annuity_factor",
    "brand_switching_clv", "cdnow", "cdnow_summary", "migration_clv", "switching_rates", "transition_matrix",
    "cdnow_transactions", "customer_clv", "customer_values", "donations", "edition_summary", "expected_purchases", "fit_bgbb", "fit_bgnbd",
    "fit_gamma_gamma", "fit_retention", "group_clv", "margin_multiple", "periodic_rate", "repeat_buyers",
    "sensitivity_table", "single_customer_clv", "tornado_data", "value_tiers", "word_of_mouth_value", "world_clv",
]
