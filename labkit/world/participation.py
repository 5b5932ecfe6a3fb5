"""Booth bookings (展位预订), buyer registrations and check-ins (观众登记), and deals (成交).

Built from the behaviour history: one booking per exhibitor and edition it took part in
(plus quotes and reservations that never became a booking), one registration per buyer and
edition, and purchase intentions between attending buyers and exhibitors.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.world.behaviour import STABILITY, History
from labkit.world.config import WorldConfig
from labkit.world.customers import INDUSTRIES, Customers
from labkit.world.draws import categorical, choice
from labkit.world.fair import PREMIUM, RAW_SPACE, STANDARD, money, unit_prices
from labkit.world.roles import BUYER, EXHIBITOR

DAY = np.timedelta64(1, "D")


def _key(campaign: np.ndarray, org: np.ndarray) -> np.ndarray:
    return campaign.astype(np.int64) << 32 | org.astype(np.int64)


def answer_dates(history: History) -> tuple[np.ndarray, np.ndarray]:
    """responded_at of each confirmed invitation, as (sorted campaign/org keys, dates)."""
    keys = np.concatenate([_key(p["campaign_id"][p["confirmed"]], p["org_index"][p["confirmed"]]) for p in history.invitations])
    at = np.concatenate([p["responded_at"][p["confirmed"]] for p in history.invitations])
    keys, first = np.unique(keys, return_index=True)
    return keys, at[first]


def _after_answer(rng: np.random.Generator, answered: tuple[np.ndarray, np.ndarray], campaign: np.ndarray,
                  org: np.ndarray, otherwise: np.ndarray, latest: np.datetime64, max_days: int) -> np.ndarray:
    """A date a few days after the credited invitation was answered, else ``otherwise``."""
    keys, dates = answered
    want = _key(campaign, org)
    pos = np.searchsorted(keys, want).clip(0, max(len(keys) - 1, 0))
    found = (keys[pos] == want) if len(keys) else np.zeros(len(want), dtype=bool)
    at = np.where(found, dates[pos] if len(keys) else np.datetime64("NaT"), np.datetime64("NaT")).astype("datetime64[D]")
    later = at + (rng.random(len(org)) * max_days).astype(np.int64) * DAY
    return np.where(found, np.minimum(later, latest), otherwise)


def booth_bookings(rng: np.random.Generator, cfg: WorldConfig, cust: Customers, history: History,
                   starts: np.ndarray, halls: np.ndarray, answered: tuple[np.ndarray, np.ndarray]) -> dict[str, Any]:
    """One booking per exhibitor and edition; price = list_price x (1 - discount_rate)."""
    prices = unit_prices(cfg)
    cols: dict[str, list[np.ndarray]] = {k: [] for k in (
        "edition_id", "org_id", "category_id", "hall", "booths", "area_m2", "list_price", "discount_rate",
        "price", "status", "is_renewal", "campaign_id", "booked_at")}
    came_before = history.first_edition == -1
    kinds = {c.campaign_id: c.kind for c in history.campaigns}
    for rec in history.records:
        ex = cust.role[rec.orgs] == EXHIBITOR
        org, camp_id = rec.orgs[ex], rec.campaign[ex]
        status = np.where(rec.attended[ex], "confirmed", "cancelled").astype(object)
        # quotes and reservations: exhibitors who said "will attend" but never booked
        maybe = [p for p in history.invitations if kinds[int(p["campaign_id"][0])] == EXHIBITOR
                 and history.campaigns[int(p["campaign_id"][0]) - 1].edition == rec.edition]
        if maybe:
            q_org = np.concatenate([p["org_index"][(p["response"] == "will_attend") & ~p["confirmed"]] for p in maybe])
            q_camp = np.concatenate([p["campaign_id"][(p["response"] == "will_attend") & ~p["confirmed"]] for p in maybe])
            q_org, first = np.unique(q_org, return_index=True)
            q_camp = q_camp[first]
            org = np.r_[org, q_org]
            camp_id = np.r_[camp_id, q_camp]
            status = np.r_[status, np.where(rng.random(len(q_org)) < 0.7, "quoted", "reserved").astype(object)]
        n = len(org)
        v = cust.value_potential[org]
        stage = _stage_at(rec, org)
        score = v + 0.06 * stage + rng.normal(0, 0.08, n)
        category = np.where(score > 0.95, RAW_SPACE, np.where(score > 0.82, PREMIUM, STANDARD))
        units = np.where(category == STANDARD, 1 + rng.poisson(0.05 + 0.35 * v),
                         np.where(category == PREMIUM, 1 + rng.poisson(0.25, n),
                                  4 + np.floor(rng.lognormal(np.log(3), 0.9, n)).astype(np.int64)))
        booths = np.where(category == PREMIUM, 2 * units, units).astype(np.int64)
        area = booths * 9.0
        list_price = np.where(category == RAW_SPACE, prices[2] * area, prices[category - 1] * units)
        renewal = came_before[org] if rec.edition == 0 else np.isin(org, _attended_exhibitors(history, rec.edition - 1))
        disc = 0.05 * ((renewal & (rng.random(n) < 0.6)) + (booths >= 4) + 2 * (cust.demanding[org] & (rng.random(n) < 0.7))
                       + (rng.random(n) < 0.15))
        disc = np.round(np.clip(disc, 0, 0.3), 2)
        start = starts[rec.edition]
        hall_no = 1 + cust.industry[org] % halls[rec.edition]
        fallback = start - (30 + (rng.random(n) * 210).astype(np.int64)) * DAY
        booked = _after_answer(rng, answered, camp_id, org, fallback, start - 30 * DAY, 20)
        cols["edition_id"].append(np.full(n, rec.edition + 1))
        cols["org_id"].append(org + 1)
        cols["category_id"].append(category)
        cols["hall"].append(hall_no.astype(str).astype(object) + "." + (1 + rng.integers(0, 3, n)).astype(str).astype(object))
        cols["booths"].append(booths)
        cols["area_m2"].append(area)
        cols["list_price"].append(list_price)
        cols["discount_rate"].append(disc)
        cols["price"].append(np.round(list_price * (1 - disc), 2))
        cols["status"].append(status)
        cols["is_renewal"].append(renewal)
        cols["campaign_id"].append(camp_id)
        cols["booked_at"].append(booked)
    out = {k: np.concatenate(v) for k, v in cols.items()}
    out["campaign_id"] = pd.Series(out["campaign_id"], dtype="Int64").mask(out["campaign_id"] == 0).array
    order = np.lexsort((out["org_id"], out["edition_id"]))
    out = {k: v[order] for k, v in out.items()}
    out["booking_id"] = np.arange(1, len(order) + 1)
    return out


def _stage_at(rec, org: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """Stage of ``org`` when it came to ``rec``'s edition (exploration for mere quotes)."""
    pos = np.searchsorted(rec.orgs, org).clip(0, len(rec.orgs) - 1)
    return np.where(rec.orgs[pos] == org, rec.stage[pos], 0)


