"""A world's tables in files and back (数据导出与读取): CSV folder, Parquet folder, SQLite, Excel.

Every writer goes through a temporary name and renames at the end, so a failure never
leaves half a dataset behind. This module knows files and tables, not the ``World``:
``World.write`` and ``labkit.read_world`` (``reading.py``) put the two together.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Literal, get_args

import pandas as pd

from labkit.errors import UsageError
from labkit.files import staged_file, staged_files, text_only
from labkit.i18n import _
from labkit.world import schema

__all__ = ["EXCEL_MAX_ROWS", "FILE_SUFFIX", "FORMATS", "Format", "FolderWriter", "check_format", "check_target", "create_table_sql", "format_of",
           "read_tables", "write_tables"]

Format = Literal["csv", "parquet", "sqlite", "xlsx"]
FORMATS: tuple[Format, ...] = get_args(Format)
Tables = Mapping[str, pd.DataFrame]
EXCEL_MAX_ROWS = 1_048_575  # one header row
_SQL_TYPES: dict[schema.ColumnType, str] = {"int": "INTEGER", "Int": "INTEGER", "bool": "INTEGER", "float": "REAL",
              "string": "TEXT", "category": "TEXT", "date": "TEXT", "datetime": "TEXT"}


class FolderWriter:
    """Write a world's tables into a folder one at a time, all-or-nothing (逐表写出).

    ``add(name, frame)`` writes the table at once under a hidden name, so its frame can be
    freed before the next table is made; leaving the ``with`` block without an error renames
    every table into place, an error removes them all (:func:`labkit.files.staged_files`).
    """

    FORMATS: Mapping[str, tuple[str, Callable[[pd.DataFrame, Path], None]]] = {
        "csv": (".csv", lambda df, p: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n")),
        "parquet": (".parquet", lambda df, p: df.to_parquet(p, index=False)),
    }

    def __init__(self, directory: Path, kind: str) -> None:
        self.suffix, self._write = self.FORMATS[kind]
        self._stage = staged_files(directory)

    def __enter__(self) -> FolderWriter:
        self._files = self._stage.__enter__()
        return self

    def add(self, name: str, frame: pd.DataFrame) -> None:
        self._write(frame, self._files.path(f"{name}{self.suffix}"))

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._stage.__exit__(kind, error, trace)


def _write_folder(tables: Tables, directory: Path, kind: str) -> Path:
    """One UTF-8 CSV (dates as ISO 8601) or one Parquet file per table, named after it."""
    with FolderWriter(directory, kind) as folder:
        for name, df in tables.items():
            folder.add(name, df)
    return directory


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


def _write_sqlite(tables: Tables, path: Path) -> Path:
    """A SQLite database: one table per schema table with its primary and foreign keys."""
    with staged_file(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            for name, df in tables.items():
                table = schema.table(name)
                con.execute(create_table_sql(table))
                rows = _sql_frame(df, table).itertuples(index=False, name=None)
                marks = ", ".join("?" * len(table.columns))
                con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            con.commit()
        finally:
            con.close()
    return path


def _write_excel(tables: Tables, path: Path) -> Path:
    """An Excel workbook, one sheet per table (worlds above about a million rows do not fit)."""
    too_big = {n: len(df) for n, df in tables.items() if len(df) > EXCEL_MAX_ROWS}
    if too_big:
        raise UsageError(_("tables too large for an Excel sheet (max {excel_max_rows:,} rows): {too_big}; use --format csv, parquet or sqlite").format(excel_max_rows=EXCEL_MAX_ROWS, too_big=too_big))
    with staged_file(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for name, df in tables.items():
                df.to_excel(xl, sheet_name=name, index=False)
            text_only(xl.book)
    return path


_WRITERS: dict[str, Callable[[Tables, Path], Path]] = {
    "csv": lambda tables, path: _write_folder(tables, path, "csv"),
    "parquet": lambda tables, path: _write_folder(tables, path, "parquet"),
    "sqlite": _write_sqlite,
    "xlsx": _write_excel,
}
#: The file suffix each one-file format is written with (a folder format has none) ...
FILE_SUFFIX: dict[Format, str] = {"csv": "", "parquet": "", "sqlite": ".sqlite", "xlsx": ".xlsx"}
#: ... and every suffix a world file of that format is read from.
_FILE_SUFFIXES: dict[str, Format] = {suffix: fmt for fmt, suffix in FILE_SUFFIX.items() if suffix}
_FILE_SUFFIXES.update({".db": "sqlite", ".sqlite3": "sqlite"})


def check_format(fmt: object) -> Format:
    """``fmt`` as one of :data:`FORMATS`, or a :class:`UsageError` that lists them."""
    if fmt not in FORMATS:
        raise UsageError(_("--format must be one of {formats}, got {given!r}").format(
            formats=", ".join(FORMATS), given=fmt))
    return fmt


def format_of(path: Path) -> Format:
    """The format of a world written to ``path``: a folder of CSV or Parquet files, a .sqlite or .xlsx file."""
    if path.is_dir():
        if any((path / f"{t.name}.parquet").is_file() for t in schema.TABLES):
            return "parquet"
        if any((path / f"{t.name}.csv").is_file() for t in schema.TABLES):
            return "csv"
        raise UsageError(_("{path} is not a world folder: it has no organisations.csv or organisations.parquet")
                         .format(path=path))
    if path.suffix.lower() in _FILE_SUFFIXES:
        return _FILE_SUFFIXES[path.suffix.lower()]
    if not path.exists():
        raise UsageError(_("{path}: no such file or folder").format(path=path))
    raise UsageError(_("{path} is not a world: write one with labkit generate (csv, parquet, sqlite or xlsx)")
                     .format(path=path))


def check_target(path: Path, fmt: str) -> Format:
    """``fmt`` as a format, once ``path`` can take it (csv/parquet: a folder; sqlite/xlsx: a file)."""
    fmt = check_format(fmt)
    if fmt in FolderWriter.FORMATS and path.exists() and not path.is_dir():
        raise UsageError(_("--out {out} is a file; {format} output needs a folder").format(out=path, format=fmt))
    if fmt not in FolderWriter.FORMATS and path.is_dir():
        raise UsageError(_("--out {out} is a folder; {format} output needs a file name").format(out=path, format=fmt))
    return fmt


def write_tables(tables: Tables, path: Path, fmt: str) -> Path:
    """Write ``tables`` to ``path`` as ``fmt`` (csv/parquet: a folder; sqlite/xlsx: a file), all or nothing."""
    return _WRITERS[check_target(path, fmt)](tables, path)


def read_tables(path: Path, fmt: Format) -> dict[str, pd.DataFrame]:
    """The schema tables found at ``path``: typed frames from Parquet, text columns from the others.

    Text columns (``None`` for empty) are what :func:`labkit.world.reading.read_world` converts
    back to the schema's dtypes, the same way for CSV, SQLite and Excel.
    """
    names = [t.name for t in schema.TABLES]
    if fmt == "parquet":
        return {n: pd.read_parquet(path / f"{n}.parquet") for n in names if (path / f"{n}.parquet").is_file()}
    if fmt == "csv":
        return {n: pd.read_csv(path / f"{n}.csv", dtype=str, keep_default_na=False, na_values=[""],
                               encoding="utf-8") for n in names if (path / f"{n}.csv").is_file()}
    if fmt == "sqlite":
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            frames = {n: pd.read_sql_query(f'SELECT * FROM "{n}"', con) for n in names if n in present}
        finally:
            con.close()
        return {n: _as_text(df) for n, df in frames.items()}
    sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    return {n: _as_text(sheets[n]) for n in names if n in sheets}


def _as_text(df: pd.DataFrame) -> pd.DataFrame:
    """Every column as text, empty cells as None (whole floats such as 3.0 from Excel become "3")."""
    out = {}
    for name, col in df.items():
        if pd.api.types.is_float_dtype(col) and (col.dropna() % 1 == 0).all():
            text = col.map(lambda v: None if pd.isna(v) else str(int(v)))
        elif pd.api.types.is_datetime64_any_dtype(col):
            text = col.dt.strftime("%Y-%m-%d %H:%M:%S").where(col.notna(), None)
        else:
            text = col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
        out[name] = text.astype(object)
    return pd.DataFrame(out)
