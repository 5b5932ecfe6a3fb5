"""Brand switching between our fair and a rival (品牌转换): single-customer CLV with inputs 6 and 7.

The textbook lists seven pieces of information for one customer's lifetime value; the last two
are the brand the customer bought last (客户最近一次购买的品牌) and the probability of buying each
brand next (客户下次购买每一品牌的可能性). With two brands, our fair and a rival's, the customer
moves between two states, "bought ours last" and "bought the rival's last", as a Markov chain
(the customer-migration model of Pfeifer & Carraway 2000, Journal of Interactive Marketing 14(2)):

    P = [[p(ours | ours),  1 - p(ours | ours)],
         [p(ours | rival), 1 - p(ours | rival)]]

Each period the customer buys once from one of the two; we earn the margin only when it buys
ours. With the first purchase at the end of period 1 (the kit's default timing),

    CLV = sum_{t=1..T} (1 + d)^-t  e_last P^t R,    R = (margin, 0),

and for an unlimited horizon CLV = e_last (δP)(I - δP)^-1 R with δ = 1 / (1 + d). With
p(ours | rival) = 0 a customer who leaves never comes back and the model is the retention model
of :func:`labkit.clv.customer_clv` with retention p(ours | ours).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit.clv.formulas import check_discount_rate, check_retention, periodic_rate
from labkit.errors import UsageError
from labkit.facts import edition_sequence, participations
from labkit.i18n import _

__all__ = ["BRANDS", "SwitchingRates", "brand_switching_clv", "migration_clv", "switching_rates", "transition_matrix"]

BRANDS = ("ours", "rival")


def transition_matrix(p_ours_after_ours: float, p_ours_after_rival: float) -> np.ndarray:
    """The 2 x 2 brand-switching matrix (rows: brand bought last; columns: brand bought next)."""
    check_retention(p_ours_after_ours, "probability of buying ours after ours")
    check_retention(p_ours_after_rival, "probability of buying ours after the rival's")
    a, b = float(p_ours_after_ours), float(p_ours_after_rival)
    return np.array([[a, 1 - a], [b, 1 - b]])


def migration_clv(transition: Any, rewards: Any, discount_rate: float, periods: int | None = None,
                  first_margin_now: bool = False) -> np.ndarray:
    """Expected present value per starting state of a customer-migration Markov chain (Pfeifer & Carraway).

    ``transition[i, j]``: probability of moving from state i to state j in one period; ``rewards[j]``:
    the margin earned in a period spent in state j; ``periods`` None = an unlimited horizon.
    End of period (default): sum_{t=1..T} δ^t P^t R; first margin now: sum_{t=0..T-1} δ^t P^t R.
    """
    p = np.asarray(transition, dtype="float64")
    r = np.asarray(rewards, dtype="float64")
    if p.ndim != 2 or p.shape[0] != p.shape[1] or r.shape != (p.shape[0],):
        raise UsageError(_("The transition matrix must be square, with one reward per state."))
    if (p < 0).any() or not np.allclose(p.sum(axis=1), 1.0):
        raise UsageError(_("Each row of the transition matrix holds probabilities that add up to 1."))
    check_discount_rate(discount_rate)
    delta = 1.0 / (1.0 + float(discount_rate))
    if periods is None:
        if discount_rate <= 0:
            raise UsageError(_("An unlimited horizon needs a discount rate above 0."))
        now = np.linalg.solve(np.eye(len(r)) - delta * p, r)  # sum_{t>=0} δ^t P^t R
        return now if first_margin_now else now - r
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 0:
        raise UsageError(_("The planning horizon is a whole number of periods, 0 or more; got {periods!r}.").format(
            periods=periods))
    paid = range(periods) if first_margin_now else range(1, periods + 1)
    total, step = np.zeros(len(r)), np.eye(len(r))
    for t in range(periods + 1):
        if t in paid:
            total += delta**t * step @ r
        step = step @ p
    return total


def brand_switching_clv(purchases_per_period: float, profit_per_purchase: float, annual_discount_rate: float,
                        horizon_periods: int | None, last_brand: str, p_ours_after_ours: float,
                        p_ours_after_rival: float, periods_per_year: int = 1, first_margin_now: bool = False) -> float:
    """The course's single-customer CLV from all seven pieces of information (单个客户终身价值).

    (1) period length ``periods_per_year``, (2) ``annual_discount_rate``, (3) ``horizon_periods``
    (None: unlimited), (4) ``purchases_per_period``, (5) ``profit_per_purchase``, (6) ``last_brand``
    ("ours" or "rival"), (7) the probability of buying our brand next after each brand.
    """
    if last_brand not in BRANDS:
        raise UsageError(_("The brand bought last is 'ours' or 'rival', not {brand!r}.").format(brand=last_brand))
    if purchases_per_period < 0:
        raise UsageError(_("The number of purchases per period cannot be negative."))
    rate = periodic_rate(annual_discount_rate, periods_per_year)
    values = migration_clv(transition_matrix(p_ours_after_ours, p_ours_after_rival),
                           [purchases_per_period * profit_per_purchase, 0.0], rate, horizon_periods, first_margin_now)
    return float(values[BRANDS.index(last_brand)])


@dataclass(frozen=True)
class SwitchingRates:
    """How often a known customer comes to our next edition, by where it went last (from the world)."""

    p_ours_after_ours: float
    p_ours_after_rival: float
    counts: pd.DataFrame  # rows: last (ours / rival), columns: next (ours / rival)


def switching_rates(world: Any, role: str = "exhibitor") -> SwitchingRates:
    """Estimate the two probabilities of input 7 from the world's editions (one edition = one period).

    A customer of ``role`` that has taken part before counts, at each edition, as "ours" when it
    took part and as "rival" when it stayed away: the world records no rival fair, so an absent
    customer is taken to have gone elsewhere (the model's assumption, to be said aloud).
    """
    took = participations(world)
    took = took.loc[took["role"] == role]
    if took.empty:
        raise UsageError(_("No customer of role {role!r} took part in this world.").format(role=role))
    seq = edition_sequence(world)[["edition_id", "exhibition_id", "seq"]]
    took = took.merge(seq, on="edition_id")
    counts = pd.DataFrame(0, index=list(BRANDS), columns=list(BRANDS))
    for _fair, rows in took.groupby("exhibition_id"):
        present = pd.crosstab(rows["org_id"], rows["seq"]).reindex(
            columns=range(int(seq.loc[seq["exhibition_id"] == _fair, "seq"].max()) + 1), fill_value=0).to_numpy() > 0
        first = present.argmax(axis=1)  # every row took part at least once
        for s in range(present.shape[1] - 1):
            known = first <= s
            last, nxt = present[known, s], present[known, s + 1]
            counts.loc["ours", "ours"] += int((last & nxt).sum())
            counts.loc["ours", "rival"] += int((last & ~nxt).sum())
            counts.loc["rival", "ours"] += int((~last & nxt).sum())
            counts.loc["rival", "rival"] += int((~last & ~nxt).sum())
    rates = counts["ours"] / counts.sum(axis=1).where(counts.sum(axis=1) > 0)
    return SwitchingRates(float(rates["ours"]), float(rates["rival"]), counts.rename_axis("last").rename_axis("next", axis=1))