def _attended_exhibitors(history: History, edition: int) -> np.ndarray:
    rec = history.records[edition]
    return rec.orgs[rec.attended]


def registrations(rng: np.random.Generator, cust: Customers, history: History, starts: np.ndarray,
                  channel_of: np.ndarray, answered: tuple[np.ndarray, np.ndarray]) -> dict[str, object]:
    """One registration per buyer and edition; ~70% show up and get a check-in time."""
    parts = []
    for rec in history.records:
        b = cust.role[rec.orgs] == BUYER
        org, attended, camp_id = rec.orgs[b], rec.attended[b], rec.campaign[b]
        n = len(org)
        start = starts[rec.edition]
        channel = channel_of[camp_id]
        source = np.select([channel == "phone", np.isin(channel, ["website", "magazine"]), channel != ""],
                           ["call_centre", "online", "invitation"], "")
        free = source == ""
        source[free] = choice(rng, ["online", "on_site", "call_centre"], [70, 22, 8], int(free.sum()))
        source[(source == "on_site") & ~attended] = "online"
        status = np.where(attended, "attended", choice(rng, ["no_show", "registered", "confirmed"], [80, 12, 8], n))
        day = categorical(rng, [0.35, 0.25, 0.2, 0.12, 0.08], n)
        on_site = source == "on_site"
        before = start - (1 + (rng.exponential(25, n)).astype(np.int64).clip(0, 119)) * DAY
        reg = _after_answer(rng, answered, camp_id, org, before, start - DAY, 7)
        reg = np.where(on_site, start + day * DAY, reg)
        seconds = (9 * 3600 + rng.random(n) * 7.5 * 3600).astype(np.int64)
        checked = (start + day * DAY).astype("datetime64[s]") + seconds.astype("timedelta64[s]")
        checked = np.where(attended, checked, np.datetime64("NaT"))
        who = visiting_contact(rng, cust, org)
        parts.append(pd.DataFrame({
            "edition_id": rec.edition + 1, "org_id": org + 1, "contact_id": who, "status": status,
            "is_first_time": rec.first_time[b], "source": source, "campaign_id": camp_id,
            "registered_at": reg, "checked_in_at": checked}))
    df = pd.concat(parts, ignore_index=True)
    df["campaign_id"] = df["campaign_id"].astype("Int64").mask(df["campaign_id"] == 0)
    df.insert(0, "registration_id", np.arange(1, len(df) + 1))
    return {k: df[k] for k in df.columns}


