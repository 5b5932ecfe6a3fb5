"""The ``World`` container (会展数据世界): every table of schema.py as a pandas DataFrame."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from labkit.errors import DataError
from labkit.i18n import _
from labkit.world import schema, storage
from labkit.world.locales import world_locale

__all__ = ["World", "conform"]

def conform(table_name: str, data: Mapping[str, Any] | pd.DataFrame) -> pd.DataFrame:
    """Build a DataFrame with exactly the columns and dtypes schema.py gives ``table_name``.

    Scalars are broadcast to the length of the other columns. Category columns get every code of their enumeration as categories (in schema order),
    so value counts show zero rows for unused codes too.
    """
    spec = schema.table(table_name)
    missing = [c for c in spec.column_names if c not in data]
    if missing:
        raise DataError(_("{table_name}: columns missing: {missing}").format(table_name=table_name, missing=missing))
    lengths = {len(data[c]) for c in spec.column_names if not pd.api.types.is_scalar(data[c])}
    if len(lengths) > 1:
        raise DataError(_("{table_name}: columns of different lengths {lengths}").format(table_name=table_name, lengths=sorted(lengths)))
    n = lengths.pop() if lengths else 1
    out: dict[str, Any] = {}
    for col in spec.columns:
        values = data[col.name]
        if pd.api.types.is_scalar(values):
            values = np.full(n, values, dtype=object if values is None or isinstance(values, str) else None)
        if col.dtype == "category" and col.enum is not None:
            dtype: Any = pd.CategoricalDtype(list(schema.ENUMS[col.enum].codes))
        else:
            dtype = schema.DTYPES[col.dtype]
        series = pd.Series(values, copy=False)
        if col.dtype in ("date", "datetime"):
            series = pd.to_datetime(series).astype(dtype, copy=False)
        else:
            series = series.astype(dtype, copy=False)
        if not (isinstance(series.index, pd.RangeIndex) and series.index.start == 0):
            series = series.reset_index(drop=True)
        out[col.name] = series
    return pd.DataFrame(out, copy=False)


@dataclass
class World:
    """A generated exhibition world: tables plus how it was made.

    ``world.tables`` maps table names to DataFrames; ``world.organisations`` is a shortcut
    for ``world.tables["organisations"]``. Money columns are in ``world.currency``.
    """

    tables: dict[str, pd.DataFrame]
    locale: str
    seed: int = 0
    scale: str | int = "classroom"
    student_id: str | None = None
    has_defects: bool = False  # the defects table is world.defects
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def currency(self) -> str:
        """ISO 4217 code of the money columns (CNY, USD, KRW)."""
        return world_locale(self.locale).money.currency

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(_("World has no table or attribute {name!r}; tables: {tables}").format(name=name, tables=', '.join(tables)))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.tables))

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v):,}" for k, v in self.tables.items())
        sid = f", student_id={self.student_id!r}" if self.student_id else ""
        return f"World(locale={self.locale!r}, seed={self.seed}, scale={self.scale!r}{sid}; {sizes})"

    def write(self, path: str | Path, format: storage.Format) -> Path:  # noqa: A002 (read_world's name)
        """Write every table to ``path`` as ``format`` (数据导出), all or nothing; ``labkit.read_world`` reads it back.

        ``csv`` and ``parquet`` write a folder with one file per table; ``sqlite`` a database
        with the schema's primary and foreign keys; ``xlsx`` a workbook with one sheet per table.
        """
        return storage.write_tables(self.tables, Path(path), format)

    def to_csv(self, directory: str | Path) -> Path:
        """One UTF-8 CSV per table, named after the table (organisations.csv …)."""
        return self.write(directory, "csv")

    def to_parquet(self, directory: str | Path) -> Path:
        """One Parquet file per table, named after the table."""
        return self.write(directory, "parquet")

    def to_sqlite(self, path: str | Path) -> Path:
        """A SQLite database with the schema's primary and foreign keys."""
        return self.write(path, "sqlite")

    def to_excel(self, path: str | Path) -> Path:
        """An Excel workbook with one sheet per table."""
        return self.write(path, "xlsx")
