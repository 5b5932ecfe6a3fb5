"""Customer value and customer lifetime value (客户价值与客户终身价值).

- ``formulas``: single-customer CLV, the margin multiple, the group method's four steps
- ``word_of_mouth``: word-of-mouth value (客户口碑价值)
- ``sensitivity``: what drives CLV (sensitivity tables, tornado chart)
"""
from labkit.clv.formulas import (
    GroupCLV,
    annuity_factor,
    customer_clv,
    group_clv,
    margin_multiple,
    periodic_rate,
    single_customer_clv,
)
from labkit.clv.sensitivity import plot_tornado, sensitivity_table, tornado_data
from labkit.clv.word_of_mouth import word_of_mouth_value

__all__ = [
    "GroupCLV", "annuity_factor", "customer_clv", "group_clv", "margin_multiple", "periodic_rate",
    "plot_tornado", "sensitivity_table", "single_customer_clv", "tornado_data", "word_of_mouth_value",
]
