"""Behaviour over the editions (动态数据): who comes, who is satisfied, who stays, who churns.

Each company carries a relationship lifecycle stage (考察期 exploration, 形成期 formation,
稳定期 stability, 退化期 decline). The stage drives whether it comes back, how much it
spends and how satisfied it is; satisfaction in turn moves the stage, and a declining
company may leave for good (churn). Newcomers fill each edition up to its planned size, so
about a fifth of exhibitors and three fifths of buyers are first-timers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from labkit.world import campaigns as camp
from labkit.world.config import N_EDITIONS, WorldConfig
from labkit.world.customers import Customers
from labkit.world.draws import top_k
from labkit.world.roles import BUYER, EXHIBITOR, ROLES
from labkit.world.schema import LifecycleStage

EXPLORATION, FORMATION, STABILITY, DECLINE = 0, 1, 2, 3
STAGES = LifecycleStage.codes()
#: retention by stage (exploration, formation, stability, decline) for exhibitors and buyers
RETENTION = np.array([[0.62, 0.82, 0.93, 0.35], [0.25, 0.42, 0.62, 0.10]])  # rows in ROLES order
SATISFACTION = np.array([3.55, 3.80, 4.05, 3.00])      # mean satisfaction (1-5) by stage
EDITION_SHARE = (0.42, 0.19)          # planned participants per edition, share of the role's companies
PREHISTORY_SHARE = (0.40, 0.18)       # participants of the edition before the data starts
PREHISTORY_STAGE = ((0.25, 0.30, 0.40, 0.05), (0.45, 0.30, 0.20, 0.05))
GROWTH = 1.03                          # planned growth per edition


@dataclass
class EditionRecord:
    """What happened at one edition, for the companies that registered or booked."""

    edition: int
    orgs: np.ndarray          # org indices that registered (buyers) or booked (exhibitors)
    first_time: np.ndarray    # bool
    attended: np.ndarray      # bool: buyer checked in / exhibitor's booking not cancelled
    stage: np.ndarray         # stage when it came
    satisfaction: np.ndarray  # latent 1-5, NaN if it did not attend
    p_return: np.ndarray      # probability of coming to the next edition
    campaign: np.ndarray      # campaign_id that won it, 0 if none


@dataclass
class History:
    records: list[EditionRecord]
    campaigns: list[camp.Campaign]
    invitations: list[dict[str, np.ndarray]]
    stage: np.ndarray            # final stage per org
    churned: np.ndarray          # bool per org
    ever: np.ndarray             # took part at least once (including before the data starts)
    dnc: np.ndarray              # primary contact asked not to be contacted again
    first_edition: np.ndarray    # first edition index a company took part in (-1 before data, 99 never)
    first_campaign: np.ndarray   # campaign_id that first won the company, 0 if none


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def p_return(role: np.ndarray, stage: np.ndarray, loyalty: np.ndarray, sat: np.ndarray) -> np.ndarray:
    """Chance of coming to the next edition by role, stage, loyalty and last satisfaction (NaN: none)."""
    sat_effect = np.where(np.isnan(sat), 0.0, 0.18 * (sat - 3.7))
    return np.clip(RETENTION[role, stage] + 0.25 * (loyalty - 0.5) + sat_effect, 0.02, 0.98)


def with_odds(p: np.ndarray, odds: np.ndarray) -> np.ndarray:
    """``p`` with its odds multiplied by ``odds`` (what a delivered invitation does)."""
    o = p / (1 - p) * odds
    return o / (1 + o)


def show_probability(role: np.ndarray, stage: np.ndarray, loyalty: np.ndarray) -> np.ndarray:
    """Chance that a company that registered (buyer, role 1) or booked (exhibitor, 0) actually comes."""
    return np.where(role == BUYER,
                    np.clip(0.68 + 0.05 * (stage > EXPLORATION) + 0.15 * (loyalty - 0.5), 0.3, 0.95),
                    np.where(stage == DECLINE, 0.90, 0.97))


def _next_stage(rng: np.random.Generator, stage: np.ndarray, sat: np.ndarray, attended: np.ndarray) -> np.ndarray:
    """Move the stage of companies after an edition, by satisfaction (or absence)."""
    u = rng.random(len(stage))
    s = np.where(np.isnan(sat), 3.3, sat)
    new = stage.copy()
    up = np.select([stage == EXPLORATION, stage == FORMATION, stage == DECLINE],
                   [0.7 * _sigmoid(2 * (s - 3.5)), 0.55 * _sigmoid(2 * (s - 3.7)), 0.45 * (s > 3.8)], 0.0)
    down = np.select([stage == EXPLORATION, stage == FORMATION, stage == STABILITY],
                     [0.5 * (s < 2.9), 0.45 * (s < 3.0), 0.5 * (s < 3.1)], 0.0)
    down = np.where(attended, down, np.where(stage == DECLINE, 0.0, 0.25))
    new[(u < up) & attended] = np.where(stage[(u < up) & attended] == DECLINE, FORMATION,
                                        np.minimum(stage[(u < up) & attended] + 1, STABILITY))
    new[(u >= 1 - down)] = DECLINE
    return new


def simulate(rng: np.random.Generator, cfg: WorldConfig, cust: Customers, starts: np.ndarray) -> History:
    """Run the editions in order; campaigns of an edition are planned before it, answered after."""
    n, role = cust.n, cust.role.astype(np.int64)
    stage = np.zeros(n, dtype=np.int64)
    churned = np.zeros(n, dtype=bool)
    dnc = np.zeros(n, dtype=bool)
    last_sat = np.full(n, np.nan)
    first_edition = np.full(n, 99, dtype=np.int64)
    first_campaign = np.zeros(n, dtype=np.int64)
    # the edition before the data starts: who the organiser already knows
    ever = np.zeros(n, dtype=bool)
    for r in (EXHIBITOR, BUYER):
        idx = np.flatnonzero(role == r)
        chosen = idx[top_k(rng, 0.3 + cust.value_potential[idx], int(PREHISTORY_SHARE[r] * len(idx)))]
        ever[chosen] = True
        stage[chosen] = rng.choice(4, len(chosen), p=PREHISTORY_STAGE[r])
        last_sat[chosen] = np.clip(rng.normal(SATISFACTION[stage[chosen]] + cust.sat_bias[chosen], 0.5), 1, 5)
    first_edition[ever] = -1
    came_last = ever.copy()
    edition_shift = rng.normal(0, 0.12, N_EDITIONS)
    records: list[EditionRecord] = []
    all_campaigns: list[camp.Campaign] = []
    invitations: list[dict[str, np.ndarray]] = []
    size = np.bincount(role, minlength=len(ROLES))
    for e in range(N_EDITIONS):
        cs = camp.plan(rng, e, starts[e], len(all_campaigns) + 1, role, ~dnc, ever, cust.value_potential)
        odds = camp.boost(n, cs)
        p_ret = p_return(role, stage, cust.loyalty, last_sat)
        p_ret = np.where(came_last, p_ret, 0.35 * p_ret)
        returning = ever & ~churned & (rng.random(n) < with_odds(p_ret, np.sqrt(odds)))
        came = returning.copy()
        for r in (EXHIBITOR, BUYER):
            planned = int(EDITION_SHARE[r] * size[r] * GROWTH ** e)
            need = planned - int((returning & (role == r)).sum())
            fresh = np.flatnonzero((role == r) & ~ever)
            if need > 0 and len(fresh):
                came[fresh[top_k(rng, (0.3 + cust.value_potential[fresh]) * odds[fresh], need)]] = True
        new = came & ~ever
        stage[new] = EXPLORATION
        stage_then = stage.copy()
        show = show_probability(role, stage, cust.loyalty)
        attended = came & (rng.random(n) < show)
        sat = np.full(n, np.nan)
        mu = SATISFACTION[stage] + cust.sat_bias + 0.5 * (cust.loyalty - 0.5) + edition_shift[e] - 0.35 * cust.demanding
        sat[attended] = np.clip(mu[attended] + rng.normal(0, 0.45, int(attended.sum())), 1, 5)
        # invitations answered now that we know who came; the first "will attend" wins the credit
        won = np.zeros(n, dtype=np.int64)
        for c in cs:
            if len(c.targets):
                rows = camp.respond(rng, c, came, attended)
                invitations.append(rows)
                yes = c.targets[rows["confirmed"]]
                won[yes] = np.where(won[yes] == 0, c.campaign_id, won[yes])
                dnc[c.targets[rows["response"] == "do_not_contact"]] = True
        for c in cs:  # untargeted channels are credited by some of the others
            if not len(c.targets):
                share = 0.12 if c.channel == "website" else 0.05
                pick = came & (won == 0) & (role == c.kind) & (rng.random(n) < share)
                won[pick] = c.campaign_id
        first_edition[new] = e
        first_campaign[new] = won[new]
        # stage moves, churn, and the chance of coming next time
        known = ever | came
        moved = _next_stage(rng, stage, sat, attended)
        stage = np.where(known & ~churned, moved, stage)
        leave = known & ~churned & (stage == DECLINE) & (rng.random(n) < np.where(came, 0.10, 0.45))
        churned |= leave
        last_sat = np.where(attended, sat, last_sat)
        p_next = np.where(churned, 0.0, p_return(role, stage, cust.loyalty, last_sat))
        idx = np.flatnonzero(came)
        records.append(EditionRecord(e, idx, new[idx], attended[idx], stage_then[idx], sat[idx], p_next[idx], won[idx]))
        all_campaigns += cs
        ever |= came
        came_last = came
    return History(records, all_campaigns, invitations, stage, churned, ever, dnc, first_edition, first_campaign)
