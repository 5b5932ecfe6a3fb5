"""CLV speed and memory (客户终身价值基准), as ratios against naive loops run in the same process.

1. BG/NBD + Gamma-Gamma on the full CDNOW cohort (23,570 customers): the kit's fit (lifetimes,
   vectorised likelihood, BFGS) vs the same likelihoods summed customer by customer (Nelder-Mead).
2. CLV of every exhibitor and buyer of a synthetic world with 1,000,000 buyers: the kit's
   grouped columns vs a per-row, per-customer Python loop.

Run: ``PYTHONPATH=. python bench/bench_clv.py [--buyers 1000000]``. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from bench.naive_clv import naive_fit, naive_world_clv
from labkit.clv.cdnow_data import cdnow_summary
from labkit.clv.probabilistic import customer_values, fit_bgnbd, fit_gamma_gamma
from labkit.clv.world_clv import ValueAssumptions, world_clv
from labkit.world.schema import Role


def synthetic_world(n_buyers: int, n_exhibitors: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The tables world CLV reads, for a big world, drawn from one seeded generator."""
    rng = np.random.default_rng(seed)
    n = n_exhibitors + n_buyers
    org_id = np.arange(1, n + 1)
    role = np.where(org_id <= n_exhibitors, "exhibitor", "buyer")
    loyalty = rng.beta(2, 2, n)
    editions = pd.DataFrame({"edition_id": np.arange(1, 7), "year": np.repeat([2022, 2023, 2024], 2),
                             "start_date": pd.to_datetime(["2022-04-15", "2022-10-15", "2023-04-15",
                                                           "2023-10-15", "2024-04-15", "2024-10-15"])})
    came = rng.random((n, 6)) < 0.8 * loyalty[:, None]
    org_idx, ed_idx = np.nonzero(came)
    exh = org_idx < n_exhibitors
    bookings = pd.DataFrame({
        "org_id": org_id[org_idx[exh]], "edition_id": ed_idx[exh] + 1,
        "price": np.round(rng.lognormal(10, 0.5, exh.sum()), 2),
        "status": np.where(rng.random(exh.sum()) < 0.9, "confirmed", "cancelled")})
    buy = ~exh
    registrations = pd.DataFrame({
        "org_id": org_id[org_idx[buy]], "edition_id": ed_idx[buy] + 1,
        "status": np.where(rng.random(buy.sum()) < 0.75, "attended", "no_show")})
    with_deal = registrations[(registrations["status"] == "attended").to_numpy()
                              & (rng.random(len(registrations)) < 0.4)]
    deals = pd.DataFrame({
        "buyer_org_id": with_deal["org_id"].to_numpy(), "edition_id": with_deal["edition_id"].to_numpy(),
        "exhibitor_org_id": rng.integers(1, n_exhibitors + 1, len(with_deal)),
        "amount": np.round(rng.lognormal(9, 1, len(with_deal)), 2),
        "stage": np.where(rng.random(len(with_deal)) < 0.5, "signed", "intention")})
    contacts = rng.poisson(2, n)
    contact_log = pd.DataFrame({
        "org_id": np.repeat(org_id, contacts), "cost": np.round(rng.uniform(5, 50, contacts.sum()), 2),
        "at": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1095, contacts.sum()), unit="D")})
    complaining = org_id[rng.random(n) < 0.02]
    complaints = pd.DataFrame({
        "org_id": complaining, "handling_cost": np.round(rng.uniform(100, 2000, len(complaining)), 2),
        "opened_at": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1095, len(complaining)), unit="D")})
    organisations = pd.DataFrame({
        "org_id": org_id, "role": pd.Categorical(role, categories=list(Role.codes())),
        "created_at": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1400, n), unit="D")})
    return {"organisations": organisations, "editions": editions, "booth_bookings": bookings,
            "registrations": registrations, "deals": deals, "contact_log": contact_log, "complaints": complaints}


def _child(func: Callable[[], Any], conn: Any) -> None:
    with open("/proc/self/statm") as f:
        start = int(f.read().split()[1]) * resource.getpagesize()
    t0 = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    conn.send((result, seconds, max(peak - start, 0) / 2**20))
    conn.close()


def measure(func: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, seconds, peak extra MiB) of ``func`` run in a forked child of this process.

    The child starts with this process's memory; its peak resident size above that is what
    ``func`` needed. No tracing, so pure-Python loops are timed at their real speed.
    """
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(func, there))
    child.start()
    result = here.recv()
    child.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=1_000_000)
    args = parser.parse_args()
    rows = []

    summary = cdnow_summary(full=True)

    def kit_fit() -> dict[str, float]:
        bg, gg = fit_bgnbd(summary), fit_gamma_gamma(summary)
        customer_values(bg, gg, summary)
        return {**bg.params(), **gg.params()}

    ours, t_kit, m_kit = measure(kit_fit)
    theirs, t_naive, m_naive = measure(lambda: naive_fit(summary))
    gap = max(abs(ours[k] / theirs[k] - 1) for k in ours)
    rows.append((f"BG/NBD + Gamma-Gamma fit, CDNOW full cohort ({len(summary):,} customers)",
                 t_kit, m_kit, t_naive, m_naive, f"parameters agree to {gap:.1e} (relative)"))

    a = ValueAssumptions()
    world = synthetic_world(args.buyers, args.buyers // 10)
    n_rows = sum(len(t) for t in world.values())
    ours, t_kit, m_kit = measure(lambda: world_clv(world, a)["lifetime_value"])
    theirs, t_naive, m_naive = measure(lambda: naive_world_clv(
        world, a.booth_margin, a.deal_share, a.value_per_visit, a.discount_rate))
    gap = float(np.max(np.abs(pd.Series(theirs).reindex(ours.index) - ours)))
    rows.append((f"World CLV, {args.buyers:,} buyers + {args.buyers // 10:,} exhibitors ({n_rows:,} table rows)",
                 t_kit, m_kit, t_naive, m_naive, f"lifetime values agree to {gap:.1e}"))

    print("| task | labkit s | labkit peak extra MiB | naive loop s | naive peak extra MiB | speed-up | check |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for task, tk, mk, tn, mn, check in rows:
        print(f"| {task} | {tk:.2f} | {mk:.0f} | {tn:.2f} | {mn:.0f} | {tn / tk:.1f}x | {check} |")


if __name__ == "__main__":
    main()
