"""Reading a world back from a CSV folder (读取数据世界), as written by ``World.to_csv``."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from labkit.errors import UsageError
from labkit.world import schema
from labkit.world.container import World, conform
from labkit.world.geography import LOCALES

#: Country of the exhibitions' venue -> locale of the world.
LOCALE_OF_COUNTRY: dict[str, str] = {locale[-2:]: locale for locale in LOCALES}


def read_csv_world(directory: str | Path) -> World:
    """A World from one CSV per table; columns and dtypes are checked against schema.py.

    The locale (hence the currency) is the one of the country where the exhibitions are held.
    """
    folder = Path(directory)
    needed = [t.name for t in schema.TABLES if not t.optional]
    missing = [name for name in needed if not (folder / f"{name}.csv").is_file()]
    if missing:
        raise UsageError(f"{folder} is not a world folder: missing {', '.join(f'{m}.csv' for m in missing)}")
    tables: dict[str, pd.DataFrame] = {}
    for spec in schema.TABLES:
        path = folder / f"{spec.name}.csv"
        if not path.is_file():
            continue
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        try:
            converted = {col.name: _column(raw, col, path) for col in spec.columns if col.name in raw}
            tables[spec.name] = conform(spec.name, converted)
        except (KeyError, ValueError, TypeError) as exc:
            raise UsageError(f"{path.name}: {exc}") from None
    country = tables["exhibitions"]["country"].dropna()
    locale = LOCALE_OF_COUNTRY.get(str(country.iloc[0]), "zh_CN") if len(country) else "zh_CN"
    defects = "defects" in tables
    return World(tables, locale, has_defects=defects, meta={"source": str(folder)})


def _column(raw: pd.DataFrame, col: schema.Column, path: Path) -> pd.Series:
    values = raw[col.name]
    if col.dtype in ("int", "Int", "float"):
        return pd.to_numeric(values, errors="raise")
    if col.dtype == "bool":
        truth = values.str.lower().map({"true": True, "false": False, "1": True, "0": False})
        if truth.isna().any():
            raise UsageError(f"{path.name}: column {col.name} must be True or False")
        return truth
    return values
