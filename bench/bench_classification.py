"""Speed of the classification layer, as ratios against baselines run in the same process.

1. customer_features (grouped, vectorised) vs a naive loop that filters every table once
   per customer, in customers per second (the naive loop runs on a sample and is scaled).
2. k-means model selection (k = 2..6) in one thread vs the default thread pool.

Run: PYTHONPATH=$PWD python bench/bench_classification.py [--sample 300]
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import labkit
from labkit.classification import customer_features, rfm_scores
from labkit.classification.mining import rfm_clusters


def naive_features(tables: dict[str, pd.DataFrame], org_ids: np.ndarray) -> pd.DataFrame:
    """Baseline: participations, spend, service cost and latest recommend, one customer at a time."""
    rows = []
    booked, came = tables["booth_bookings"], tables["registrations"]
    for org in org_ids:
        b = booked[(booked["org_id"] == org) & (booked["status"] == "confirmed")]
        r = came[(came["org_id"] == org) & (came["status"] == "attended")]
        cost = tables["contact_log"].loc[tables["contact_log"]["org_id"] == org, "cost"].sum()
        cost += tables["complaints"].loc[tables["complaints"]["org_id"] == org, "handling_cost"].sum()
        answers = tables["survey_responses"][tables["survey_responses"]["org_id"] == org]["recommend"].dropna()
        rows.append({
            "org_id": org,
            "participations": len(set(b["edition_id"]) | set(r["edition_id"])),
            "spend": b["price"].sum(),
            "cost_to_serve": cost,
            "recommend": answers.iloc[-1] if len(answers) else np.nan,
        })
    return pd.DataFrame(rows).set_index("org_id")


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=300, help="customers in the naive baseline")
    args = parser.parse_args()
    world = labkit.load_world()
    tables = world.tables
    n = len(tables["organisations"])

    fast_s, features = timed(customer_features, world)
    sample = tables["organisations"]["org_id"].to_numpy()[:: max(1, n // args.sample)][: args.sample]
    naive_s, naive = timed(naive_features, tables, sample)
    same = np.allclose(naive["participations"], features.loc[sample, "participations"]) and np.allclose(
        naive["spend"], features.loc[sample, "spend"])
    fast_rate, naive_rate = n / fast_s, len(sample) / naive_s
    print(f"customer_features: {n:,} customers in {fast_s:.2f} s = {fast_rate:,.0f}/s; "
          f"naive loop {naive_rate:,.0f}/s; ratio {fast_rate / naive_rate:,.0f}x; same numbers: {same}")

    scores = rfm_scores(features)
    exhibitors = scores[features.loc[scores.index, "role"] == "exhibitor"]
    one_s, _ = timed(rfm_clusters, exhibitors, threads=1)
    pool_s, _ = timed(rfm_clusters, exhibitors, threads=None)
    print(f"k-means k=2..6 on {len(exhibitors):,} exhibitors: one thread {one_s:.2f} s, "
          f"default pool {pool_s:.2f} s; ratio {pool_s / one_s:.1f}x")


if __name__ == "__main__":
    main()
