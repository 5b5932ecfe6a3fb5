"""SQLite tables of the customer database, created from the world schema (数据表结构).

The schema tables (organisations, contacts) are created with the world storage's own DDL,
so a file written by ``labkit generate --format sqlite`` and one created here are the same
kind of file. Two bookkeeping tables of the database sit beside them: ``crm_tags`` (free
labels per customer) and ``crm_deleted`` (soft deletion: the row stays, it is only hidden).
"""
from __future__ import annotations

import sqlite3

from labkit.world import schema, storage

SCHEMA_TABLES: tuple[str, ...] = ("organisations", "contacts")

CRM_DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS crm_tags (org_id INTEGER NOT NULL, tag TEXT NOT NULL, "
    "PRIMARY KEY (org_id, tag))",
    "CREATE TABLE IF NOT EXISTS crm_deleted (org_id INTEGER PRIMARY KEY, deleted_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS crm_contacts_org ON contacts (org_id)",
    "CREATE INDEX IF NOT EXISTS crm_contacts_phone ON contacts (phone)",
    "CREATE INDEX IF NOT EXISTS crm_contacts_email ON contacts (email COLLATE NOCASE)",
)


def create_table_sql(name: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for a schema table, exactly as the world storage writes it."""
    return storage.create_table_sql(schema.table(name), if_not_exists=True)


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create whatever tables and indexes are missing (an existing world file is kept as is)."""
    for name in SCHEMA_TABLES:
        conn.execute(create_table_sql(name))
    for ddl in CRM_DDL:
        conn.execute(ddl)
