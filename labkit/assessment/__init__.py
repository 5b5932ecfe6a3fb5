"""The 6+6 group assessment (三维度6+6实训项目考核) of the textbook's lab projects.

Each lab project is assessed per group on three competence dimensions (专业能力、方法能力、
社会能力) with the criteria the textbook lists for it (:mod:`~labkit.assessment.projects`);
the teacher, the other groups (peer) and the group itself (self) score every criterion, with
editable weights (:mod:`~labkit.assessment.scoring`). :func:`export_form` writes the Excel
form, :func:`merge_forms` reads the filled copies back (all checked before anything is
written) into ``assessment.csv`` of the results folder, which ``labkit gradebook export``
puts beside the exercises.
"""
from __future__ import annotations

from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.assessment.form": ("export_form",),
    "labkit.assessment.merge": ("ASSESSMENT_CSV", "assessed_scores", "merge_forms"),
    "labkit.assessment.projects": ("Criterion", "LabProject", "lab_project", "lab_projects", "localized"),
    "labkit.assessment.scoring": ("DIMENSIONS", "RATERS", "Weights", "group_score", "member_score", "parse_weights"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = [
    "ASSESSMENT_CSV", "DIMENSIONS", "RATERS", "Criterion", "LabProject", "Weights", "assessed_scores", "export_form",
    "group_score", "lab_project", "lab_projects", "localized", "member_score", "merge_forms", "parse_weights",
]
