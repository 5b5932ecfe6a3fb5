"""Lesson plans and schedules laid out as documents (文档结构): headings, paragraphs, lists, tables.

A :class:`Document` is a list of blocks that the DOCX and HTML writers both render, so the
two formats always say the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from labkit.assessment import lab_project, localized
from labkit.assessment.projects import label as project_label
from labkit.assessment.scoring import DIMENSIONS
from labkit.teaching.plans import course_name, exercise_name, label, lesson, schedule

__all__ = ["OFF_KIT_PROJECTS", "Block", "Document", "lesson_plan", "project_sheet", "semester_schedule"]

#: lab projects practised outside the kit (project 9: trading on a real e-commerce platform)
OFF_KIT_PROJECTS = ("project9",)


@dataclass(frozen=True)
class Block:
    """``kind`` is heading (``level`` 1-2), paragraph, bullets (``items``) or table (``rows``, first the header)."""

    kind: str
    text: str = ""
    level: int = 1
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths of a table
    header: bool = True  # the first row of the table names the columns (else: the first column names the rows)


@dataclass
class Document:
    title: str
    language: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Block("heading", text, level))

    def paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text))

    def bullets(self, items: list[str]) -> None:
        self.blocks.append(Block("bullets", items=tuple(items)))

    def table(self, rows: list[list[str]], widths: tuple[float, ...] = (), header: bool = True) -> None:
        self.blocks.append(Block("table", rows=tuple(tuple(r) for r in rows), widths=widths, header=header))


def _labelled(name: str, text: str, language: str) -> str:
    return f"{name}:{text}" if language == "zh_CN" else f"{name}: {text}"


def _elements_table(doc: Document, project: Any, language: str) -> None:
    doc.table([[localized(project_label("elements", k), language), localized(v, language)]
               for k, v in project.elements.items()], widths=(1, 4), header=False)


def project_sheet(project_id: str, language: str) -> Document:
    """The 6+6 sheet of one lab project (实训单): six elements, six steps, criteria per dimension, advice."""
    project = lab_project(project_id)

    def L(key: str) -> str:
        return localized(label(key), language)

    doc = Document(L("sheet_title").format(number=project.number, title=localized(project.title, language)), language)
    if project.id in OFF_KIT_PROJECTS:
        doc.paragraph(L("off_kit"))
    doc.heading(L("six_elements"))
    _elements_table(doc, project, language)
    doc.heading(L("six_steps"))
    doc.table([[localized(project_label("steps", k), language), localized(v, language)]
               for k, v in project.steps.items()], widths=(1, 4), header=False)
    doc.heading(L("criteria"))
    for d in DIMENSIONS:
        doc.heading(localized(project_label("dimensions", d), language), level=2)
        doc.bullets([localized(c.text, language) for c in project.criteria_of(d)])
    if project.advice:
        doc.heading(L("advice"))
        doc.bullets([localized(a, language) for a in project.advice])
    return doc


def lesson_plan(lesson_id: str, language: str) -> Document:
    """The teaching plan (教案) of one lesson in ``language``."""
    item = lesson(lesson_id)

    def L(key: str) -> str:
        return localized(label(key), language)

    def T(text: dict[str, str]) -> str:
        return localized(text, language)

    doc = Document(L("plan_title").format(course=T(course_name())), language)
    project = lab_project(item.project) if item.project else None
    doc.table([
        [L("lesson"), T(item.title)],
        [L("hours"), str(item.hours)],
        [L("type"), L("lab")],
        [L("chapter"), T(item.chapter)],
        [L("project"), project.heading(language) if project else "—"],
    ], widths=(1, 4), header=False)
    doc.heading(L("objectives"))
    doc.bullets([_labelled(L(k), T(v), language) for k, v in item.objectives.items()])
    doc.heading(L("key_points"))
    doc.bullets([T(p) for p in item.key_points])
    doc.heading(L("difficult_points"))
    doc.bullets([T(p) for p in item.difficult_points])
    doc.heading(L("methods"))
    doc.paragraph(L("methods_text"))
    doc.heading(L("process"))
    rows = [[L("step"), L("minutes"), L("content"), L("teacher"), L("students")]]
    rows += [[localized(project_label("steps", p.step), language), str(p.minutes), T(p.content), T(p.teacher),
              T(p.students)] for p in item.parts]
    rows.append([L("total"), str(sum(p.minutes for p in item.parts)), "", "", ""])
    doc.table(rows, widths=(1.6, 1.0, 2, 3, 3))
    doc.heading(L("mapping"))
    if project:
        _elements_table(doc, project, language)
        doc.paragraph(L("dimensions_assessed"))
        doc.bullets([_labelled(localized(project_label("dimensions", d), language),
                               ("、" if language == "zh_CN" else ", ").join(T(c.text) for c in project.criteria_of(d)),
                               language) for d in DIMENSIONS])
    else:
        doc.paragraph(L("mapping_none"))
    doc.heading(L("assessment"))
    doc.bullets([T(a) for a in item.assessment])
    doc.heading(L("reflection"))
    doc.paragraph("")
    return doc


def _weeks(first_hour: int, hours: int, per_week: float, language: str) -> str:
    first, last = int(first_hour // per_week) + 1, int((first_hour + hours - 1) // per_week) + 1
    key = "week_one" if first == last else "week_range"
    return localized(label(key), language).format(first=first, last=last)


def semester_schedule(hours: int, language: str, weeks: int = 16) -> Document:
    """The semester schedule (授课计划) of ``hours`` class hours over ``weeks`` weeks."""

    def L(key: str) -> str:
        return localized(label(key), language)

    doc = Document(L("schedule_title").format(course=localized(course_name(), language), hours=hours), language,
                   landscape=True)
    rows = [[L("number"), L("weeks"), L("topic"), L("type"), L("hours"), L("project"), L("exercise"), L("note")]]
    done = 0
    for number, row in enumerate(schedule(hours), start=1):
        topic = localized(row.topic, language) if row.topic else localized(lesson(row.lesson or "").title, language)
        project = lab_project(row.project).heading(language) if row.project else ""
        rows.append([str(number), _weeks(done, row.hours, hours / weeks, language), topic, L(row.kind), str(row.hours),
                     project, localized(exercise_name(row.assessment), language) if row.assessment else "",
                     localized(row.note, language) if row.note else ""])
        done += row.hours
    rows.append(["", "", L("total"), "", str(done), "", "", ""])
    doc.table(rows, widths=(0.5, 1, 4, 0.8, 0.6, 2.2, 1.4, 2))
    return doc
