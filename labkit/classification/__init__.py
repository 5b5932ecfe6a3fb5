"""Customer classification and segmentation (客户分类与细分), lab project 10 and 试题库.

Build one feature frame, then classify it::

    from labkit.classification import customer_features, value_matrix
    features = customer_features(world)
    value_matrix(features)["segment"].value_counts()

Data mining (数据挖掘): k-means clustering of RFM in :mod:`labkit.classification.mining`, a
decision tree forecasting participation in :mod:`~labkit.classification.participation_tree`,
association rules on buyers' interests in :mod:`~labkit.classification.association` and
deviation analysis in :mod:`~labkit.classification.deviation` (they load scikit-learn or
mlxtend when first used).
"""
from __future__ import annotations

from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.classification.association": ("interest_baskets", "interest_rules", "rule_measures"),
    "labkit.classification.deviation": ("behaviour_changes",),
    "labkit.classification.dimensions": ("classify", "composition_table", "role_view"),
    "labkit.classification.participation_tree": ("forecast_participation", "participation_examples", "tree_rules"),
    "labkit.classification.titles": ("ROLE_TITLES", "TITLES"),
    "labkit.classification.features": ("customer_features", "participations"),
    "labkit.classification.lifecycle": ("EXHIBITION_LABELS", "STAGE_FOCUS", "conference_stage", "exhibition_stage",
                                        "lifecycle_stage", "stage_confusion"),
    "labkit.classification.mining": ("rfm_clusters", "standardised_rfm"),
    "labkit.classification.loyalty": ("loyalty_ladder",),
    "labkit.classification.profile": ("basic_class", "composition"),
    "labkit.classification.rfm": ("quantile_score", "rfm_scores", "rfm_segment"),
    "labkit.classification.track_care": ("track_or_care",),
    "labkit.classification.value_matrix": ("VALUE_LABELS", "current_value", "potential_value", "value_matrix"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "EXHIBITION_LABELS", "ROLE_TITLES", "STAGE_FOCUS", "TITLES", "VALUE_LABELS", "basic_class", "behaviour_changes",
    "classify", "composition", "composition_table", "conference_stage", "current_value", "customer_features",
    "exhibition_stage", "forecast_participation", "interest_baskets", "interest_rules", "lifecycle_stage",
    "loyalty_ladder", "participation_examples", "participations", "potential_value", "quantile_score",
    "rfm_clusters", "rfm_scores", "rfm_segment", "role_view", "rule_measures", "stage_confusion", "standardised_rfm",
    "track_or_care", "tree_rules", "value_matrix",
]
