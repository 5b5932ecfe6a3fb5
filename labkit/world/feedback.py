"""Satisfaction surveys (满意度调查) and complaints (投诉) after each edition.

Survey items of one dimension share the respondent's satisfaction with that dimension plus
item noise, so each dimension forms a reliable scale; a few answers are missing.
Complaints come more from dissatisfied and demanding customers; an exhibitor's complaint may
end in compensation, which is how some customers cost more than they bring. A complaint left
unresolved goes with not coming back: customers absent from the next edition more often have
complaints that stopped before the "resolved" step.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.world.behaviour import History
from labkit.world.config import WorldConfig
from labkit.world.customers import Customers
from labkit.world.draws import choice, row_categorical
from labkit.world.fair import money
from labkit.world.locales import RESOLUTIONS, world_locale
from labkit.world.relationship import ChainDraw, relationship_answers
from labkit.world.roles import BUYER, EXHIBITOR, role_codes
from labkit.world.schema import ENUMS, LIKERT_ITEMS, ComplaintChannel, ComplaintStatus, FuturePlan, VolumeChange

DAY = np.timedelta64(1, "D")
RESPONSE_RATE = (0.55, 0.35)  # in ROLES order: exhibitors, buyers
MISSING_ITEM = 0.04
PURPOSES = list(ENUMS["visit_purpose"].codes)
PURPOSE_P = ([10, 0, 20, 15, 35, 20], [25, 30, 15, 20, 0, 10])
PLANS = np.array(FuturePlan.codes()[::-1], dtype=object)  # worst first
_NOTHING = np.array(None, dtype=object)  # an empty answer in an object column
VOLUME = np.array(VolumeChange.codes()[::-1], dtype=object)  # most decrease first
HEARD_FROM = (["email", "sms", "fax", "letter", "website", "magazine", "phone", "other"], [30, 8, 2, 6, 25, 10, 9, 10])


def _plan(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A stated plan from the probability of coming back (with the noise of self-report)."""
    z = p + rng.normal(0, 0.12, len(p))
    return PLANS[np.searchsorted([0.2, 0.4, 0.55, 0.75], z)]


def surveys(rng: np.random.Generator, cust: Customers, history: History, ends: np.ndarray,
            channel_of: np.ndarray, chain: ChainDraw) -> dict[str, object]:
    """Survey answers per attended edition, with the relationship items of ``chain`` (:mod:`labkit.world.relationship`).

    The relationship items use the chain's own generator, so they change no other answer.
    """
    parts = []
    overall = []  # latent overall satisfaction of each respondent, in table order
    dims = {item.group for item in LIKERT_ITEMS.values()}
    for rec in history.records:
        role = cust.role[rec.orgs]
        answer = rec.attended & (rng.random(len(rec.orgs)) < np.take(RESPONSE_RATE, role))
        org, s, p, r, won = rec.orgs[answer], rec.satisfaction[answer], rec.p_return[answer], role[answer], rec.campaign[answer]
        n = len(org)
        dim_dev = {d: rng.normal(0, 0.3 if d != "overall" else 0.15, n) for d in sorted(dims)}
        cols: dict[str, Any] = {
            "edition_id": np.full(n, rec.edition + 1), "org_id": org + 1,
            "role": role_codes(r),
            "submitted_at": ends[rec.edition] + (1 + rng.integers(0, 21, n)) * DAY,
        }
        for col, spec in LIKERT_ITEMS.items():
            item = np.clip(np.rint(s + dim_dev[spec.group] + rng.normal(0, 0.45, n)), 1, 5).astype(np.int64)
            cols[col] = pd.array(item, dtype="Int64")
            cols[col][rng.random(n) < MISSING_ITEM] = pd.NA
        overall.append(s + dim_dev["overall"])
        rec_ = pd.array(np.clip(np.rint(2.4 * (s - 1) + rng.normal(0, 1.0, n)), 0, 10).astype(np.int64), dtype="Int64")
        rec_[rng.random(n) < MISSING_ITEM] = pd.NA
        cols["recommend"] = rec_
        heard = channel_of[won].copy()
        free = heard == ""
        heard[free] = choice(rng, *HEARD_FROM, int(free.sum()))
        heard[rng.random(n) < 0.05] = None
        cols["heard_from"] = heard
        cols["purpose"] = np.where(r == EXHIBITOR, choice(rng, PURPOSES, PURPOSE_P[EXHIBITOR], n), choice(rng, PURPOSES, PURPOSE_P[BUYER], n))
        z = 0.8 * (s - 3.7) + 1.2 * (cust.value_potential[org] - 0.35) + rng.normal(0, 0.8, n)
        cols["purchase_volume_change"] = np.where(r == BUYER, VOLUME[np.searchsorted([-1.2, -0.4, 0.4, 1.2], z)], _NOTHING)
        cols["future_visit"] = np.where(r == BUYER, _plan(p, rng), _NOTHING)
        cols["future_exhibit"] = np.where(r == EXHIBITOR, _plan(p, rng), _NOTHING)
        parts.append(pd.DataFrame(cols))
    df = pd.concat(parts, ignore_index=True)
    df.insert(0, "response_id", np.arange(1, len(df) + 1))
    return {k: df[k] for k in df.columns} | relationship_answers(chain.rng, np.concatenate(overall), chain.strengths)


