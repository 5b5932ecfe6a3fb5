"""Comparing an answer with the expected one (答案比对); messages never show the expected value."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from labkit.checks import option_letters

REL_TOL = 1e-6
ABS_TOL = 1e-9


def _frame(value: Any) -> pd.DataFrame | None:
    if isinstance(value, pd.Series):
        value = value.reset_index()
    if not isinstance(value, pd.DataFrame):
        return None
    if not isinstance(value.index, pd.RangeIndex) or value.index.name is not None:
        value = value.reset_index()
    value = value.copy()
    value.columns = [str(c) for c in value.columns]
    return value


def _sortable(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    order = frame[keys].astype(str)
    return frame.loc[order.sort_values(keys).index].reset_index(drop=True)


def _column_equal(a: pd.Series, b: pd.Series, rel: float) -> bool:
    num_a, num_b = pd.to_numeric(a, errors="coerce"), pd.to_numeric(b, errors="coerce")
    if num_b.notna().sum() == b.notna().sum() and num_a.notna().sum() == a.notna().sum():
        return bool(np.allclose(num_a.to_numpy(float), num_b.to_numpy(float), rtol=rel, atol=ABS_TOL, equal_nan=True))
    return a.astype(str).str.strip().tolist() == b.astype(str).str.strip().tolist()


def _compare_frames(answer: Any, expected: Any, spec: dict[str, Any]) -> tuple[bool, str]:
    got, want = _frame(answer), _frame(expected)
    if got is None or want is None:
        return False, "expected a DataFrame"
    missing = [c for c in want.columns if c not in got.columns]
    if missing:
        return False, f"columns missing: {missing}"
    if len(got) != len(want):
        return False, "the number of rows differs from the expected one"
    keys = spec.get("key") or [c for c in want.columns if not pd.api.types.is_float_dtype(want[c])] or list(want.columns)
    got, want = _sortable(got[list(want.columns)], keys), _sortable(want, keys)
    rel = spec.get("rel_tol", REL_TOL)
    wrong = [c for c in want.columns if not _column_equal(got[c], want[c], rel)]
    if wrong:
        return False, f"values differ from the expected ones in column(s) {wrong}"
    return True, "correct"


def compare(spec: dict[str, Any], answer: Any, expected: Any) -> tuple[bool, str]:
    """(correct, message) for one answer against the expected one, by the question's type."""
    kind = spec["type"]
    if kind == "frame":
        return _compare_frames(answer, expected, spec)
    if kind == "number":
        try:
            got = float(answer)
        except (TypeError, ValueError):
            return False, "expected a number"
        ok = math.isclose(got, float(expected), rel_tol=spec.get("rel_tol", REL_TOL), abs_tol=ABS_TOL)
        return ok, "correct" if ok else "the number differs from the expected one"
    if kind == "bool":
        ok = isinstance(answer, bool) and answer == expected
        return ok, "correct" if ok else "not the right answer"
    if kind in ("choice", "choices"):
        letters = option_letters(answer)
        ok = letters is not None and sorted(letters) == sorted(expected)
        return ok, "correct" if ok else "not the right option(s)"
    if kind == "plan":  # the plan's simulated outcome against the benchmark plan's (higher is better)
        try:
            got = float(answer)
        except (TypeError, ValueError):
            return False, "the plan could not be simulated"
        ok = got >= float(expected) * (1 - REL_TOL)
        return ok, "correct" if ok else "the plan's simulated outcome falls short of the benchmark plan's"
    if kind == "dict":
        if not isinstance(answer, dict):
            return False, "expected a dict"
        wrong = [k for k in expected if k not in answer or not compare({"type": "number", **spec}, answer[k], expected[k])[0]]
        return (not wrong), "correct" if not wrong else f"values differ from the expected ones for {wrong}"
    raise ValueError(f"no automatic comparison for answers of type {kind!r}")
