"""Static details of a customer record (主要销售场所, 数据来源明细), 教材第六章's composition report.

Drawn from their own generator (``WorldConfig.side_rng``) so that adding them left every
other value of a world unchanged.

* **Main sales venue** (主要销售场所): where a company mainly sells its goods; it follows the
  nature of its business (a retailer sells in shops, an e-commerce firm online).
* **Data source detail** (数据来源明细): the list or form inside the data source the record came
  from (a registration came from the online pre-registration form or the WeChat form ...).
"""
from __future__ import annotations

import numpy as np

from labkit.world.draws import choice
from labkit.world.schema import ENUMS

__all__ = ["DETAILS", "VENUE_BY_NATURE", "data_source_details", "sales_venues"]

VENUES = list(ENUMS["sales_venue"].codes)
#: business nature -> weights of (wholesale market, retail stores, online platform, export markets, direct to business)
VENUE_BY_NATURE: dict[str, tuple[int, int, int, int, int]] = {
    "manufacturer": (20, 5, 10, 30, 35), "trading_company": (25, 5, 10, 50, 10),
    "wholesaler": (60, 10, 10, 15, 5), "retailer": (5, 70, 20, 0, 5), "ecommerce": (3, 2, 85, 10, 0),
    "agent": (30, 5, 5, 20, 40), "service_provider": (0, 5, 10, 5, 80),
}
#: data source -> (its detail codes, weights)
DETAILS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "registration": (("online_form", "wechat_form"), (65, 35)),
    "e_ticket": (("ticket_app", "ticket_partner"), (70, 30)),
    "website": (("website_enquiry", "newsletter"), (60, 40)),
    "call_centre": (("inbound_call", "outbound_call"), (45, 55)),
    "survey": (("onsite_questionnaire", "online_questionnaire"), (55, 45)),
    "sales_dept": (("sales_visit", "past_exhibitors"), (50, 50)),
    "marketing_dept": (("association_list", "purchased_list"), (60, 40)),
    "service_dept": (("service_request",), (1,)),
    "on_site": (("business_card", "booth_scan"), (55, 45)),
}


def sales_venues(rng: np.random.Generator, nature: np.ndarray) -> np.ndarray:
    """A main sales venue per company from its business nature (None when the nature is unknown)."""
    out = np.full(len(nature), None, dtype=object)
    for code, weights in VENUE_BY_NATURE.items():
        rows = np.flatnonzero(nature == code)
        out[rows] = choice(rng, VENUES, list(weights), len(rows))
    return out


def data_source_details(rng: np.random.Generator, source: np.ndarray) -> np.ndarray:
    """A detail inside each record's data source (None when the source is unknown)."""
    out = np.full(len(source), None, dtype=object)
    for code, (details, weights) in DETAILS.items():
        rows = np.flatnonzero(source == code)
        out[rows] = choice(rng, list(details), list(weights), len(rows))
    return out
