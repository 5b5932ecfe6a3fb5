"""Reading a world back (读取数据世界) from any format ``World.write`` writes: csv, parquet, sqlite, xlsx."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from labkit.errors import DataError, UsageError
from labkit.i18n import _
from labkit.world import schema
from labkit.world.container import World, conform
from labkit.world.locales import DEFAULT_LOCALE, available_locales, world_locale
from labkit.world.storage import Format, format_of, read_tables

__all__ = ["locale_of_country", "read_world"]


def locale_of_country(country: str) -> str:
    """The locale of a world whose exhibition is held in ``country``: the first locale (by code) of that
    country, else the default locale."""
    for code in available_locales():
        if world_locale(code).home.iso2 == country:
            return code
    return DEFAULT_LOCALE


def read_world(path: str | Path, format: Format | None = None) -> World:  # noqa: A002 (World.write's name)
    """The World at ``path`` (a folder of CSV or Parquet files, a .sqlite or .xlsx file).

    ``format`` is found from the path when not given. Columns and dtypes are checked against
    schema.py, so a world read back equals the world written. The locale (hence the currency)
    is the one of the country where the exhibitions are held.
    """
    where = Path(path)
    fmt = format or format_of(where)
    tables = read_tables(where, fmt)
    needed = [t.name for t in schema.TABLES if not t.optional]
    missing = [name for name in needed if name not in tables]
    if missing:
        raise UsageError(_("{path} is not a world: tables missing: {tables}").format(
            path=where, tables=", ".join(missing)))
    typed: dict[str, pd.DataFrame] = {}
    for spec in schema.TABLES:
        if spec.name not in tables:
            continue
        raw = tables.pop(spec.name)
        try:
            columns = {c.name: raw[c.name] if fmt == "parquet" else _column(raw, c)
                       for c in spec.columns if c.name in raw}
            typed[spec.name] = conform(spec.name, columns)
        except (KeyError, ValueError, TypeError) as exc:
            raise UsageError(_("{table} in {path}: {problem}").format(table=spec.name, path=where, problem=exc)) from None
    country = typed["exhibitions"]["country"].dropna()
    locale = locale_of_country(str(country.iloc[0])) if len(country) else DEFAULT_LOCALE
    return World(typed, locale, has_defects="defects" in typed, meta={"source": str(where), "format": fmt})


def _column(raw: pd.DataFrame, col: schema.Column) -> pd.Series:
    values = raw[col.name]
    if col.dtype == "float":  # float() reads back exactly what to_csv wrote (to_numeric may be 1 ulp off)
        return values.map(lambda v: float("nan") if v is None or pd.isna(v) else float(v)).astype("float64")
    if col.dtype in ("int", "Int"):
        return pd.to_numeric(values, errors="raise")
    if col.dtype == "bool":
        truth = values.str.lower().map({"true": True, "false": False, "1": True, "0": False})
        if truth.isna().any():
            raise DataError(_("column {column} must be True or False").format(column=col.name))
        return truth
    return values
