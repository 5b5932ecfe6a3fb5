"""Data mining for segmentation: k-means clustering of RFM (聚类分析; 会展客户关系管理论文, DOMAIN.md).

会展客户关系管理论文 lists clustering among the data-mining methods that turn scattered customer data into
segments. Here: log-transform frequency and monetary (both long-tailed), standardise R, F, M
(z-scores, so no unit dominates), run scikit-learn's k-means for each candidate k and keep the
k with the best silhouette coefficient (轮廓系数: near 1 = tight, well separated clusters,
near 0 = overlapping).

The course's other mining methods sit next to this module: decision trees
(``participation_tree``), association rules (``association``) and deviation analysis
(``deviation``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from labkit.classification._checks import check_count
from labkit.errors import DataError, UsageError
from labkit.facts import require_columns
from labkit.i18n import _

#: Largest sample the silhouette is computed on (it costs n² distances).
SILHOUETTE_SAMPLE = 3000


@dataclass(frozen=True)
class Clustering:
    """Result of :func:`rfm_clusters`: labels, the silhouette of every k tried, and a profile."""

    labels: pd.Series          # cluster 0..k-1 per customer, 0 = highest median monetary
    silhouettes: pd.Series     # silhouette coefficient by k
    profile: pd.DataFrame      # per cluster: customers, median recency, frequency, monetary

    @property
    def k(self) -> int:
        return int(self.silhouettes.idxmax())


def standardised_rfm(rfm: pd.DataFrame) -> np.ndarray:
    """z-scores of recency, log(1 + frequency) and log(1 + monetary)."""
    require_columns(rfm, ["recency", "frequency", "monetary"], "standardised_rfm")
    if rfm[["recency", "frequency", "monetary"]].isna().any().any():
        raise DataError(_("RFM values may not be missing; score only customers who took part"))
    raw = np.column_stack([
        rfm["recency"].to_numpy(float),
        np.log1p(rfm["frequency"].to_numpy(float)),
        np.log1p(rfm["monetary"].clip(lower=0).to_numpy(float)),
    ])
    return StandardScaler().fit_transform(raw)


def rfm_clusters(
    rfm: pd.DataFrame, seed: int = 0, k_values: range = range(2, 7), threads: int | None = 1,
) -> Clustering:
    """k-means on standardised RFM; k chosen by the best silhouette among ``k_values``.

    Deterministic: k-means and the silhouette sample both use ``random_state=seed``. Clusters
    are renumbered so that cluster 0 has the highest median monetary value. ``threads``
    caps the compute threads (default 1; ``None`` leaves the library's default pool).
    """
    seed = check_count(seed, "seed", minimum=0)
    if threads is not None:
        threads = check_count(threads, "threads")
    ks = list(k_values)
    if not ks or min(ks) < 2:
        raise UsageError(_("k_values must hold numbers of clusters of at least 2, got {ks}").format(ks=ks))
    if len(rfm) <= max(ks):
        raise DataError(_("clustering into up to {k} groups needs more than {k} customers, got {n}").format(k=max(ks), n=len(rfm)))
    x = standardised_rfm(rfm)
    distinct = len(np.unique(x, axis=0))
    if distinct <= min(ks):
        raise DataError(_("only {distinct} different RFM profile(s): too alike to form {k} or more clusters").format(distinct=distinct, k=min(ks)))
    ks = [k for k in ks if k < distinct]
    sample = min(len(x), SILHOUETTE_SAMPLE)
    fits: dict[int, np.ndarray] = {}
    scores: dict[int, float] = {}
    # One thread by default: on a few thousand rows OpenMP's threads cost more than they
    # save, and on a busy shared machine their spinning makes k-means 20-30x slower.
    with threadpool_limits(limits=threads):
        for k in ks:
            fits[k] = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
            scores[k] = float(silhouette_score(x, fits[k], sample_size=sample, random_state=seed))
    silhouettes = pd.Series(scores, name="silhouette").rename_axis("k")
    raw = pd.Series(fits[int(silhouettes.idxmax())], index=rfm.index)
    rank = rfm["monetary"].groupby(raw).median().rank(ascending=False, method="first").astype(int) - 1
    labels = raw.map(rank).rename("cluster")
    profile = rfm.groupby(labels)[["recency", "frequency", "monetary"]].median().add_prefix("median_")
    profile.insert(0, "customers", labels.value_counts().sort_index())
    return Clustering(labels=labels, silhouettes=silhouettes, profile=profile)
