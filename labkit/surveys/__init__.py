"""Satisfaction surveys (满意度调查): questionnaire, reliability, NPS/CSAT, IPA, cross-tabs, drivers.

Single Likert items are ordinal (定序: distributions, medians, rank tests); multi-item
dimension scores are interval (定距: means, correlations, regression).
"""
from labkit.surveys.crosstabs import compare_groups, crosstab_test
from labkit.surveys.drivers import driver_analysis, return_intention
from labkit.surveys.ipa import QUADRANTS, importance_performance
from labkit.surveys.nps import csat, nps, nps_breakdown
from labkit.surveys.questionnaire import Questionnaire, load_questionnaire
from labkit.surveys.reliability import alpha_if_deleted, alpha_reading, cronbach_alpha
from labkit.surveys.scores import dimension_scores, item_distribution, likert_frame, response_rate
from labkit.surveys.summary import survey_summary

__all__ = [
    "QUADRANTS", "Questionnaire", "alpha_if_deleted", "alpha_reading", "compare_groups", "cronbach_alpha",
    "crosstab_test", "csat", "dimension_scores", "driver_analysis", "importance_performance",
    "item_distribution", "likert_frame", "load_questionnaire", "nps", "nps_breakdown", "response_rate",
    "return_intention", "survey_summary",
]