def visiting_contact(rng: np.random.Generator, cust: Customers, org: np.ndarray) -> np.ndarray:
    """The person who came: the primary contact mostly, a colleague sometimes."""
    primary = cust.primary_contact[org]
    count = cust.contact_count[org]
    other = primary + (rng.random(len(org)) * count).astype(np.int64)
    return np.where(rng.random(len(org)) < 0.8, primary, other)


def deals(rng: np.random.Generator, cfg: WorldConfig, cust: Customers, history: History,
          starts: np.ndarray) -> dict[str, object]:
    """Purchase intentions of attending buyers with attending exhibitors, mostly of the same industry."""
    parts = []
    for rec in history.records:
        ex = rec.orgs[rec.attended & (cust.role[rec.orgs] == EXHIBITOR)]
        buyers = rec.attended & (cust.role[rec.orgs] == BUYER)
        b, b_stage = rec.orgs[buyers], rec.stage[buyers]
        if not len(ex) or not len(b):
            continue
        k = rng.poisson(0.25 + 1.4 * cust.value_potential[b] + 0.2 * b_stage)
        buyer = np.repeat(b, k)
        stage = np.repeat(b_stage, k)
        n = len(buyer)
        industry = np.where(rng.random(n) < 0.8, cust.industry[buyer], rng.integers(0, 12, n))
        order = np.argsort(cust.industry[ex], kind="stable")
        ex_sorted = ex[order]
        counts = np.bincount(cust.industry[ex], minlength=12)
        starts_ = np.r_[0, np.cumsum(counts)[:-1]]
        has = counts[industry] > 0
        pos = np.where(has, starts_[industry] + (rng.random(n) * counts[industry]).astype(np.int64),
                       rng.integers(0, len(ex), n))
        seller = ex_sorted[pos]
        amount = money(cfg, np.exp(rng.normal(np.log(45_000) + 1.3 * (cust.value_potential[buyer] - 0.35), 1.1)))
        deal_stage = np.where(rng.random(n) < 0.28 + 0.1 * (stage >= STABILITY), "signed",
                              np.where(rng.random(n) < 0.45, "negotiating", "intention"))
        start = starts[rec.edition]
        lag = np.where(deal_stage == "signed", rng.integers(0, 60, n), rng.integers(0, 5, n))
        parts.append(pd.DataFrame({
            "edition_id": rec.edition + 1, "buyer_org_id": buyer + 1, "exhibitor_org_id": seller + 1,
            "product_category": np.array(INDUSTRIES, dtype=object)[cust.industry[seller]], "amount": amount,
            "stage": deal_stage, "created_at": start + lag * DAY}))
    df = pd.concat(parts, ignore_index=True)
    df.insert(0, "deal_id", np.arange(1, len(df) + 1))
    return {k: df[k] for k in df.columns}

