"""Vectorised random draws shared by the generator modules (抽样工具)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def categorical(rng: np.random.Generator, p: np.ndarray | Sequence[float], n: int) -> np.ndarray:
    """``n`` indices drawn with probabilities proportional to ``p``."""
    cum = np.cumsum(np.asarray(p, dtype=float))
    return np.searchsorted(cum, rng.random(n) * cum[-1], side="right").clip(0, len(cum) - 1)


def choice(rng: np.random.Generator, codes: Sequence[str], p: np.ndarray | Sequence[float], n: int) -> np.ndarray:
    """``n`` codes drawn with probabilities proportional to ``p`` (object array)."""
    return np.asarray(codes, dtype=object)[categorical(rng, p, n)]


def row_categorical(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One index per row of the probability matrix ``p`` (rows need not sum to one)."""
    cum = np.cumsum(p, axis=1)
    u = rng.random(len(p)) * cum[:, -1]
    return (cum < u[:, None]).sum(axis=1).clip(0, p.shape[1] - 1)


def within(rng: np.random.Generator, group: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """A uniform position inside each row's group of a flat array laid out by ``starts``/``counts``."""
    return starts[group] + (rng.random(len(group)) * counts[group]).astype(np.int64)


def flatten(lists: list[list[str]] | list[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Concatenate word lists into (flat words, start of each list, length of each list)."""
    counts = np.array([len(x) for x in lists], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    flat = np.array([w for x in lists for w in x], dtype=object)
    return flat, starts, counts


def top_k(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of ``k`` items sampled without replacement, proportional to ``weights`` (Gumbel top-k)."""
    k = min(k, int((weights > 0).sum()))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=len(weights))
    return np.sort(np.argpartition(-keys, k - 1)[:k])


def poisson_sample(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of about ``k`` items, each kept with probability proportional to its weight (capped at 1).

    Cheaper than an exact sample of size ``k`` for the large target lists of campaigns.
    """
    if k <= 0 or not len(weights):
        return np.empty(0, dtype=np.int64)
    p = np.minimum(1.0, weights * (k / weights.sum()))
    return np.flatnonzero(rng.random(len(weights)) < p)


def digits(values: np.ndarray, width: int = 0) -> np.ndarray:
    """Non-negative integers as digit strings, zero-padded to ``width`` (object array)."""
    values = np.asarray(values, dtype=np.int64)
    if width <= 1:
        return values.astype(str).astype(object)
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    codes = ((values[:, None] // powers) % 10 + 48).astype(np.uint8)
    return codes.view(f"S{width}").ravel().astype(str).astype(object)


def letters(rng: np.random.Generator, n: int, lo: int, hi: int) -> np.ndarray:
    """Random lowercase ascii words of ``lo`` to ``hi`` letters (object array)."""
    codes = rng.integers(97, 123, (n, hi), dtype=np.uint8)
    length = rng.integers(lo, hi + 1, n)
    codes[np.arange(hi)[None, :] >= length[:, None]] = 0  # NUL ends a fixed-width bytes string
    return codes.view(f"S{hi}").ravel().astype(str).astype(object)


def mapped(values: np.ndarray, func) -> np.ndarray:  # noqa: ANN001
    """``func`` applied once per distinct value (pool words repeat a lot), as an object array."""
    codes, uniques = pd.factorize(values)
    return np.array([func(v) for v in uniques], dtype=object)[codes]


def dates_between(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A uniform calendar day in [lo, hi] per row (datetime64[D])."""
    lo = lo.astype("datetime64[D]")
    span = (hi.astype("datetime64[D]") - lo).astype(np.int64).clip(0)
    return lo + (rng.random(len(lo)) * (span + 1)).astype(np.int64).astype("timedelta64[D]")
