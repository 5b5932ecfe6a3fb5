"""The textbook's 6+6 lab projects (三维度6+6实训项目) as data: elements, steps, criteria per dimension.

Read from ``labkit/data/assessment/lab_projects.json`` (教材第六章, 实训项目9 and 10), every
text in zh_CN (the textbook's wording), en_US and ko_KR.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from labkit.errors import LabkitError
from labkit.i18n import DEFAULT_LANGUAGE, _, get_language

__all__ = ["Criterion", "LabProject", "lab_project", "lab_projects", "label", "localized"]

Text = dict[str, str]


def localized(text: Text, language: str | None = None) -> str:
    """``text`` (one entry per language) in ``language`` or the display language, else Chinese."""
    return text.get(language or get_language()) or text[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Criterion:
    """One assessment criterion (考核标准) of a dimension; ``key`` like ``social.2``."""

    key: str
    dimension: str
    text: Text


@dataclass(frozen=True)
class LabProject:
    """A lab project (实训项目): its six elements, six steps, criteria, advice and tip."""

    id: str
    number: int
    title: Text
    elements: dict[str, Text]
    steps: dict[str, Text]
    criteria: tuple[Criterion, ...]
    advice: tuple[Text, ...]
    tip: Text

    def heading(self, language: str | None = None) -> str:
        """``【三维度6+6实训项目10】…`` in ``language`` (default: the display language)."""
        return localized(_data()["heading"], language).format(n=self.number, title=localized(self.title, language))

    def criteria_of(self, dimension: str) -> list[Criterion]:
        return [c for c in self.criteria if c.dimension == dimension]


@cache
def _data() -> dict[str, Any]:
    path = resources.files("labkit") / "data" / "assessment" / "lab_projects.json"
    return json.loads(path.read_text(encoding="utf-8"))


def label(kind: str, key: str) -> Text:
    """The name of a dimension, element or step (``kind`` = dimensions / elements / steps)."""
    return _data()[kind][key]


@cache
def lab_projects() -> dict[str, LabProject]:
    """Every lab project of the textbook, by id (``project9``, ``project10``)."""
    found = {}
    for pid, p in _data()["projects"].items():
        criteria = tuple(Criterion(f"{dim}.{i}", dim, text)
                         for dim, texts in p["dimensions"].items() for i, text in enumerate(texts, start=1))
        found[pid] = LabProject(pid, p["number"], p["title"], p["elements"], p["steps"], criteria,
                                tuple(p["advice"]), p["tip"])
    return found


def lab_project(project_id: str) -> LabProject:
    """One lab project; an unknown id is one sentence naming the known ones."""
    projects = lab_projects()
    if project_id not in projects:
        raise LabkitError(_("There is no lab project {id!r}; the lab projects are {known}.").format(
            id=project_id, known=", ".join(projects)))
    return projects[project_id]
