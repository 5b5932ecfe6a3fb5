"""Answers as plain JSON (答案提取): the same encoder runs in the student's kernel and in the grader.

Self-contained on purpose: its source text is appended to the submission as the extraction
cell, so it must not import labkit. Never pickle: only JSON-able kinds leave the kernel.
"""
from __future__ import annotations

import json
import math
from typing import Any

MAX_CELLS = 200_000


def encode(value: Any) -> dict[str, Any]:
    """One answer as a small JSON object with a ``kind`` tag."""
    import numbers

    if value is None:
        return {"kind": "none"}
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return {"kind": "bool", "value": bool(value)}
    if isinstance(value, numbers.Number) and not isinstance(value, complex):
        number = float(value)  # type: ignore[arg-type]  # a real number (complex excluded above)
        if math.isnan(number):
            return {"kind": "number", "value": None}
        if isinstance(value, numbers.Integral):
            return {"kind": "number", "value": int(value)}
        return {"kind": "number", "value": number}
    if isinstance(value, str):
        return {"kind": "text", "value": value[:20_000]}
    module = type(value).__module__ or ""
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(value, pd.Series):
            value = value.to_frame(name=value.name if value.name is not None else "value")
            kind = "series"
        elif isinstance(value, pd.DataFrame):
            kind = "frame"
        else:
            return {"kind": "unsupported", "type": type(value).__name__}
        if value.size > MAX_CELLS:
            return {"kind": "too_large", "type": type(value).__name__}
        if not isinstance(value.index, pd.RangeIndex) or value.index.name is not None:
            value = value.reset_index()
        value = value.copy()
        value.columns = [str(c) for c in value.columns]
        split = json.loads(value.to_json(orient="split", index=False, date_format="iso"))
        return {"kind": kind, "columns": split["columns"], "data": split["data"]}
    if isinstance(value, dict):
        return {"kind": "dict", "value": {str(k): encode(v) for k, v in list(value.items())[:1000]}}
    if isinstance(value, (list, tuple, set, frozenset)) or module.startswith("numpy"):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return {"kind": "list", "value": [encode(v) for v in items[:MAX_CELLS]]}
    return {"kind": "unsupported", "type": type(value).__name__}


def encode_all(namespace: dict[str, Any], names: list[str], max_bytes: int) -> dict[str, Any]:
    """Encode the named answer variables; too big a payload becomes ``too_large`` markers."""
    out: dict[str, Any] = {}
    for name in names:
        if name not in namespace:
            out[name] = {"kind": "missing"}
            continue
        try:
            out[name] = encode(namespace[name])
        except Exception as exc:  # noqa: BLE001 - a strange object is an answer we cannot read
            out[name] = {"kind": "unreadable", "type": type(exc).__name__}
    if len(json.dumps(out)) > max_bytes:
        out = {name: {"kind": "too_large"} for name in names}
    return out
