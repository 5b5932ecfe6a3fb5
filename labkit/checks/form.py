"""Form errors of an answer (答案格式检查): everything a student can get wrong without the value.

Kinds of number (``"number"`` specs, and frame columns listed under ``"column_kinds"``):
``count`` (a whole number: 2000.5 is not a count), ``share`` (between 0 and 1: 5.85 is a
percentage), or any number; ``range`` bounds a number where the question gives them (an NPS
lies in -100..100). A frame must have exactly the columns asked: missing ones and extra ones
are both named. Messages speak of the student's own answer only, never of an expected value.
"""
from __future__ import annotations

import math
import numbers
import re
from typing import Any

from labkit.checks.truth_words import as_truth
from labkit.i18n import _

__all__ = ["option_letters", "public_problems"]

_SHOWN_EXTRA = 6  # extra columns named in a message, at most


def option_letters(answer: Any) -> str | None:
    """Option letters of a choice answer (``"a, c"`` -> ``"AC"``), or None if it is not one."""
    if isinstance(answer, str):
        return re.sub(r"[\s,;、，]", "", answer).upper()
    if isinstance(answer, (list, tuple, set, frozenset)) and all(isinstance(a, str) for a in answer):
        return "".join(sorted(a.strip().upper() for a in answer))
    return None


def _table(world: Any, name: str) -> Any:
    tables = getattr(world, "tables", None)
    return tables[name] if isinstance(tables, dict) else getattr(world, name)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _number_problems(spec: dict[str, Any], answer: Any) -> list[str]:
    if not _is_number(answer):
        return [_("expected a number, got {kind}").format(kind=type(answer).__name__)]
    value = float(answer)
    if math.isnan(value):
        return [_("the answer is NaN (a missing value), not a number: check for missing data in your calculation")]
    kind = spec.get("kind")
    if kind == "count" and not value.is_integer():
        return [_("a count is a whole number, but your answer {value} has a fractional part").format(value=answer)]
    if kind == "share" and not 0 <= value <= 1:
        problem = _("a share is a number between 0 and 1, but your answer is {value}").format(value=answer)
        if 1 < value <= 100:
            problem += "; " + _("did you give a percentage? Divide it by 100")
        return [problem]
    low, high = spec.get("range", (None, None))
    if low is not None and not low <= value <= high:
        return [_("the answer must lie between {low} and {high}, but yours is {value}").format(
            low=low, high=high, value=answer)]
    return []


def _column_problems(frame: Any, kinds: dict[str, str]) -> list[str]:
    import pandas as pd

    problems = []
    for column, kind in kinds.items():
        if column not in frame.columns:
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        if values.isna().any() and frame[column].notna().all():
            problems.append(_("column {column} must hold numbers").format(column=column))
        elif kind == "count" and not (values.dropna() % 1 == 0).all():
            problems.append(_("column {column} holds counts, so whole numbers only").format(column=column))
        elif kind == "share" and not values.dropna().between(0, 1).all():
            problems.append(_("column {column} holds shares between 0 and 1; did you give percentages? "
                              "Divide them by 100").format(column=column))
    return problems


def _frame_problems(spec: dict[str, Any], answer: Any, world: Any) -> list[str]:
    import pandas as pd

    wanted = list(spec.get("columns", []))
    series_note = []
    if isinstance(answer, pd.Series):
        series_note = [_("this is a Series (one column with an index), not a table: build a DataFrame with the "
                         "columns {columns}, e.g. with .reset_index(name=...) or pd.DataFrame({{...}})").format(
                             columns=", ".join(wanted))]
        answer = answer.reset_index()
    elif not isinstance(answer, pd.DataFrame):
        return [_("expected a DataFrame (a pandas table) with the columns {columns}, got {kind}").format(
            columns=", ".join(wanted), kind=type(answer).__name__)]
    if not isinstance(answer.index, pd.RangeIndex) or answer.index.name is not None:
        answer = answer.reset_index()
    problems = []
    columns = [str(c) for c in answer.columns]
    missing = [c for c in wanted if c not in columns]
    extra = [c for c in columns if c not in wanted and c != "index"]
    if missing:
        problems.append(_("expected the columns {wanted}, missing {missing}").format(
            wanted=", ".join(wanted), missing=", ".join(missing)))
    if wanted and extra:
        named = ", ".join(extra[:_SHOWN_EXTRA]) + (_(" and {n} more").format(n=len(extra) - _SHOWN_EXTRA)
                                                   if len(extra) > _SHOWN_EXTRA else "")
        problems.append(_("keep exactly the columns asked ({wanted}); remove {extra}").format(
            wanted=", ".join(wanted), extra=named))
    if problems and series_note:
        return series_note
    per = spec.get("rows_per")
    if per is not None and world is not None:
        table, column = per.split(".")
        groups = _table(world, table)[column].nunique(dropna=True)
        if len(answer) != groups:
            problems.append(_("expected a DataFrame with {rows}, got {n} rows").format(
                rows=spec["rows_label"], n=len(answer)))
    elif len(answer) == 0:
        problems.append(_("the DataFrame is empty"))
    return problems + _column_problems(answer, spec.get("column_kinds", {}))


