"""The industry fairs a world can be made for (行业展会), lab project 10: pick an industry exhibition.

The list lives in ``labkit/data/fairs/fairs.json`` (each fair's industry and how strongly it
draws); each locale names the fair, its venue and city (:func:`labkit.world.locales.fair_info`).
Without a fair the world is the general trade fair it always was; with one
(``generate_world(fair="furniture")``) the exhibition is that industry's fair and most
exhibitors, and many buyers, come from its industry.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from labkit.errors import UsageError
from labkit.i18n import _

__all__ = ["check_fair", "fair_focus", "fair_keys", "industry_weights"]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    path = resources.files("labkit") / "data" / "fairs" / "fairs.json"
    return json.loads(path.read_text(encoding="utf-8"))


def fair_keys() -> tuple[str, ...]:
    """Keys of the industry fairs, e.g. ``("electronics", "furniture", ...)``."""
    return tuple(_data()["fairs"])


def check_fair(fair: object) -> str:
    """``fair`` if it names an industry fair, else a readable error listing the fairs."""
    if not isinstance(fair, str) or fair not in _data()["fairs"]:
        raise UsageError(_("unknown fair {fair!r}; choose one of: {fairs}").format(
            fair=fair, fairs=", ".join(fair_keys())))
    return fair


def fair_focus(fair: str) -> str:
    """The industry code ``fair`` is about (its focus), e.g. ``"furniture_home"``."""
    return str(_data()["fairs"][check_fair(fair)]["focus"])


def industry_weights(base: Sequence[float], codes: Sequence[str], focus: str, role: str) -> list[float]:
    """Industry probabilities of a role at a fair: the focus gets its share, the rest keep their ratios."""
    share = float(_data()[f"{role}_share"])
    i = codes.index(focus)
    others = sum(w for j, w in enumerate(base) if j != i)
    return [share if j == i else (1 - share) * w / others for j, w in enumerate(base)]
