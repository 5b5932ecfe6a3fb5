"""The satisfaction questionnaire as data (满意度调查问卷).

The questions live in ``labkit/data/questionnaire.json`` (English and the course's Chinese; the
Korean comes from the catalogs like every course term) so a teacher can extend them without
touching code; each object's ``text`` is its wording in the display language; this module reads them into typed, frozen objects. Likert items
are grouped by the satisfaction dimensions of 会议客户关系管理课件 (content 内容, organisation 组织,
interaction 互动, overall 总体) and use the columns of ``survey_responses`` in
:mod:`labkit.world.schema`. Choice questions take their answer codes from the schema's
enumerations, so a stored answer is always a valid code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labkit.errors import DataError, UnknownName
from labkit.i18n import Label, LabelSet, _
from labkit.world.schema import ENUMS, QUESTIONNAIRE_FILE


@dataclass(frozen=True)
class ScalePoint:
    """One labelled point of a rating scale (量表刻度)."""

    value: int
    en: str
    zh: str

    @property
    def text(self) -> str:
        """The point's name in the display language (非常满意 in zh_CN)."""
        return Label(self.en, self.zh).text


@dataclass(frozen=True)
class Scale:
    """A rating scale from ``low`` to ``high`` with labelled points (量表)."""

    name: str
    low: int
    high: int
    labels: tuple[ScalePoint, ...]

    @property
    def points(self) -> int:
        return self.high - self.low + 1

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(self.low, self.high + 1))

    @property
    def midpoint(self) -> float:
        """Neutral point of the scale, e.g. 3 on a 1-5 scale (量表中点)."""
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Question:
    """One question: a Likert item, a 0-10 rating or a single choice (题目).

    ``kind`` is ``"likert"``, ``"rating"`` or ``"choice"``; ``dimension`` is set for Likert
    items; ``options`` are the answer codes and their labels for choice questions.
    """

    column: str
    kind: str
    en: str
    zh: str
    required: bool = False
    dimension: str | None = None
    scale: Scale | None = None
    options: LabelSet = field(default_factory=LabelSet)

    @property
    def text(self) -> str:
        """The question as the respondent reads it, in the display language."""
        return Label(self.en, self.zh).text


@dataclass(frozen=True)
class Dimension:
    """A satisfaction dimension and its Likert items (满意度维度)."""

    name: str
    en: str
    zh: str
    items: tuple[Question, ...]

    @property
    def text(self) -> str:
        """The dimension's name in the display language (展会内容 in zh_CN)."""
        return Label(self.en, self.zh).text

    @property
    def columns(self) -> list[str]:
        return [q.column for q in self.items]


@dataclass(frozen=True)
class Questionnaire:
    """The whole questionnaire: title, Likert dimensions and further questions (问卷)."""

    id: str
    title_en: str
    title_zh: str
    intro_en: str
    intro_zh: str
    likert: Scale
    dimensions: tuple[Dimension, ...]
    others: tuple[Question, ...]
    constructs: tuple[Dimension, ...] = ()

    @property
    def title(self) -> str:
        """The questionnaire's title in the display language."""
        return Label(self.title_en, self.title_zh).text

    @property
    def intro(self) -> str:
        """The opening words to the respondent, in the display language."""
        return Label(self.intro_en, self.intro_zh).text

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in the order a respondent sees it."""
        return tuple(q for d in (*self.dimensions, *self.constructs) for q in d.items) + self.others

    @property
    def likert_columns(self) -> list[str]:
        return [q.column for d in self.dimensions for q in d.items]

    def dimension_items(self) -> dict[str, list[str]]:
        """Likert item columns per dimension, e.g. ``{"content": ["content_exhibits", ...], ...}``."""
        return {d.name: d.columns for d in self.dimensions}

    def construct_items(self) -> dict[str, list[str]]:
        """Agreement item columns per relationship construct, e.g. ``{"trust": ["trust_promises", ...], ...}``."""
        return {d.name: d.columns for d in self.constructs}

    def question(self, column: str) -> Question:
        for q in self.questions:
            if q.column == column:
                return q
        raise UnknownName(_("the questionnaire has no question {column!r}").format(column=column))


def _scale(name: str, raw: dict[str, Any]) -> Scale:
    labels = tuple(ScalePoint(int(p["value"]), p["en"], p["zh"]) for p in raw["labels"])
    return Scale(name, int(raw["min"]), int(raw["max"]), labels)


def _options(enum_name: str) -> LabelSet:
    if enum_name not in ENUMS:
        raise DataError(_("questionnaire: unknown answer list {enum_name!r}; use one of the schema's enumerations").format(enum_name=enum_name))
    return ENUMS[enum_name].labels


def _dimensions(raw: list[dict[str, Any]], scale: Scale) -> tuple[Dimension, ...]:
    return tuple(
        Dimension(d["name"], d["en"], d["zh"], tuple(
            Question(i["column"], "likert", i["en"], i["zh"], bool(i.get("required", False)), d["name"], scale)
            for i in d["items"]
        ))
        for d in raw
    )


def load_questionnaire(path: str | Path | None = None, likert_scale: str | None = None) -> Questionnaire:
    """Read a questionnaire JSON file (default: the kit's post-show survey).

    ``likert_scale`` overrides the file's choice of Likert scale (``"likert5"`` or ``"likert7"``);
    the world's responses are on the 5-point scale.
    """
    raw = json.loads(Path(path or QUESTIONNAIRE_FILE).read_text(encoding="utf-8"))
    scales = {name: _scale(name, spec) for name, spec in raw["scales"].items()}
    chosen = likert_scale or raw["likert_scale"]
    if chosen not in scales:
        raise DataError(_("questionnaire: no scale {chosen!r}; scales are {scales}").format(chosen=chosen, scales=', '.join(scales)))
    likert = scales[chosen]
    dimensions = _dimensions(raw["dimensions"], likert)
    constructs: tuple[Dimension, ...] = ()
    if "constructs" in raw:
        if raw.get("relationship_scale") not in scales:
            raise DataError(_("questionnaire: the constructs need a relationship_scale, one of {scales}").format(scales=', '.join(scales)))
        constructs = _dimensions(raw["constructs"], scales[raw["relationship_scale"]])
    others = tuple(
        Question(
            q["column"], q["kind"], q["en"], q["zh"], bool(q.get("required", False)),
            scale=scales[q["scale"]] if "scale" in q else None,
            options=_options(q["enum"]) if "enum" in q else LabelSet(),
        )
        for q in raw["questions"]
    )
    return Questionnaire(
        raw["id"], raw["title"]["en"], raw["title"]["zh"], raw["intro"]["en"], raw["intro"]["zh"],
        likert, dimensions, others, constructs,
    )
