"""The relationship chain behind the survey (客户满意感 → 信任感 → 归属感 → 商业友谊 → 忠诚感; 教材第六章).

The textbook chapter manages satisfaction, then trust, belonging, business friendship and
loyalty, each growing out of the one before. The world makes that chain true, with known
strengths, so a lesson can measure it and compare. Every respondent carries a latent
(unobserved) score per construct, standardised (mean 0, variance 1)::

    trust      = a1 * satisfaction + disturbance
    belonging  = a2 * trust        + disturbance
    friendship = a3 * belonging    + disturbance
    loyalty    = a4 * friendship   + c * satisfaction + disturbance

``satisfaction`` is the respondent's overall satisfaction, the latent score the two
"overall" items of the questionnaire measure. The strengths are drawn once per world (within
the ranges of :data:`PATHS`) and stored in the ``chain_truth`` table. Each construct is asked
with three agreement items (1 = strongly disagree ... 5 = strongly agree): item = centre +
loading x latent + noise, rounded and kept on the scale, so all items of a construct measure it
equally well (tau-equivalent) and Cronbach's alpha estimates the scale's reliability.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from labkit.world.schema import RELATIONSHIP_ITEMS

#: Structural paths (cause, effect) -> range the world draws its strength from (standardised units).
PATHS: dict[tuple[str, str], tuple[float, float]] = {
    ("satisfaction", "trust"): (0.50, 0.70),
    ("trust", "belonging"): (0.45, 0.65),
    ("belonging", "friendship"): (0.40, 0.60),
    ("friendship", "loyalty"): (0.35, 0.55),
    ("satisfaction", "loyalty"): (0.10, 0.25),
}
#: Scale centre of each construct's items (the average answer).
CENTRE: dict[str, float] = {"trust": 3.5, "belonging": 3.3, "friendship": 3.1, "loyalty": 3.4}
LOADING = 0.75     # item points per standard deviation of the latent construct
ITEM_NOISE = 0.6   # standard deviation of an item's own noise, before rounding
MISSING_ITEM = 0.04


@dataclass(frozen=True)
class ChainDraw:
    """The world's chain: its own random generator and the strengths drawn from it."""

    rng: np.random.Generator
    strengths: dict[tuple[str, str], float]


def draw_chain(rng: np.random.Generator) -> ChainDraw:
    """A generator spawned from ``rng`` (the world's other draws stay as they were) and one
    strength per path of :data:`PATHS`, uniform in its range, rounded to 0.01."""
    child = rng.spawn(1)[0]
    return ChainDraw(child, {path: round(float(child.uniform(lo, hi)), 2) for path, (lo, hi) in PATHS.items()})


def _next(rng: np.random.Generator, drivers: np.ndarray, explained_variance: float) -> np.ndarray:
    """``drivers`` plus a disturbance that makes the construct's variance one."""
    return drivers + np.sqrt(1.0 - explained_variance) * rng.standard_normal(len(drivers))


def latent_chain(rng: np.random.Generator, satisfaction: np.ndarray,
                 strengths: dict[tuple[str, str], float]) -> dict[str, np.ndarray]:
    """Latent standardised scores of every construct, from the respondents' latent satisfaction."""
    s = np.asarray(satisfaction, dtype=float)
    s = (s - s.mean()) / s.std()
    a1, a2, a3 = (strengths[p] for p in list(PATHS)[:3])
    a4, c = strengths[("friendship", "loyalty")], strengths[("satisfaction", "loyalty")]
    trust = _next(rng, a1 * s, a1 ** 2)
    belonging = _next(rng, a2 * trust, a2 ** 2)
    friendship = _next(rng, a3 * belonging, a3 ** 2)
    # var(a4 F + c S) with corr(F, S) = a1 a2 a3 along the chain
    loyalty = _next(rng, a4 * friendship + c * s, a4 ** 2 + c ** 2 + 2 * a4 * c * a1 * a2 * a3)
    return {"satisfaction": s, "trust": trust, "belonging": belonging, "friendship": friendship, "loyalty": loyalty}


def relationship_answers(rng: np.random.Generator, satisfaction: np.ndarray,
                         strengths: dict[tuple[str, str], float]) -> dict[str, pd.api.extensions.ExtensionArray]:
    """The agreement items of :data:`labkit.world.schema.RELATIONSHIP_ITEMS` for each respondent (Int64, some missing)."""
    latent = latent_chain(rng, satisfaction, strengths)
    n = len(latent["satisfaction"])
    out = {}
    for column, spec in RELATIONSHIP_ITEMS.items():
        raw = CENTRE[spec.group] + LOADING * latent[spec.group] + rng.normal(0, ITEM_NOISE, n)
        item = pd.array(np.clip(np.rint(raw), 1, 5).astype(np.int64), dtype="Int64")
        item[rng.random(n) < MISSING_ITEM] = pd.NA
        out[column] = item
    return out


def truth_table(strengths: dict[tuple[str, str], float]) -> dict[str, object]:
    """Columns of the ``chain_truth`` table: one row per path, plus the indirect effect of satisfaction on loyalty."""
    causes = [c for c, _e in strengths] + ["satisfaction"]
    effects = [e for _c, e in strengths] + ["loyalty"]
    indirect = float(np.prod([strengths[p] for p in list(PATHS)[:4]]))
    kinds = ["direct"] * len(strengths) + ["indirect"]
    return {"path_id": np.arange(1, len(causes) + 1), "cause": causes, "effect": effects, "kind": kinds,
            "strength": [*strengths.values(), round(indirect, 6)]}