CATEGORIES = list(ENUMS["complaint_category"].codes)
CATEGORY_P = ([30, 4, 18, 6, 3, 16, 15, 6, 2], [4, 30, 3, 14, 18, 8, 4, 14, 5])  # exhibitors, buyers
STEPS = ComplaintStatus.codes()
STEP_P = [4, 5, 7, 12, 20, 52]             # customers who come to the next edition: 84% resolved
STEP_P_LEAVING = [12, 14, 16, 14, 14, 30]  # customers who do not: 58% resolved
STEP_HOURS = [(1, 24), (4, 72), (2, 96), (1, 48), (24, 240)]  # gap before each step after "recorded"
STEP_COST = np.array([20.0, 30.0, 150.0, 200.0, 30.0, 40.0])  # CNY, cumulative by step reached
def complaints(rng: np.random.Generator, cfg: WorldConfig, cust: Customers, history: History,
               starts: np.ndarray, booking_price: np.ndarray) -> dict[str, object]:
    """Complaints with their handling steps; compensation on exhibitors' complaints can exceed their spend.

    ``booking_price[edition, org]`` is what the company paid for its booth at that edition (0 if none).
    """
    resolution = world_locale(cfg.locale).resolutions
    parts = []
    for rec in history.records:
        role = cust.role[rec.orgs]
        demanding = cust.demanding[rec.orgs]
        p = (0.02 + np.where(demanding, np.where(role == EXHIBITOR, 0.6, 0.15), 0.0)
             + 0.06 * (np.nan_to_num(rec.satisfaction, nan=3.5) < 3.0)) * np.where(role == EXHIBITOR, 1.5, 1.0)
        k = rng.poisson(np.where(rec.attended, p, 0.0))
        org = np.repeat(rec.orgs, k)
        r = cust.role[org]
        n = len(org)
        if not n:
            continue
        cat = np.where(r == EXHIBITOR, choice(rng, CATEGORIES, CATEGORY_P[EXHIBITOR], n), choice(rng, CATEGORIES, CATEGORY_P[BUYER], n))
        low_sat = np.repeat(np.nan_to_num(rec.satisfaction, nan=3.5), k) < 3.0
        priority = np.where(rng.random(n) < 0.12 + 0.2 * low_sat, "high", np.where(rng.random(n) < 0.5, "medium", "low"))
        leaving = np.zeros(n, dtype=bool)
        if rec.edition + 1 < len(history.records):
            leaving = ~np.isin(org, history.records[rec.edition + 1].orgs)
        step = row_categorical(rng, np.where(leaving[:, None], STEP_P_LEAVING, STEP_P))
        opened = (starts[rec.edition] + rng.integers(0, 15, n) * DAY).astype("datetime64[s]") + \
            (8 * 3600 + rng.integers(0, 10 * 3600, n)).astype("timedelta64[s]")
        speed = np.where(priority == "high", 0.4, 1.0)
        cols: dict[str, object] = {"org_id": org + 1, "edition_id": np.full(n, rec.edition + 1),
                                   "channel": choice(rng, list(ComplaintChannel.codes()), [35, 20, 20, 25], n),
                                   "category": cat, "priority": priority, "status": np.array(STEPS, dtype=object)[step],
                                   "opened_at": opened}
        at = opened
        for i, name in enumerate(["confirmed_at", "investigated_at", "resolved_at", "feedback_at", "followed_up_at"]):
            lo, hi = STEP_HOURS[i]
            at = at + (rng.uniform(lo, hi, n) * speed * 3600).astype(np.int64).astype("timedelta64[s]")
            cols[name] = np.where(step >= i + 1, at, np.datetime64("NaT"))
        cost = money(cfg, np.cumsum(STEP_COST)[step] * np.where(priority == "high", 2.5, 1.0) * rng.uniform(0.8, 1.2, n))
        price = booking_price[rec.edition, org]
        compensate = (step >= 3) & (r == EXHIBITOR) & (rng.random(n) < np.where(cust.demanding[org], 0.6, 0.06))
        cost = cost + np.where(compensate, np.round(price * rng.uniform(0.6, 1.6, n), 2), 0.0)
        cols["handling_cost"] = cost
        words = np.array([resolution[k] for k in RESOLUTIONS], dtype=object)
        res = words[np.array([0, 1, 3, 4, 5])[rng.integers(0, 5, n)]]
        res[compensate] = resolution["refund"]  # a compensation is always a refund
        cols["resolution"] = np.where(step >= 3, res, None)
        parts.append(pd.DataFrame(cols))
    df = pd.concat(parts, ignore_index=True).sort_values(["opened_at", "org_id"], kind="stable", ignore_index=True)
    df.insert(0, "complaint_id", np.arange(1, len(df) + 1))
    return {k: df[k] for k in df.columns}
