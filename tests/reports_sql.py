"""The report tests' oracle: the raw tables in an in-memory SQLite database, queried by hand."""
from __future__ import annotations

import sqlite3

import pandas as pd

# Who took part in which edition, written in SQL (the same rule as labkit.facts).
PARTICIPANTS = """
    SELECT DISTINCT edition_id, org_id, 'exhibitor' AS role FROM booth_bookings WHERE status = 'confirmed'
    UNION
    SELECT DISTINCT edition_id, org_id, 'buyer' AS role FROM registrations WHERE status = 'attended'
"""
PREVIOUS_EDITION = """
    SELECT edition_id, year, LAG(edition_id) OVER (PARTITION BY exhibition_id ORDER BY start_date) AS prev_id
    FROM editions
"""


def to_sqlite(tables: dict[str, pd.DataFrame]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    for name, frame in tables.items():
        out = frame.copy()
        for col in out.columns:
            if isinstance(out[col].dtype, pd.CategoricalDtype):
                out[col] = out[col].astype(object).where(out[col].notna(), None)
            elif pd.api.types.is_datetime64_any_dtype(out[col]):
                out[col] = out[col].dt.strftime("%Y-%m-%d %H:%M:%S").where(out[col].notna(), None)
            elif pd.api.types.is_bool_dtype(out[col]):
                out[col] = out[col].astype(int)
        out.to_sql(name, con, index=False)
    return con


def query(con: sqlite3.Connection, sql: str) -> pd.DataFrame:
    return pd.read_sql_query(sql, con)
