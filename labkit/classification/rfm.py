"""RFM scores and segments (RFM 模型; DOMAIN.md "Classification and segmentation").

Recency R (days since the last edition the customer took part in, 最近一次参与), frequency F
(editions taken part in, 参与频次) and monetary M (purchase volume, 购买金额) each scored 1-5
by quintile, 5 best. The eight segments are the usual Chinese RFM model (重要价值客户 …
一般挽留客户): each of R, F, M is high or low, and M decides 重要 (important) or 一般 (general).
"""
from __future__ import annotations

import pandas as pd

from labkit.classification._checks import check_count
from labkit.classification.labels import as_segments
from labkit.classification.ranking import quantile_bin
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet

LABELS = LabelSet({
    "important_value": Label("important value", "重要价值客户"),
    "important_develop": Label("important to develop", "重要发展客户"),
    "important_keep": Label("important to keep", "重要保持客户"),
    "important_win_back": Label("important to win back", "重要挽留客户"),
    "general_value": Label("general value", "一般价值客户"),
    "general_develop": Label("general to develop", "一般发展客户"),
    "general_keep": Label("general to keep", "一般保持客户"),
    "general_win_back": Label("general to win back", "一般挽留客户"),
})

#: (R high, F high, M high) -> segment.
_SEGMENT_OF: dict[tuple[bool, bool, bool], str] = {
    (True, True, True): "important_value",
    (True, False, True): "important_develop",
    (False, True, True): "important_keep",
    (False, False, True): "important_win_back",
    (True, True, False): "general_value",
    (True, False, False): "general_develop",
    (False, True, False): "general_keep",
    (False, False, False): "general_win_back",
}


def quantile_score(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Score 1..``bins`` by quantile: score = 1 + floor(bins x mid-rank percentile).

    Without ties this is ``pandas.qcut(values, bins)``. Tied values always get the same score,
    the one where the middle of their block falls (mid-rank, pandas ``rank(method="average")``),
    so a value shared by many customers is never split across two scores and scores can skip a
    number. Missing values get no score.
    """
    bins = check_count(bins, "bins", minimum=2)
    return quantile_bin(values if higher_is_better else -values, bins).astype("Int64")


def rfm_scores(features: pd.DataFrame, bins: int = 5, by_role: bool = True) -> pd.DataFrame:
    """``recency, frequency, monetary`` and their scores ``R, F, M`` (1-5) plus ``RFM`` ("545").

    Only customers who took part at least once are scored (recency needs a last visit). With
    ``by_role`` (default) exhibitors and buyers are scored against their own role.
    """
    require_columns(features, ["role", "participations", "recency_days", "purchase_volume"], "rfm_scores")
    active = features[features["participations"] > 0]
    out = pd.DataFrame({
        "recency": active["recency_days"],
        "frequency": active["participations"],
        "monetary": active["purchase_volume"],
    }, index=active.index)
    groups = active["role"] if by_role else pd.Series("all", index=active.index)
    for letter, column, better in (("R", "recency", False), ("F", "frequency", True), ("M", "monetary", True)):
        out[letter] = out.groupby(groups, observed=True)[column].transform(
            lambda s, better=better: quantile_score(s, bins, better)
        ).astype("Int64")
    out["RFM"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
    return out


def rfm_segment(scores: pd.DataFrame, high_min: int = 3) -> pd.Series:
    """Eight-segment RFM model: a score of at least ``high_min`` (default 3, the middle quintile) is high."""
    high_min = check_count(high_min, "high_min", minimum=2)
    require_columns(scores, ["R", "F", "M"], "rfm_segment")
    high = scores[["R", "F", "M"]].astype("int64") >= high_min
    segment = [_SEGMENT_OF[(r, f, m)] for r, f, m in high.itertuples(index=False)]
    return as_segments(segment, LABELS, "rfm_segment", index=scores.index)
