"""Customer relationship management (客户关系管理): the satisfaction-to-loyalty chain, loyalty types,
the six CRM strategies, the customer profile and membership points (教材第六章, 案例, 会议客户关系管理课件).

    from labkit.relationship import chain_estimates, compare_with_truth
    compare_with_truth(chain_estimates(world.survey_responses), world.chain_truth)

The conference lifecycle is a classification: :func:`labkit.classification.conference_stage`.
"""
from __future__ import annotations

from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.relationship.chain": (
        "CHAIN", "MediationResult", "chain_estimates", "chain_items", "chain_reliability", "compare_with_truth", "construct_scores", "corrected_paths", "equations", "mediation", "path_regressions",
    ),
    "labkit.relationship.loyalty_types": (
        "CULTIVATION", "LABELS", "latest_intention", "loyalty_types",
    ),
    "labkit.relationship.membership": (
        "BENEFITS", "TIERS", "TIER_NAMES", "PointsRule", "membership", "member_points", "tier_of",
    ),
    "labkit.relationship.profile": (
        "SECTIONS", "customer_profile",
    ),
    "labkit.relationship.strategies": (
        "ACTIONS", "PLAN_COLUMNS", "SEGMENTS", "STRATEGIES", "check_plan", "crm_segment", "default_plan", "plan_problems", "target_list",
    ),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "ACTIONS", "BENEFITS", "CHAIN", "CULTIVATION", "LABELS", "MediationResult",
    "PLAN_COLUMNS", "PointsRule", "SECTIONS", "SEGMENTS", "STRATEGIES", "TIERS",
    "TIER_NAMES", "chain_estimates", "chain_items", "chain_reliability", "check_plan", "compare_with_truth",
    "construct_scores", "corrected_paths", "crm_segment", "customer_profile", "default_plan", "equations",
    "latest_intention", "loyalty_types", "mediation", "member_points", "membership", "path_regressions",
    "plan_problems", "target_list", "tier_of",
]
