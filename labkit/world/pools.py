"""Name pools (词库) shipped as data and vectorised draws from them.

Built once from Faker by ``tools/build_pools.py`` into ``labkit/data/locales/<locale>/names.json``
and read with the rest of the locale by :mod:`labkit.world.locales`; generation never calls
Faker, so a world does not change when Faker does.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Pool"]


@dataclass(frozen=True)
class Pool:
    """Word lists of one locale as numpy object arrays (fast fancy indexing)."""

    locale: str
    surnames: np.ndarray
    surname_p: np.ndarray
    given_names: np.ndarray
    company_stems: np.ndarray
    streets: np.ndarray
    legal_forms: np.ndarray
    industry_words: dict[str, np.ndarray]
    products: dict[str, np.ndarray]
    core_titles: np.ndarray
    titles: np.ndarray

    def draw(self, rng: np.random.Generator, words: np.ndarray, n: int, p: np.ndarray | None = None) -> np.ndarray:
        """``n`` words drawn with replacement (by weight ``p`` if given)."""
        if p is None:
            return words[rng.integers(0, len(words), n)]
        return words[np.searchsorted(np.cumsum(p), rng.random(n) * p.sum(), side="right").clip(0, len(words) - 1)]
