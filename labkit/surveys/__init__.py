"""Satisfaction surveys (满意度调查): questionnaire, reliability, NPS/CSAT, IPA, cross-tabs, drivers.

Single Likert items are ordinal (定序: distributions, medians, rank tests); multi-item
dimension scores are interval (定距: means, correlations, regression).
"""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.surveys.crosstabs": ("compare_groups", "crosstab_test"),
    "labkit.surveys.drivers": ("driver_analysis", "return_intention"),
    "labkit.surveys.ipa": ("QUADRANTS", "importance_performance"),
    "labkit.surveys.nps": ("csat", "nps", "nps_breakdown"),
    "labkit.surveys.questionnaire": ("Questionnaire", "load_questionnaire"),
    "labkit.surveys.reliability": ("alpha_if_deleted", "alpha_reading", "cronbach_alpha"),
    "labkit.surveys.scores": ("dimension_scores", "item_distribution", "likert_frame", "response_rate"),
    "labkit.surveys.summary": ("survey_summary",),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "QUADRANTS", "Questionnaire", "alpha_if_deleted", "alpha_reading", "compare_groups", "cronbach_alpha",
    "crosstab_test", "csat", "dimension_scores", "driver_analysis", "importance_performance",
    "item_distribution", "likert_frame", "load_questionnaire", "nps", "nps_breakdown", "response_rate",
    "return_intention", "survey_summary",
]
