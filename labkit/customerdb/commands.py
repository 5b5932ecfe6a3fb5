"""``labkit import-contacts`` and ``labkit customers``: the group database from the shell."""
from __future__ import annotations

import argparse
from pathlib import Path

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.options import add_locale

_FILTERS = ("role", "country", "province", "city", "region", "industry", "size_band")


def _remove_database(path: Path) -> None:
    """Remove a database file this command made, with SQLite's journal files."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _import(args: argparse.Namespace) -> int:
    from labkit.customerdb.database import CustomerDB
    from labkit.customerdb.importing import import_contacts, read_sheet

    database = Path(args.database)
    read_sheet(args.sheet)  # a sheet that cannot be read stops here, before any database is made
    new = not database.exists()
    try:
        with CustomerDB.open(database, create=True, locale=args.locale) as db:
            report = import_contacts(db, args.sheet, args.refused)
    except BaseException:
        if new:  # a failed import leaves no new, empty database behind
            _remove_database(database)
        raise
    print(report)
    if not report.problems.empty:
        print(report.problems.to_string(index=False))
    return 1 if report.refused_rows else 0


def _customers(args: argparse.Namespace) -> int:
    from labkit.customerdb.database import CustomerDB
    from labkit.errors import InvalidRecord

    filters = {k: getattr(args, k) for k in _FILTERS if getattr(args, k)}
    with CustomerDB.open(args.database, locale=args.locale) as db:
        try:
            found = db.search(name=args.name, tags=args.tag or None, **filters)
        except InvalidRecord as exc:
            raise UsageError(str(exc)) from None
    columns = ["id", "company", "contact", "phone", "city", "region_group", "industry", "size_band"]
    print(found[columns].to_string(index=False) if len(found) else _("no customer matches"))
    print(_("{n} customer(s)").format(n=len(found)))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-contacts", help=_("import a CSV/Excel sheet of contacts into a customer database"))
    p.add_argument("database", help=_("the group's database file (created if missing)"))
    p.add_argument("sheet", help=_("a .csv (UTF-8) or .xlsx file, one contact per row"))
    p.add_argument("--refused", help=_("where to write the refused rows (default: SHEET.refused.EXT)"))
    add_locale(p, _("home locale of the organiser, one of {locales} (default {default})"))
    p.set_defaults(func=_import)
    p = sub.add_parser("customers", help=_("search a customer database (客户检索)"))
    p.add_argument("database", help=_("an existing customer database file"))
    p.add_argument("--name", help=_("fragment of the company or contact name, any script"))
    p.add_argument("--tag", action="append", help=_("customers carrying this tag (repeatable)"))
    for key in _FILTERS:
        p.add_argument(f"--{key.replace('_', '-')}", dest=key)
    add_locale(p, _("home locale of the organiser, one of {locales} (default {default})"))
    p.set_defaults(func=_customers)
