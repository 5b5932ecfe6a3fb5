"""Offers that make visiting cheaper or easier (优惠或便利措施), 教材第六章's third activity type.

Before each edition the organiser offers known buyers (who took part before and may be
contacted) a free shuttle bus with a partner-hotel discount (by email) and fast-track entry
with lunch vouchers (by SMS). A buyer who claims the offer answers "will attend"; claiming
is much likelier for buyers who then register. The world does not let the offers change who
comes (they are drawn after the behaviour, from their own generator), so an offer's claims
describe who used it, not what it caused.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from labkit.world import campaigns as camp
from labkit.world.behaviour import History
from labkit.world.config import WorldConfig
from labkit.world.customers import Customers
from labkit.world.draws import poisson_sample
from labkit.world.fair import money
from labkit.world.locales import world_locale
from labkit.world.roles import BUYER

__all__ = ["OFFERS", "Offer", "incentive_campaigns", "incentive_tables"]


@dataclass(frozen=True)
class Offer:
    """One kind of offer, made before every edition."""

    key: str
    channel: str                 # channel that announces it
    share: float                 # share of the known buyers it goes to
    cost: float                  # CNY per edition
    behaviour: camp.Channel      # delivery and how often it is claimed (attribution) or declined (response)
    activities: tuple[tuple[str, float], ...]  # sub-activities (the locale's ``activities`` words), share of cost


OFFERS: tuple[Offer, ...] = (
    Offer("shuttle_hotel", "email", 0.3, 80_000.0, camp.Channel(0.0, 0.86, 0.02, 1.0, 0.30),
          (("shuttle_bus", 0.6), ("partner_hotel", 0.4))),
    Offer("fast_track", "sms", 0.15, 30_000.0, camp.Channel(0.0, 0.95, 0.01, 1.0, 0.40),
          (("fast_track_lane", 0.5), ("lunch_vouchers", 0.5))),
)
KIND = 2  # index of "visitor_incentive" in campaign kinds
LEAD_DAYS, LENGTH_DAYS = 45, 40
EXPECTED_CLAIMS = 0.12  # the planner's guess: about one delivered offer in eight is claimed


def incentive_campaigns(rng: np.random.Generator, cust: Customers, history: History, starts: np.ndarray,
                        next_id: int) -> tuple[list[camp.Campaign], list[dict[str, np.ndarray]]]:
    """The offers of every edition and their invitation rows (claims as "will attend" answers)."""
    buyers = cust.role == BUYER
    out, rows = [], []
    for rec in history.records:
        e = rec.edition
        known = np.flatnonzero(buyers & (history.first_edition < e) & ~history.dnc)
        came = np.zeros(cust.n, dtype=bool)
        came[rec.orgs] = True
        attended = np.zeros(cust.n, dtype=bool)
        attended[rec.orgs[rec.attended]] = True
        start = starts[e] - np.timedelta64(LEAD_DAYS, "D")
        for offer in OFFERS:
            targets = known[poisson_sample(rng, np.ones(len(known)), round(offer.share * len(known)))]
            delivered = rng.random(len(targets)) < offer.behaviour.delivery
            sent = start + rng.integers(0, 8, len(targets)).astype("timedelta64[D]")
            c = camp.Campaign(next_id, e, KIND, offer.channel, start, start + np.timedelta64(LENGTH_DAYS, "D"),
                              targets, delivered, sent)
            answer = camp.respond(rng, c, came, attended, offer.behaviour)
            answer["response"][answer["response"] == "do_not_contact"] = "will_not_attend"  # an offer asks no such thing
            out.append(c)
            rows.append(answer)
            next_id += 1
    return out, rows


def incentive_tables(rng: np.random.Generator, cfg: WorldConfig, offers: list[camp.Campaign], edition_names: list[str],
                     staff: np.ndarray) -> list[tuple[tuple, list[tuple]]]:
    """Rows of ``campaigns`` for the offers, each with its sub-activities: [(campaign row, [(name, date, cost)])]."""
    words = world_locale(cfg.locale)
    out = []
    for c, offer in zip(offers, OFFERS * (len(offers) // len(OFFERS)), strict=True):
        acts = offer.activities
        costs = money(cfg, np.array([offer.cost * part * rng.uniform(0.9, 1.1) for _, part in acts]))
        span = int((c.end - c.start).astype(int))
        activities = [(words.activities[activity], c.start + np.timedelta64(int(rng.integers(0, span + 1)), "D"), amount)
                      for (activity, _part), amount in zip(acts, costs, strict=True)]
        actual = float(np.sum(costs))
        expected = round(len(c.targets) * offer.behaviour.delivery * EXPECTED_CLAIMS * rng.uniform(0.8, 1.25))
        out.append(((c.campaign_id, c.edition + 1, "visitor_incentive", words.themes[offer.key].format(ed=edition_names[c.edition]),
                     c.channel, c.start, c.end, float(np.round(actual * rng.uniform(0.9, 1.15), -2)), actual, expected,
                     staff[int(rng.integers(0, len(staff)))]), activities))
    return out


def append_offers(campaign_cols: dict[str, list], activity_cols: dict[str, object],
                  rows: list[tuple[tuple, list[tuple]]]) -> tuple[dict[str, list], dict[str, object]]:
    """The recruitment campaigns' columns with the offers' rows added after them."""
    campaigns = {k: list(v) for k, v in campaign_cols.items()}
    for row, _acts in rows:
        for k, value in zip(campaigns, row, strict=True):
            campaigns[k].append(value)
    acts = [(row[0], *a) for row, activities in rows for a in activities]
    first = len(activity_cols["activity_id"]) + 1  # type: ignore[arg-type]
    activities = {
        "activity_id": np.r_[np.asarray(activity_cols["activity_id"]), np.arange(first, first + len(acts))],
        "campaign_id": list(activity_cols["campaign_id"]) + [a[0] for a in acts],  # type: ignore[call-overload]
        "name": list(activity_cols["name"]) + [a[1] for a in acts],  # type: ignore[call-overload]
        "date": list(activity_cols["date"]) + [a[2] for a in acts],  # type: ignore[call-overload]
        "cost": list(activity_cols["cost"]) + [a[3] for a in acts],  # type: ignore[call-overload]
    }
    return campaigns, activities
