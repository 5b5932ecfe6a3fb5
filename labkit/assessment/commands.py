"""``labkit assess export`` and ``labkit assess merge``: the 6+6 group assessment (三维度6+6考核)."""
from __future__ import annotations

import argparse
from pathlib import Path

from labkit.i18n import _

__all__ = ["add_commands"]


def _export(args: argparse.Namespace) -> int:
    from labkit.assessment import export_form, parse_weights
    from labkit.roster import read_roster

    print(export_form(read_roster(args.roster), args.project, args.out, parse_weights(args.weight or [])))
    return 0


def _merge(args: argparse.Namespace) -> int:
    from labkit.assessment import ASSESSMENT_CSV, merge_forms
    from labkit.roster import read_roster

    frame = merge_forms([Path(p) for p in args.forms], read_roster(args.roster), Path(args.results))
    for row in frame.itertuples(index=False):
        print(f"{row.project}\t{row.学号}\t{row.姓名}\t{row.小组}\t{row.score:g}")
    print(Path(args.results) / ASSESSMENT_CSV)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assess", help=_("the 6+6 group assessment of a lab project (三维度6+6考核)"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    e = actions.add_parser("export", help=_("write the Excel form: one sheet per 小组, criteria per dimension"))
    e.add_argument("--roster", required=True, help=_("roster file with 学号, 姓名 and 小组"))
    e.add_argument("--project", required=True, help=_("lab project: project9 or project10"))
    e.add_argument("--out", required=True, help=_("form to write (.xlsx)"))
    e.add_argument("--weight", action="append", metavar="NAME=NUMBER",
                   help=_("teacher/peer/self (sum 1), professional/method/social (sum 100) or max_adjustment; "
                          "repeatable (default teacher=0.5 peer=0.3 self=0.2, 40/30/30, 10)"))
    e.set_defaults(func=_export)
    m = actions.add_parser("merge", help=_("check the filled forms and write RESULTS/assessment.csv"))
    m.add_argument("forms", nargs="+", help=_("filled copies of one form (peer scores are averaged)"))
    m.add_argument("--roster", required=True, help=_("the roster the form was made from"))
    m.add_argument("--results", required=True, help=_("results folder (the one labkit gradebook export reads)"))
    m.set_defaults(func=_merge)
