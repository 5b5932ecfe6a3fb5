"""The course's lessons and schedules as data (教学安排), read from ``data/teaching/course.json``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from labkit.errors import LabkitError
from labkit.i18n import _

__all__ = ["Lesson", "Part", "ScheduleRow", "course_name", "exercise_name", "label", "lesson", "lessons", "schedule"]

Text = dict[str, str]


@dataclass(frozen=True)
class Part:
    """One part of a lesson (教学环节): its step of the six, minutes, content, teacher's and students' activities."""

    step: str
    minutes: int
    content: Text
    teacher: Text
    students: Text


@dataclass(frozen=True)
class Lesson:
    """One lesson's plan (教案): the notebook it teaches, hours, objectives, key and difficult points, parts."""

    id: str
    hours: int
    title: Text
    chapter: Text
    objectives: dict[str, Text]
    key_points: tuple[Text, ...]
    difficult_points: tuple[Text, ...]
    parts: tuple[Part, ...]
    assessment: tuple[Text, ...]
    project: str | None


@dataclass(frozen=True)
class ScheduleRow:
    """One row of the semester schedule (授课计划): a lesson or a topic, its hours and assessment."""

    kind: str
    hours: int
    topic: Text | None
    lesson: str | None
    project: str | None
    assessment: str | None
    note: Text | None


@cache
def _data() -> dict[str, Any]:
    path = resources.files("labkit") / "data" / "teaching" / "course.json"
    return json.loads(path.read_text(encoding="utf-8"))


def label(key: str) -> Text:
    """A heading or label of the documents, in every language."""
    return _data()["labels"][key]


def course_name() -> Text:
    return _data()["course"]


def exercise_name(name: str) -> Text:
    """What an exercise or assessment of the schedule is called (``lab2_clv``: 练习:客户价值…)."""
    return _data()["exercises"].get(name, {"zh_CN": name})


@cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in teaching order."""
    return tuple(
        Lesson(d["id"], d["hours"], d["title"], d["chapter"], d["objectives"], tuple(d["key_points"]),
               tuple(d["difficult_points"]), tuple(Part(**p) for p in d["parts"]), tuple(d["assessment"]), d["project"])
        for d in _data()["lessons"])


def lesson(lesson_id: str) -> Lesson:
    """One lesson by its notebook name (``03_classification``) or number (``3``)."""
    for item in lessons():
        if lesson_id in (item.id, item.id.split("_")[0], item.id.split("_")[0].lstrip("0")):
            return item
    raise LabkitError(_("There is no lesson {id!r}; the lessons are {known}.").format(
        id=lesson_id, known=", ".join(item.id for item in lessons())))


def schedule(hours: int) -> tuple[ScheduleRow, ...]:
    """The semester schedule of ``hours`` class hours (32 or 48)."""
    schedules = _data()["schedules"]
    if str(hours) not in schedules:
        raise LabkitError(_("There is a schedule for {known} class hours, not {hours}.").format(
            known=" or ".join(schedules), hours=hours))
    return tuple(ScheduleRow(**row) for row in schedules[str(hours)])
