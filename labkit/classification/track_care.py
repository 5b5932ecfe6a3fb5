"""Track vs care for exhibitors (跟踪与关怀; 案例, DOMAIN.md "Classification").

案例 (China Small Commodities Expo): group exhibitors by their performance and
capability; split the usable ones into *track* 跟踪, whose development and exhibiting
performance staff follow closely, dropping 淘汰 those below standard, and *care* 关怀, who
get better service (simpler registration, materials online, personalised service).
"""
from __future__ import annotations

import pandas as pd

from labkit.classification._checks import check_count, check_fraction
from labkit.classification.labels import as_segments
from labkit.classification.ranking import split_high
from labkit.errors import DataError
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet, _
from labkit.world.schema import Role

LABELS = LabelSet({
    "care": Label("care: serve better", "关怀"),
    "track": Label("track: follow closely", "跟踪"),
    "drop": Label("track, below standard: drop", "淘汰"),
})


def track_or_care(
    features: pd.DataFrame,
    care_min_participations: int = 3,
    spend_quantile: float = 0.5,
    drop_gap: int = 2,
) -> pd.Series:
    """Track / care / drop for every exhibitor (buyers are left out: the seed is about exhibitors).

    - care 关怀: proven exhibitors: at least ``care_min_participations`` editions (default 3),
      present at the latest edition, and spend per edition above the ``spend_quantile``
      (default: above the median) of all exhibitors;
    - drop 淘汰: below standard: costs more to serve than it pays (contribution < 0) or away for
      ``drop_gap`` editions or more (default 2);
    - track 跟踪: everyone else, whose development is followed.
    The seed names the groups, not the numbers; the defaults are the kit's.
    """
    care_min_participations = check_count(care_min_participations, "care_min_participations")
    spend_quantile = check_fraction(spend_quantile, "spend_quantile")
    drop_gap = check_count(drop_gap, "drop_gap")
    require_columns(features, ["role", "participations", "editions_missed", "spend", "contribution"], "track_or_care")
    ex = features[features["role"] == Role.exhibitor]
    if ex.empty:
        raise DataError(_("track_or_care classifies exhibitors, and there are none in the input"))
    n = ex["participations"]
    per_edition = (ex["spend"] / n.where(n > 0)).fillna(0.0)
    missed = ex["editions_missed"].astype("float64")
    proven = (n >= care_min_participations) & (missed == 0) & split_high(per_edition, None, spend_quantile)
    below = (ex["contribution"] < 0) | (missed >= drop_gap)
    group = pd.Series("track", index=ex.index, dtype="object")
    group[below] = "drop"
    group[proven & ~below] = "care"
    return as_segments(group, LABELS, "track_care")
