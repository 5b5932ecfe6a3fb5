"""``labkit classify``: counts and shares of one classification of a generated world (客户分类)."""
from __future__ import annotations

import argparse
from pathlib import Path

from labkit.classification.dimensions import TITLES, composition_table
from labkit.classification.features import customer_features
from labkit.errors import UsageError


def _classify(args: argparse.Namespace) -> int:
    from labkit import generate_world  # the world sits below; imported here to keep start-up light

    try:
        world = generate_world(seed=args.seed, locale=args.locale, student_id=args.student_id)
        table = composition_table(customer_features(world), args.dimension)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.csv:
        try:
            table.to_csv(args.csv, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.csv}: {exc}") from None
    print(table.to_string(formatters={c: "{:.1%}".format for c in table.columns if c.endswith("_share")}))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="classify the customers of a world and print counts and shares per role")
    p.add_argument("dimension", choices=list(TITLES), help="classification dimension")
    p.add_argument("--seed", type=int, default=0, help="world seed (default 0, the classroom world)")
    p.add_argument("--locale", default="zh_CN", help="world locale: zh_CN, en_US or ko_KR")
    p.add_argument("--student-id", default=None, help="per-student variant of the world")
    p.add_argument("--csv", type=Path, default=None, help="also write the table to this CSV file")
    p.set_defaults(func=_classify)
