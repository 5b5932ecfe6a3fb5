"""Scoring the 6+6 assessment (评分规则): rater weights, dimension weights, group and member scores.

Every criterion is scored 0-10 by the teacher (教师评价), the other groups (互评, their mean)
and the group itself (自评); the criterion's score is the weighted mean of the three. A
dimension's points are the mean of its criteria as a share of its weight; the group score
(0-100) is the sum over the three dimensions, shared by every member, who may get an
individual adjustment (个人调整) of at most ``max_adjustment`` points either way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from labkit.errors import LabkitError
from labkit.i18n import _

__all__ = ["DIMENSIONS", "RATERS", "SCALE", "Weights", "group_score", "member_score", "parse_weights"]

RATERS = ("teacher", "peer", "self")
DIMENSIONS = ("professional", "method", "social")
SCALE = 10.0


@dataclass(frozen=True)
class Weights:
    """Rater weights (sum 1), dimension weights (points, sum 100) and the adjustment bound."""

    raters: dict[str, float] = field(default_factory=lambda: {"teacher": 0.5, "peer": 0.3, "self": 0.2})
    dimensions: dict[str, float] = field(default_factory=lambda: {"professional": 40.0, "method": 30.0, "social": 30.0})
    max_adjustment: float = 10.0

    def as_items(self) -> dict[str, float]:
        return {**self.raters, **self.dimensions, "max_adjustment": self.max_adjustment}

    def check(self) -> Weights:
        """These weights, or one sentence saying what is wrong with them."""
        values = self.as_items()
        bad = [k for k, v in values.items() if not math.isfinite(v) or v < 0]
        if bad:
            raise LabkitError(_("The weight {key} must be a number of at least 0.").format(key=bad[0]))
        if not math.isclose(sum(self.raters.values()), 1.0, abs_tol=1e-6):
            raise LabkitError(_("The teacher, peer and self weights must add up to 1, not {total:g}.").format(
                total=sum(self.raters.values())))
        if not math.isclose(sum(self.dimensions.values()), 100.0, abs_tol=1e-6):
            raise LabkitError(_("The three dimension weights must add up to 100 points, not {total:g}.").format(
                total=sum(self.dimensions.values())))
        return self

    @classmethod
    def from_items(cls, items: dict[str, float]) -> Weights:
        missing = [k for k in (*RATERS, *DIMENSIONS, "max_adjustment") if k not in items]
        if missing:
            raise LabkitError(_("The weights lack {key}.").format(key=missing[0]))
        return cls({r: items[r] for r in RATERS}, {d: items[d] for d in DIMENSIONS}, items["max_adjustment"]).check()


def parse_weights(pairs: list[str]) -> Weights:
    """``["teacher=0.6", "peer=0.2", "self=0.2"]`` over the defaults; checked."""
    items = Weights().as_items()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or key not in items:
            raise LabkitError(_("--weight {pair!r} must be NAME=NUMBER with NAME one of {names}.").format(
                pair=pair, names=", ".join(items)))
        try:
            items[key] = float(value)
        except ValueError:
            raise LabkitError(_("--weight {pair!r}: {value!r} is not a number.").format(pair=pair, value=value)) from None
    return Weights.from_items(items)


def group_score(ratings: dict[tuple[str, str], float], dimensions: dict[str, list[str]],
                weights: Weights) -> dict[str, float]:
    """Points per dimension for one group; ``ratings[(criterion key, rater)]`` on 0-10.

    ``dimensions`` lists each dimension's criterion keys. A rater of weight 0 may be absent.
    """
    points = {}
    for dim, keys in dimensions.items():
        per_criterion = [sum(w * ratings.get((key, rater), 0.0) for rater, w in weights.raters.items()) for key in keys]
        points[dim] = weights.dimensions[dim] * (sum(per_criterion) / len(per_criterion)) / SCALE if keys else 0.0
    return points


def member_score(group_total: float, adjustment: float) -> float:
    """The member's score: the group's plus the adjustment, kept within 0-100."""
    return min(100.0, max(0.0, group_total + adjustment))
