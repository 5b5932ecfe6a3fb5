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

from labkit.assessment.form import export_form
from labkit.assessment.merge import ASSESSMENT_CSV, assessed_scores, merge_forms
from labkit.assessment.projects import (
    Criterion,
    LabProject,
    lab_project,
    lab_projects,
    localized,
)
from labkit.assessment.scoring import (
    DIMENSIONS,
    RATERS,
    Weights,
    group_score,
    member_score,
    parse_weights,
)

__all__ = [
    "ASSESSMENT_CSV", "DIMENSIONS", "RATERS", "Criterion", "LabProject", "Weights", "assessed_scores", "export_form",
    "group_score", "lab_project", "lab_projects", "localized", "member_score", "merge_forms", "parse_weights",
]
