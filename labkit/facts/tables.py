"""The tables of a world and the columns of a table, with one clear error each (数据表检查).

Every analysis takes ``world``: a :class:`labkit.world.World` (``labkit.load_world()``) or a
plain mapping of table names to DataFrames laid out as in ``labkit.world.schema``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from labkit.errors import UsageError
from labkit.i18n import _

__all__ = ["require_columns", "table", "world_tables"]


def world_tables(world: Any, needed: Iterable[str], what: str | None = None) -> Mapping[str, pd.DataFrame]:
    """The tables of ``world`` (a World or a dict of tables), checked to hold ``needed``.

    ``what`` names the analysis in the error message (default: "this analysis").
    """
    what = what or _("this analysis")
    tables = getattr(world, "tables", world)
    if not isinstance(tables, Mapping):
        raise UsageError(_("{what} needs a World (labkit.load_world()) or a dict of tables, not {kind}").format(
            what=what, kind=type(world).__name__))
    missing = [name for name in needed if name not in tables]
    if missing:
        raise UsageError(_("{what} needs the table(s) {missing}; the world has no {first!r} table (it has: {have})").format(
            what=what, missing=", ".join(missing), first=missing[0], have=", ".join(map(str, tables)) or _("none")))
    return tables


def table(world: Any, name: str, what: str | None = None) -> pd.DataFrame:
    """One table of ``world``, with the same clear error as :func:`world_tables` when it is missing."""
    return world_tables(world, [name], what)[name]


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise :class:`UsageError` naming the columns ``what`` needs and ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(_("{what} needs the column(s) {missing}; the table has: {have}").format(
            what=what, missing=", ".join(missing), have=", ".join(map(str, frame.columns)) or _("no columns")))
