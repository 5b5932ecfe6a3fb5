"""``labkit import-contacts`` and ``labkit customers``: the group database from the shell."""
from __future__ import annotations

import argparse

from labkit.customerdb.database import CustomerDB
from labkit.customerdb.errors import InvalidRecord
from labkit.customerdb.importing import import_contacts
from labkit.errors import UsageError

_FILTERS = ("role", "country", "province", "city", "region", "industry", "size_band")


def _import(args: argparse.Namespace) -> int:
    with CustomerDB(args.database, locale=args.locale) as db:
        report = import_contacts(db, args.sheet, args.refused)
    print(report)
    if not report.problems.empty:
        print(report.problems.to_string(index=False))
    return 1 if report.refused_rows else 0


def _customers(args: argparse.Namespace) -> int:
    filters = {k: getattr(args, k) for k in _FILTERS if getattr(args, k)}
    with CustomerDB(args.database, locale=args.locale) as db:
        try:
            found = db.search(name=args.name, tags=args.tag or None, **filters)
        except InvalidRecord as exc:
            raise UsageError(str(exc)) from None
    columns = ["id", "company", "contact", "phone", "city", "region_group", "industry", "size_band"]
    print(found[columns].to_string(index=False) if len(found) else "no customer matches")
    print(f"{len(found)} customer(s)")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-contacts", help="import a CSV/Excel sheet of contacts into a customer database")
    p.add_argument("database", help="the group's database file (created if missing)")
    p.add_argument("sheet", help="a .csv (UTF-8) or .xlsx file, one contact per row")
    p.add_argument("--refused", help="where to write the refused rows (default: SHEET.refused.EXT)")
    p.add_argument("--locale", default="zh_CN", help="home locale of the organiser (zh_CN, en_US, ko_KR)")
    p.set_defaults(func=_import)
    p = sub.add_parser("customers", help="search a customer database (客户检索)")
    p.add_argument("database")
    p.add_argument("--name", help="fragment of the company or contact name, any script")
    p.add_argument("--tag", action="append", help="customers carrying this tag (repeatable)")
    for key in _FILTERS:
        p.add_argument(f"--{key.replace('_', '-')}", dest=key)
    p.add_argument("--locale", default="zh_CN")
    p.set_defaults(func=_customers)
