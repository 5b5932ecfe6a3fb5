"""The course exam (考试) from the exam bank: its structure, the paper's items and per-student versions.

The course exam has six parts (试题库, 题型): single choice 20, multiple choice 20, true/false
10, short answer 20, essay 10 and case analysis 20 points, 100 in all. :func:`plan_exam` picks
items of the bank whose points fill each part exactly, from one seed; a derived true/false item
never joins the single-choice item it restates. :func:`version` shuffles the order of the items
within each part and the order of the options of each choice item, from the exam's seed and a
student id, so every student gets the same paper in another order and the grader maps the
student's letters back to the bank's (:func:`canonical_answer`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from labkit.checks import option_letters, question_bank
from labkit.errors import LabkitError
from labkit.i18n import N_, _

__all__ = [
    "LETTERS", "PARTS", "ExamPlan", "Part", "Version", "canonical_answer", "displayed_answer", "item_text",
    "plan_exam", "version",
]

LETTERS = "ABCD"


@dataclass(frozen=True)
class Part:
    """One part of the paper (题型): the bank's item type, its points and its name."""

    kind: str
    points: int
    name: str


PARTS: tuple[Part, ...] = (
    Part("single", 20, N_("Single choice")),
    Part("multiple", 20, N_("Multiple choice")),
    Part("true_false", 10, N_("True or false")),
    Part("short_answer", 20, N_("Short answer")),
    Part("essay", 10, N_("Essay")),
    Part("case_analysis", 20, N_("Case analysis")),
)


@dataclass(frozen=True)
class ExamPlan:
    """The items of one exam, part by part, in the bank's order (the canonical paper)."""

    seed: int
    parts: tuple[tuple[Part, tuple[dict[str, Any], ...]], ...]

    @property
    def items(self) -> list[dict[str, Any]]:
        return [item for _part, items in self.parts for item in items]

    @property
    def points(self) -> float:
        return float(sum(item["points"] for item in self.items))

    @classmethod
    def from_ids(cls, seed: int, ids: Sequence[str], bank: dict[str, Any] | None = None) -> ExamPlan:
        """The plan a built exam recorded (its seed and item ids), read back from the bank."""
        items = {i["id"]: i for i in (bank or question_bank())["items"]}
        missing = [qid for qid in ids if qid not in items]
        if missing:
            raise LabkitError(_("The exam holds item {qid}, which this version of the exam bank does not have.").format(
                qid=missing[0]))
        return cls(int(seed), tuple((part, tuple(items[q] for q in ids if items[q]["type"] == part.kind))
                                    for part in PARTS))

    def item(self, qid: str) -> dict[str, Any]:
        for item in self.items:
            if item["id"] == qid:
                return item
        raise KeyError(qid)


@dataclass(frozen=True)
class Version:
    """One student's paper: the order of the items of each part and of each item's options.

    ``options[qid][i]`` is the bank's letter of the option shown at position ``i`` (A, B, ...).
    """

    student_id: str | None
    order: tuple[tuple[Part, tuple[str, ...]], ...]
    options: dict[str, str] = field(default_factory=dict)


def _subset(pool: Sequence[dict[str, Any]], target: int) -> list[dict[str, Any]] | None:
    """The first items of ``pool`` (in its order, depth first) whose points add up to ``target``."""
    def search(start: int, left: int) -> Iterator[list[dict[str, Any]]]:
        if left == 0:
            yield []
            return
        for i in range(start, len(pool)):
            if pool[i]["points"] <= left:
                for rest in search(i + 1, left - int(pool[i]["points"])):
                    yield [pool[i], *rest]

    return next(search(0, target), None)


def plan_exam(seed: int = 0, bank: dict[str, Any] | None = None) -> ExamPlan:
    """Pick the exam's items from the bank (题库组卷), the same for the same ``seed``."""
    bank = bank or question_bank()
    rng = np.random.default_rng(seed)
    order = {item["id"]: i for i, item in enumerate(bank["items"])}
    chosen: dict[str, tuple[dict[str, Any], ...]] = {}
    picked: set[str] = set()
    parts = []
    for part in PARTS:
        pool = [i for i in bank["items"] if i["type"] == part.kind and i.get("restates") not in picked]
        shuffled = [pool[k] for k in rng.permutation(len(pool))]
        items = _subset(shuffled, part.points)
        if items is None:
            raise LabkitError(_("The exam bank cannot fill the {part} part with exactly {points} points.").format(
                part=_(part.name), points=part.points))
        chosen[part.kind] = tuple(sorted(items, key=lambda i: order[i["id"]]))
        picked |= {i["id"] for i in items}
        parts.append((part, chosen[part.kind]))
    return ExamPlan(int(seed), tuple(parts))


def _student_rng(seed: int, student_id: str) -> np.random.Generator:
    digest = int.from_bytes(hashlib.sha256(student_id.encode("utf-8")).digest()[:8], "big")
    return np.random.default_rng(np.random.SeedSequence([int(seed), digest]))


def version(plan: ExamPlan, student_id: str | None = None) -> Version:
    """``student_id``'s shuffled paper (items within each part, options of each choice item); None: canonical."""
    if student_id is None:
        return Version(None, tuple((part, tuple(i["id"] for i in items)) for part, items in plan.parts),
                       {i["id"]: "".join(i["options"]) for i in plan.items if "options" in i})
    rng = _student_rng(plan.seed, student_id)
    order, options = [], {}
    for part, items in plan.parts:
        ids = [items[k]["id"] for k in rng.permutation(len(items))]
        order.append((part, tuple(ids)))
        for qid in ids:
            item = plan.item(qid)
            if "options" in item:
                letters = "".join(item["options"])
                options[qid] = "".join(letters[k] for k in rng.permutation(len(letters)))
    return Version(student_id, tuple(order), options)


def canonical_answer(answer: Any, shown: str) -> Any:
    """A student's letters (as shown on their paper) as the bank's letters; anything else unchanged."""
    letters = option_letters(answer)
    if not letters or any(letter not in LETTERS[:len(shown)] for letter in letters):
        return answer
    return "".join(sorted(shown[LETTERS.index(letter)] for letter in letters))


def displayed_answer(answer: str, shown: str) -> str:
    """The bank's answer letters as they appear on a paper whose options are ``shown``."""
    return "".join(sorted(LETTERS[shown.index(letter)] for letter in answer))


def item_text(item: dict[str, Any], language: str, shown: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """The stem and the (letter, option) lines of an item in ``language`` (the Chinese where none is given)."""
    suffix = {"en_US": "_en", "ko_KR": "_ko"}.get(language, "_zh")
    stem = item.get(f"stem{suffix}") or item["stem_zh"]
    if "options" not in item:
        return stem, []
    texts = item.get(f"options{suffix}") or item["options"]
    shown = shown or "".join(item["options"])
    return stem, [(LETTERS[i], texts[letter]) for i, letter in enumerate(shown)]
