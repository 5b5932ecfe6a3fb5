"""Recruitment campaigns (招展/招商), their sub-activities and one invitation per target.

Channels differ in cost per target, delivery, response and how much they move a customer
to come; ``website`` and ``magazine`` campaigns reach people without a target list, so they
have no invitations but can still be the source of a registration or booking.
The funnel is monotone per invitation: delivered >= responded >= confirmed >= attended, and
``confirmed`` means the company did register/book for the edition.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit.world.config import WorldConfig
from labkit.world.draws import poisson_sample
from labkit.world.fair import money
from labkit.world.locales import world_locale
from labkit.world.roles import BUYER, EXHIBITOR
from labkit.world.schema import CampaignKind


@dataclass(frozen=True)
class Channel:
    cost: float        # CNY per target (fixed cost for untargeted channels)
    delivery: float    # share delivered / reached
    response: float    # share of delivered non-participants who answer
    boost: float       # odds multiplier on coming for a delivered target
    attribution: float  # share of delivered participants who answer "will attend"


CHANNELS: dict[str, Channel] = {
    "email": Channel(0.4, 0.86, 0.05, 1.4, 0.35),
    "sms": Channel(0.1, 0.95, 0.03, 1.2, 0.25),
    "letter": Channel(9.0, 0.93, 0.06, 1.8, 0.45),
    "fax": Channel(2.0, 0.72, 0.04, 1.3, 0.30),
    "phone": Channel(18.0, 0.62, 0.30, 3.0, 0.80),
    "website": Channel(28_000.0, 1.0, 0.0, 1.0, 0.0),
    "magazine": Channel(45_000.0, 1.0, 0.0, 1.0, 0.0),
}
#: per recruitment kind: (channel, share of the role's companies targeted, focus on known customers)
PLANS: dict[int, tuple[tuple[str, float, bool], ...]] = {
    0: (("email", 0.60, False), ("phone", 0.15, True), ("letter", 0.10, True), ("fax", 0.06, False),
        ("magazine", 0.0, False)),
    1: (("email", 0.15, False), ("sms", 0.08, False), ("letter", 0.03, True), ("phone", 0.02, True),
        ("website", 0.0, False), ("magazine", 0.0, False)),
}
KIND = (str(CampaignKind.exhibitor_recruitment), str(CampaignKind.buyer_recruitment))  # by the role recruited
#: per channel: the sub-activities (their words are the locale's ``activities``) and their share of the cost
ACTIVITIES: dict[str, tuple[tuple[str, float], ...]] = {
    "email": (("email_platform", 0.6), ("list_cleaning", 0.4)),
    "sms": (("sms_gateway", 1.0),),
    "letter": (("printing", 0.45), ("postage", 0.55)),
    "fax": (("fax_line", 1.0),),
    "phone": (("call_centre", 0.85), ("call_charges", 0.15)),
    "website": (("online_ads", 0.7), ("search_optimisation", 0.3)),
    "magazine": (("magazine_space", 0.8), ("ad_design", 0.2)),
}


@dataclass
class Campaign:
    campaign_id: int
    edition: int
    kind: int          # the role recruited, EXHIBITOR or BUYER (labkit.world.roles)
    channel: str
    start: np.datetime64
    end: np.datetime64
    targets: np.ndarray     # org indices
    delivered: np.ndarray   # bool per target
    sent: np.ndarray        # datetime64[D] per target


def plan(rng: np.random.Generator, edition: int, start: np.datetime64, next_id: int, role: np.ndarray,
         eligible: np.ndarray, known: np.ndarray, value: np.ndarray) -> list[Campaign]:
    """Campaigns of one edition and whom each one targets (companies with a reachable contact)."""
    out: list[Campaign] = []
    for kind in (EXHIBITOR, BUYER):
        pool_idx = np.flatnonzero((role == kind) & eligible)
        lead, length = (260, 220) if kind == EXHIBITOR else (100, 93)
        c_start = start - np.timedelta64(lead, "D")
        for channel, share, focus in PLANS[kind]:
            k = int(round(share * (role == kind).sum()))
            weights = (0.2 + value[pool_idx]) * (np.where(known[pool_idx], 6.0, 1.0) if focus else 1.0)
            targets = pool_idx[poisson_sample(rng, weights, k)]
            delivered = rng.random(len(targets)) < CHANNELS[channel].delivery
            offset = rng.integers(0, 21, len(targets)).astype("timedelta64[D]")
            out.append(Campaign(next_id, edition, kind, channel, c_start, c_start + np.timedelta64(length, "D"),
                                targets, delivered, c_start + offset))
            next_id += 1
    return out


def boost(n: int, campaigns: list[Campaign]) -> np.ndarray:
    """Odds multiplier on coming to the edition from the strongest delivered invitation."""
    out = np.ones(n)
    for c in campaigns:
        if len(c.targets):
            hit = c.targets[c.delivered]
            out[hit] = np.maximum(out[hit], CHANNELS[c.channel].boost)
    return out


def respond(rng: np.random.Generator, c: Campaign, came: np.ndarray, attended: np.ndarray,
            ch: Channel | None = None) -> dict[str, np.ndarray]:
    """Invitation rows of one campaign given who registered/booked (``came``) and who attended.

    ``ch`` gives the response behaviour (default: the campaign's channel).
    """
    ch = CHANNELS[c.channel] if ch is None else ch
    n = len(c.targets)
    part = came[c.targets] & c.delivered
    yes = part & (rng.random(n) < ch.attribution)
    answered_other = c.delivered & ~part & (rng.random(n) < ch.response)
    u = rng.random(n)
    response = np.full(n, None, dtype=object)
    response[yes] = "will_attend"
    response[answered_other] = np.where(u[answered_other] < 0.12, "will_attend",
                                        np.where(u[answered_other] < 0.82, "will_not_attend", "do_not_contact"))
    responded = yes | answered_other
    lag = (1 + rng.exponential(5, n)).astype(np.int64).astype("timedelta64[D]")
    responded_at = np.where(responded, np.minimum(c.sent + lag, c.end), np.datetime64("NaT"))
    confirmed = yes
    return {"campaign_id": np.full(n, c.campaign_id), "org_index": c.targets, "sent_at": c.sent,
            "delivered": c.delivered, "responded": responded, "response": response,
            "responded_at": responded_at.astype("datetime64[D]"), "confirmed": confirmed,
            "attended": confirmed & attended[c.targets]}


def theme(locale: str, kind: int, channel: str, edition_name: str) -> str:
    """The theme of a recruitment campaign in the locale's words: 2023 春季招展邮件推广."""
    words = world_locale(locale)
    return words.themes[KIND[kind]].format(ed=edition_name, ch=words.channels[channel])


def campaign_tables(rng: np.random.Generator, cfg: WorldConfig, campaigns: list[Campaign], edition_names: list[str],
                    staff: np.ndarray) -> tuple[dict[str, Any], dict[str, Any]]:
    """Columns of ``campaigns`` and ``campaign_activities``; actual cost = sum of the activities.

    Untargeted campaigns (website, magazine) expect responses from about 1% of the role's companies.
    """
    role_size = (cfg.n_exhibitors, cfg.n_buyers)
    words = world_locale(cfg.locale).activities
    rows, acts = [], []
    for c in campaigns:
        ch = CHANNELS[c.channel]
        n = len(c.targets)
        base = ch.cost * n if n else ch.cost * rng.uniform(0.7, 1.4)
        parts = ACTIVITIES[c.channel]
        span = int((c.end - c.start).astype(int))
        costs = money(cfg, np.array([base * share * rng.uniform(0.9, 1.1) for _, share in parts]))
        for (activity, _share), cost in zip(parts, costs, strict=True):
            acts.append((c.campaign_id, words[activity], c.start + np.timedelta64(int(rng.integers(0, span + 1)), "D"), cost))
        actual = float(np.sum(costs))
        expected = int(round((n * ch.delivery * (ch.response + 0.1 * ch.attribution) if n else role_size[c.kind] * 0.01)
                             * rng.uniform(0.8, 1.25)))
        rows.append((c.campaign_id, c.edition + 1, KIND[c.kind],
                     theme(cfg.locale, c.kind, c.channel, edition_names[c.edition]), c.channel, c.start, c.end,
                     float(np.round(actual * rng.uniform(0.85, 1.25), -2)), actual, expected,
                     staff[int(rng.integers(0, len(staff)))]))
    cols = ["campaign_id", "edition_id", "kind", "theme", "channel", "start_date", "end_date", "budget",
            "actual_cost", "expected_responses", "owner"]
    campaigns_cols = {k: [r[i] for r in rows] for i, k in enumerate(cols)}
    act_cols = {"activity_id": np.arange(1, len(acts) + 1), "campaign_id": [a[0] for a in acts],
                "name": [a[1] for a in acts], "date": [a[2] for a in acts], "cost": [a[3] for a in acts]}
    return campaigns_cols, act_cols


def invitations_frame(parts: list[dict[str, np.ndarray]], primary_contact: np.ndarray) -> dict[str, object]:
    """Concatenate per-campaign invitation rows into the ``invitations`` table columns."""
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    org = cat["org_index"].astype(np.int64)
    return {"invitation_id": np.arange(1, len(org) + 1), "campaign_id": cat["campaign_id"], "org_id": org + 1,
            "contact_id": primary_contact[org], "sent_at": cat["sent_at"], "delivered": cat["delivered"],
            "responded": cat["responded"], "response": cat["response"],
            "responded_at": pd.to_datetime(cat["responded_at"]), "confirmed": cat["confirmed"],
            "attended": cat["attended"]}