PLAN_KEYS = ("channel", "targets", "budget")


def _plan_problems(spec: dict[str, Any], answer: Any, world: Any) -> list[str]:
    """A campaign plan: a dict with a channel, a list of target org_ids and a budget within the limit."""
    from labkit.reports.simulator import TARGETED_CHANNELS

    if not isinstance(answer, dict):
        return [_("expected a dict, got {kind}").format(kind=type(answer).__name__)]
    missing = [k for k in PLAN_KEYS if k not in answer]
    if missing:
        return [_("expected keys {keys}, missing {missing}").format(keys=list(PLAN_KEYS), missing=missing)]
    problems = []
    if answer["channel"] not in TARGETED_CHANNELS:
        problems.append(_("the channel must be one of {channels}").format(channels=", ".join(TARGETED_CHANNELS)))
    if not _is_number(answer["budget"]) or not 0 < answer["budget"] <= spec["max_budget"]:
        problems.append(_("the budget must be a number above 0 and at most {limit:g}").format(limit=spec["max_budget"]))
    targets = answer["targets"]
    if isinstance(targets, (tuple, range)) or type(targets).__name__ in ("Series", "Index", "ndarray"):
        targets = list(targets)
    if not isinstance(targets, list) or not targets or not all(isinstance(t, numbers.Integral) for t in targets):
        problems.append(_("the targets must be a non-empty list of org_id numbers"))
    elif world is not None:
        orgs = _table(world, "organisations")
        role = dict(zip(orgs["org_id"], orgs["role"].astype(str), strict=True))
        if any(role.get(int(t)) != spec["role"] for t in targets):
            problems.append(_("every target must be a {role} of your world (an org_id of world.organisations)").format(
                role=spec["role"]))
    return problems


def _choice_problems(spec: dict[str, Any], answer: Any) -> list[str]:
    kind, options = spec["type"], spec["options"]
    letters = option_letters(answer)
    if letters is None or not letters or any(ch not in options for ch in letters):
        return [_("expected option letters from {options!r}, got {answer!r}").format(options=options, answer=answer)]
    if kind == "choice" and len(letters) != 1:
        return [_("expected exactly one option letter, got {n}").format(n=len(letters))]
    if kind == "choices" and len(set(letters)) != len(letters):
        return [_("each option letter at most once")]
    return []


def public_problems(spec: dict[str, Any], answer: Any, world: Any = None) -> list[str]:
    """What is wrong with ``answer``'s form (empty list when the public checks pass)."""
    kind = spec["type"]
    if kind == "frame":
        return _frame_problems(spec, answer, world)
    if kind == "number":
        return _number_problems(spec, answer)
    if kind == "bool":
        return [] if isinstance(as_truth(answer), bool) else [  # 对/错, √/× are True/False
            _("expected True or False, got {kind}").format(kind=type(answer).__name__)]
    if kind == "text":
        if not isinstance(answer, str):
            return [_("expected text (a str), got {kind}").format(kind=type(answer).__name__)]
        n = len(answer.strip())
        return [] if n >= spec["min_chars"] else [
            _("expected at least {min} characters, got {n}").format(min=spec["min_chars"], n=n)]
    if kind == "plan":
        return _plan_problems(spec, answer, world)
    if kind == "dict":
        if not isinstance(answer, dict):
            return [_("expected a dict, got {kind}").format(kind=type(answer).__name__)]
        missing = [k for k in spec["keys"] if k not in answer]
        return [_("expected keys {keys}, missing {missing}").format(keys=spec["keys"], missing=missing)] if missing else []
    return _choice_problems(spec, answer)
