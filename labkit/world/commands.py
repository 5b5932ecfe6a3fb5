"""``labkit schema``: print the world's schema."""
from __future__ import annotations

import argparse

from labkit.world import schema


def _schema(args: argparse.Namespace) -> int:
    if args.json:
        print(schema.schema_json())
    else:
        for t in schema.TABLES:
            print(f"{t.name} ({t.label_zh}): {', '.join(t.column_names)}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the tables, columns and enumerations of the world")
    p.add_argument("--json", action="store_true", help="machine-readable JSON")
    p.set_defaults(func=_schema)
