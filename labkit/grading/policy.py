"""The course policy (课程评分规则): weights, deadlines, late penalty and extensions, from one TOML file.

``course.toml``::

    [weights]                    # points of the course mark (总评) per item
    lab1_classification = 20     # an exercise, by its name
    lab2_clv = 20
    project10 = 60               # a 6+6 lab project, assessed with ``labkit assess``

    [deadlines]                  # local time of the grading machine
    lab1_classification = "2026-11-20 23:59"

    [late]
    penalty_per_day = 10         # percent of the item's score lost per started day late
    zero_after_days = 7          # later than this: 0

    [extensions.2024011]         # one student's own deadline for one item
    lab1_classification = "2026-11-25 23:59"

Without ``[weights]`` every item found counts the same, 100 points in all.
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from labkit.errors import LabkitError
from labkit.i18n import _

__all__ = ["CoursePolicy", "Lateness", "load_policy", "parse_time"]

TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")


def parse_time(value: Any, where: str) -> datetime:
    """A deadline as a naive local datetime; a date alone means the end of that day."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if hasattr(value, "year") and not isinstance(value, datetime):  # a TOML date
        return datetime(value.year, value.month, value.day, 23, 59, 59)
    for fmt in TIME_FORMATS:
        try:
            parsed = datetime.strptime(str(value).strip(), fmt)
        except ValueError:
            continue
        return parsed.replace(hour=23, minute=59, second=59) if fmt == "%Y-%m-%d" else parsed
    raise LabkitError(_("{where}: {value!r} is not a date and time like \"2026-11-20 23:59\".").format(
        where=where, value=value))


@dataclass(frozen=True)
class Lateness:
    """How late one submission was (迟交) and the share of its score it keeps."""

    days: int
    factor: float


@dataclass(frozen=True)
class CoursePolicy:
    """Weights per item, deadlines, the late rule and per-student extensions."""

    weights: dict[str, float] = field(default_factory=dict)
    deadlines: dict[str, datetime] = field(default_factory=dict)
    penalty_per_day: float = 0.0
    zero_after_days: int | None = None
    extensions: dict[str, dict[str, datetime]] = field(default_factory=dict)

    def weights_for(self, items: list[str]) -> dict[str, float]:
        """The weight of each item: the policy's, or equal shares of 100 without ``[weights]``."""
        if not self.weights:
            return {item: 100 / len(items) for item in items} if items else {}
        unweighted = [item for item in items if item not in self.weights]
        if unweighted:
            raise LabkitError(_("The gradebook has {items}, which the policy gives no weight; add them under "
                                "[weights] (0 leaves an item out).").format(items=", ".join(unweighted)))
        return dict(self.weights)

    def deadline(self, student_id: str, item: str) -> datetime | None:
        return self.extensions.get(student_id, {}).get(item, self.deadlines.get(item))

    def lateness(self, student_id: str, item: str, submitted: datetime | None) -> Lateness:
        """Started days after the (extended) deadline and the factor the score is multiplied by."""
        deadline = self.deadline(student_id, item)
        if deadline is None or submitted is None or submitted <= deadline:
            return Lateness(0, 1.0)
        days = math.ceil((submitted - deadline).total_seconds() / 86400)
        if self.zero_after_days is not None and days > self.zero_after_days:
            return Lateness(days, 0.0)
        return Lateness(days, max(0.0, 1 - days * self.penalty_per_day / 100))


def _number(value: Any, where: str, low: float = 0.0, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or (high is not None and value > high):
        bound = _("from {low:g} to {high:g}").format(low=low, high=high) if high is not None else _(
            "of at least {low:g}").format(low=low)
        raise LabkitError(_("{where} must be a number {bound}, not {value!r}.").format(where=where, bound=bound, value=value))
    return float(value)


def load_policy(path: str | Path | None) -> CoursePolicy:
    """Read ``course.toml`` (see the module docstring); ``None`` gives the default policy."""
    if path is None:
        return CoursePolicy()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise LabkitError(_("The policy file {path} does not exist.").format(path=path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LabkitError(_("{path} is not a valid TOML file: {why}").format(path=path.name, why=exc)) from None
    known = {"weights", "deadlines", "late", "extensions", "course"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise LabkitError(_("{path}: unknown section [{name}]; the sections are {known}.").format(
            path=path.name, name=unknown[0], known=", ".join(sorted(known))))
    weights = {str(k): _number(v, f"[weights] {k}") for k, v in data.get("weights", {}).items()}
    deadlines = {str(k): parse_time(v, f"[deadlines] {k}") for k, v in data.get("deadlines", {}).items()}
    late = data.get("late", {})
    penalty = _number(late.get("penalty_per_day", 0), "[late] penalty_per_day", 0, 100)
    zero_after = late.get("zero_after_days")
    if zero_after is not None:
        zero_after = int(_number(zero_after, "[late] zero_after_days"))
    extensions = {}
    for student, items in data.get("extensions", {}).items():
        if not isinstance(items, dict):
            raise LabkitError(_("[extensions.{id}] must list items with their new deadlines.").format(id=student))
        extensions[str(student)] = {str(k): parse_time(v, f"[extensions.{student}] {k}") for k, v in items.items()}
    return CoursePolicy(weights, deadlines, penalty, zero_after, extensions)
