"""Complaint handling (客户投诉处理): procedure steps and durations, Pareto, link to satisfaction and return."""
from labkit.complaints.outcomes import complaint_outcomes, outcomes_by_complaint
from labkit.complaints.pareto import pareto_table
from labkit.complaints.procedure import STEPS, stage_durations, time_to_resolve

__all__ = [
    "STEPS", "complaint_outcomes", "outcomes_by_complaint", "pareto_table",
    "stage_durations", "time_to_resolve",
]
