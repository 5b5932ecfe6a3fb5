"""Name pools (词库) shipped as data and vectorised draws from them.

Built once from Faker by ``tools/build_pools.py``; generation never calls Faker, so a world
does not change when Faker does.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from labkit.world.geography import check_locale


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

    def person_names(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Full names in the locale's order: 王芳 / 김민준 / Emily Carter."""
        last = self.draw(rng, self.surnames, n, self.surname_p)
        first = self.draw(rng, self.given_names, n)
        if self.locale == "en_US":
            return first + " " + last
        return last + first


def _array(values: list[str]) -> np.ndarray:
    return np.array(values, dtype=object)


@cache
def pool(locale: str) -> Pool:
    """The name pool of ``locale``."""
    path = resources.files("labkit") / "data" / "pools" / f"{check_locale(locale)}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Pool(
        locale=locale,
        surnames=_array(raw["surnames"]),
        surname_p=np.asarray(raw["surname_weights"], dtype=float) / sum(raw["surname_weights"]),
        given_names=_array(raw["given_names"]),
        company_stems=_array(raw["company_stems"]),
        streets=_array(raw["streets"]),
        legal_forms=_array(raw["legal_forms"]),
        industry_words={k: _array(v) for k, v in raw["industry_words"].items()},
        products={k: _array(v) for k, v in raw["products"].items()},
        core_titles=_array(raw["core_titles"]),
        titles=_array(raw["titles"]),
    )
