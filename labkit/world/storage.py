"""Writing a world to files (数据导出): CSV folder, Parquet folder, SQLite database, Excel workbook.

Every writer goes through a temporary name and renames at the end, so a failure never
leaves half a dataset behind.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from labkit.errors import UsageError
from labkit.files import staged_file, text_only
from labkit.world import schema

if TYPE_CHECKING:
    from labkit.world.container import World

EXCEL_MAX_ROWS = 1_048_575  # one header row
_SQL_TYPES = {"int": "INTEGER", "Int": "INTEGER", "bool": "INTEGER", "float": "REAL",
              "string": "TEXT", "category": "TEXT", "date": "TEXT", "datetime": "TEXT"}


class FolderWriter:
    """Write a world's tables into a folder one at a time, all-or-nothing (逐表写出).

    ``add(name, frame)`` writes the table at once under a hidden ``.partial`` name, so its
    frame can be freed before the next table is made; leaving the ``with`` block without an
    error renames every table into place, an error removes them all.
    """

    FORMATS: dict[str, tuple[str, Callable[[pd.DataFrame, Path], None]]] = {
        "csv": (".csv", lambda df, p: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n")),
        "parquet": (".parquet", lambda df, p: df.to_parquet(p, index=False)),
    }

    def __init__(self, directory: Path, kind: str) -> None:
        self.directory = directory
        self.suffix, self._write = self.FORMATS[kind]
        self._staged: list[tuple[Path, Path]] = []

    def __enter__(self) -> FolderWriter:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def add(self, name: str, frame: pd.DataFrame) -> None:
        tmp = self.directory / f".{name}{self.suffix}.partial"
        self._staged.append((tmp, self.directory / f"{name}{self.suffix}"))
        self._write(frame, tmp)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if error is None:
                for tmp, final in self._staged:
                    os.replace(tmp, final)
        finally:
            for tmp, _ in self._staged:
                tmp.unlink(missing_ok=True)


def _write_folder(world: World, directory: Path, kind: str) -> Path:
    with FolderWriter(directory, kind) as folder:
        for name, df in world.tables.items():
            folder.add(name, df)
    return directory


def write_csv(world: World, directory: Path) -> Path:
    """One UTF-8 CSV per table (``organisations.csv`` …); dates as ISO 8601."""
    return _write_folder(world, directory, "csv")


def write_parquet(world: World, directory: Path) -> Path:
    """One Parquet file per table; dtypes (categories, nullable ints) survive a round trip."""
    return _write_folder(world, directory, "parquet")


def create_table_sql(table: schema.Table, if_not_exists: bool = False) -> str:
    """The SQLite ``CREATE TABLE`` of a schema table, with its primary and foreign keys."""
    cols = [f'"{c.name}" {_SQL_TYPES[c.dtype]}{"" if c.nullable else " NOT NULL"}' for c in table.columns]
    cols.append(f'PRIMARY KEY ("{table.primary_key}")')
    cols += [f'FOREIGN KEY ("{fk.column}") REFERENCES "{fk.table}" ("{fk.target_column}")'
             for fk in table.foreign_keys]
    create = "CREATE TABLE IF NOT EXISTS" if if_not_exists else "CREATE TABLE"
    return f'{create} "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _sql_frame(df: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    out = {}
    for col in table.columns:
        s = df[col.name]
        if col.dtype == "date":
            s = s.dt.strftime("%Y-%m-%d")
        elif col.dtype == "datetime":
            s = s.dt.strftime("%Y-%m-%d %H:%M:%S")
        elif col.dtype == "bool":
            s = s.astype("int64")
        elif col.dtype == "category":
            s = s.astype("string")
        out[col.name] = s.astype(object).where(s.notna(), None)
    return pd.DataFrame(out)


def write_sqlite(world: World, path: Path) -> Path:
    """A SQLite database: one table per schema table with its primary and foreign keys."""
    with staged_file(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            for name, df in world.tables.items():
                table = schema.table(name)
                con.execute(create_table_sql(table))
                rows = _sql_frame(df, table).itertuples(index=False, name=None)
                marks = ", ".join("?" * len(table.columns))
                con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            con.commit()
        finally:
            con.close()
    return path


def write_excel(world: World, path: Path) -> Path:
    """An Excel workbook, one sheet per table (worlds above about a million rows do not fit)."""
    too_big = {n: len(df) for n, df in world.tables.items() if len(df) > EXCEL_MAX_ROWS}
    if too_big:
        raise UsageError(f"tables too large for an Excel sheet (max {EXCEL_MAX_ROWS:,} rows): {too_big}; "
                         "use --format csv, parquet or sqlite")
    with staged_file(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for name, df in world.tables.items():
                df.to_excel(xl, sheet_name=name, index=False)
            text_only(xl.book)
    return path
