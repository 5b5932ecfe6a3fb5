"""The naive baselines: the same CLV answers computed customer by customer in plain Python loops.

They are what a first attempt looks like (a dict per customer, a loop per row) and serve the
benchmark as its baseline and the tests as a second implementation.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize


def naive_world_clv(tables: dict[str, pd.DataFrame], booth_margin: float, deal_share: float,
                    value_per_visit: float, discount_rate: float) -> dict[int, float]:
    """Lifetime value per org_id, one row and one customer at a time."""
    year_of = dict(zip(tables["editions"]["edition_id"], tables["editions"]["year"]))
    last_year = max(year_of.values())
    profit: dict[int, float] = defaultdict(float)
    cost: dict[int, float] = defaultdict(float)
    active: dict[int, set[int]] = defaultdict(set)
    b = tables["booth_bookings"]
    for org, ed, price, status in zip(b["org_id"], b["edition_id"], b["price"], b["status"]):
        if status == "confirmed":
            profit[org] += price * booth_margin
            active[org].add(year_of[ed])
    r = tables["registrations"]
    for org, ed, status in zip(r["org_id"], r["edition_id"], r["status"]):
        if status == "attended":
            profit[org] += value_per_visit
            active[org].add(year_of[ed])
    d = tables["deals"]
    for org, ed, amount, stage in zip(d["buyer_org_id"], d["edition_id"], d["amount"], d["stage"]):
        if stage == "signed":
            profit[org] += amount * deal_share
            if amount > 0:
                active[org].add(year_of[ed])
    c = tables["contact_log"]
    for org, value in zip(c["org_id"], c["cost"]):
        cost[org] += value
    k = tables["complaints"]
    for org, value in zip(k["org_id"], k["handling_cost"]):
        cost[org] += value
    orgs = tables["organisations"]
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for org, role in zip(orgs["org_id"], orgs["role"]):
        for year in active[org]:
            if year < last_year:
                kept[role][0] += (year + 1) in active[org]
                kept[role][1] += 1
    out: dict[int, float] = {}
    for org, role, created in zip(orgs["org_id"], orgs["role"], orgs["created_at"]):
        net = profit[org] - cost[org]
        first = min([created.year, *active[org]])
        annual = net / max(last_year - first + 1, 1)
        came, of = kept[role]
        retention = min(came / of, 0.99) if of else 0.0
        future = annual * retention / (1 + discount_rate - retention) if last_year in active[org] else 0.0
        out[org] = net + future
    return out


def _bgnbd_loglik(params: np.ndarray, rows: list[tuple[float, float, float]]) -> float:
    r, alpha, a, b = np.exp(params)
    total = 0.0
    for x, tx, T in rows:
        a1 = math.lgamma(r + x) - math.lgamma(r) + r * math.log(alpha)
        a2 = math.lgamma(a + b) + math.lgamma(b + x) - math.lgamma(b) - math.lgamma(a + b + x)
        a3 = -(r + x) * math.log(alpha + T)
        if x > 0:
            a4 = math.log(a) - math.log(b + x - 1) - (r + x) * math.log(alpha + tx)
            top = max(a3, a4)
            total += a1 + a2 + top + math.log(math.exp(a3 - top) + math.exp(a4 - top))
        else:
            total += a1 + a2 + a3
    return total


def _gamma_gamma_loglik(params: np.ndarray, rows: list[tuple[float, float]]) -> float:
    p, q, g = np.exp(params)
    total = 0.0
    for x, m in rows:
        total += (math.lgamma(p * x + q) - math.lgamma(p * x) - math.lgamma(q) + q * math.log(g)
                  + (p * x - 1) * math.log(m) + p * x * math.log(x) - (p * x + q) * math.log(g + m * x))
    return total


def naive_fit(summary: pd.DataFrame) -> dict[str, Any]:
    """BG/NBD and Gamma-Gamma fitted with log-likelihoods summed customer by customer (Nelder-Mead)."""
    rows = list(zip(summary["frequency"], summary["recency"], summary["T"]))
    bg = minimize(lambda p: -_bgnbd_loglik(p, rows), np.zeros(4), method="Nelder-Mead",
                  options={"xatol": 1e-5, "fatol": 1e-6, "maxiter": 4000})
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    money = list(zip(repeat["frequency"], repeat["monetary_value"]))
    gg = minimize(lambda p: -_gamma_gamma_loglik(p, money), np.zeros(3), method="Nelder-Mead",
                  options={"xatol": 1e-5, "fatol": 1e-6, "maxiter": 4000})
    r, alpha, a, b = np.exp(bg.x)
    p, q, g = np.exp(gg.x)
    return {"r": r, "alpha": alpha, "a": a, "b": b, "p": p, "q": q, "gamma": g}
