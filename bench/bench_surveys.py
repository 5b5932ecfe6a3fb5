"""Speed of the survey layer, as ratios against baselines run in the same process.

1. cronbach_alpha (covariance-matrix form, handles pairwise missing answers) vs the
   textbook form (sum of item variances / variance of the total) on complete answers.
2. survey_summary on the classroom world vs the same responses repeated ``--copies``
   times: the time ratio against the size ratio shows how it scales.

Run: PYTHONPATH=$PWD python bench/bench_surveys.py [--rows 200000] [--copies 4]
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

import labkit
from labkit.surveys import cronbach_alpha, survey_summary


def textbook_alpha(items: pd.DataFrame) -> float:
    """Baseline: k/(k-1) * (1 - sum of item variances / variance of the total score)."""
    k = items.shape[1]
    return k / (k - 1) * (1 - items.var().sum() / items.sum(axis=1).var())


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def repeated(world: labkit.World, copies: int) -> dict[str, pd.DataFrame]:
    """The world's tables with the survey responses repeated ``copies`` times (new response ids)."""
    tables = dict(world.tables)
    frame = tables["survey_responses"]
    step = int(frame["response_id"].max()) + 1
    tables["survey_responses"] = pd.concat(
        [frame.assign(response_id=frame["response_id"] + i * step) for i in range(copies)], ignore_index=True
    )
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    latent = rng.normal(size=(args.rows, 1))
    items = pd.DataFrame(np.clip(np.round(3 + latent + rng.normal(size=(args.rows, 12))), 1, 5))
    ours, base = best_of(lambda: cronbach_alpha(items)), best_of(lambda: textbook_alpha(items))
    assert abs(cronbach_alpha(items).alpha - textbook_alpha(items)) < 1e-9
    print(f"alpha, {args.rows} x 12: covariance form / textbook form = {ours / base:.2f}x the time")
    world = labkit.load_world()
    big = repeated(world, args.copies)
    small_t, big_t = best_of(lambda: survey_summary(world)), best_of(lambda: survey_summary(big))
    print(f"survey_summary: {args.copies}x the responses takes {big_t / small_t:.2f}x the time")


if __name__ == "__main__":
    main()
