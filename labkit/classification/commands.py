"""``labkit classify``: counts and shares of one classification of a world (客户分类)."""
from __future__ import annotations

import argparse
from pathlib import Path

from labkit.classification.titles import TITLES
from labkit.errors import UsageError
from labkit.i18n import _
from labkit.options import add_world_options, chosen_world


def _classify(args: argparse.Namespace) -> int:
    from labkit.classification.dimensions import composition_table
    from labkit.classification.features import customer_features
    from labkit.files import write_csv_for_excel

    world = chosen_world(args)
    try:
        table = composition_table(customer_features(world), args.dimension)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.csv:
        write_csv_for_excel(table, args.csv, index=True)
    print(table.to_string(formatters={c: "{:.1%}".format for c in table.columns if c.endswith("_share")}))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help=_("classify the customers of a world and print counts and shares per role"))
    p.add_argument("dimension", choices=list(TITLES), help=_("classification dimension"))
    add_world_options(p)
    p.add_argument("--csv", type=Path, default=None, help=_("also write the table to this CSV file (for Excel)"))
    p.set_defaults(func=_classify)
