"""Customer classification and segmentation (客户分类与细分), lab project 10 and seed 004.

Build one feature frame, then classify it::

    from labkit.classification import customer_features, value_matrix
    features = customer_features(world)
    value_matrix(features)["segment"].value_counts()

Clustering lives in :mod:`labkit.classification.mining` (it loads scikit-learn, so import it
only where needed).
"""
from __future__ import annotations

from labkit.classification.dimensions import TITLES, classify, composition_table
from labkit.classification.features import customer_features, participations
from labkit.classification.lifecycle import exhibition_stage, lifecycle_stage, stage_confusion
from labkit.classification.loyalty import loyalty_ladder
from labkit.classification.profile import basic_class, composition
from labkit.classification.rfm import quantile_score, rfm_scores, rfm_segment
from labkit.classification.track_care import track_or_care
from labkit.classification.value_matrix import current_value, potential_value, value_matrix

__all__ = [
    "TITLES", "basic_class", "classify", "composition", "composition_table", "current_value",
    "customer_features", "exhibition_stage", "lifecycle_stage", "loyalty_ladder", "participations",
    "potential_value", "quantile_score", "rfm_scores", "rfm_segment", "stage_confusion",
    "track_or_care", "value_matrix",
]
