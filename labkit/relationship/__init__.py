"""Customer relationship management (客户关系管理): the satisfaction-to-loyalty chain, loyalty types,
the six CRM strategies, the customer profile, membership points and the conference lifecycle.

    from labkit.relationship import chain_estimates, compare_with_truth
    compare_with_truth(chain_estimates(world.survey_responses), world.chain_truth)
"""
from __future__ import annotations

from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.relationship.chain": (
        "CHAIN", "MediationResult", "chain_estimates", "chain_items", "chain_reliability", "compare_with_truth",
        "construct_scores", "corrected_paths", "equations", "mediation", "path_regressions",
    ),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "CHAIN", "MediationResult", "chain_estimates", "chain_items", "chain_reliability", "compare_with_truth",
    "construct_scores", "corrected_paths", "equations", "mediation", "path_regressions",
]
