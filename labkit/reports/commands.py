"""``labkit report``: write the organiser's report workbook (报表工作簿) and its HTML version."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from labkit.errors import UsageError
from labkit.plotting import use_style
from labkit.reports.html import write_html
from labkit.reports.workbook import build_reports, check_output, write_workbook
from labkit.world.loading import load_world
from labkit.world.reading import read_csv_world


def _world(args: argparse.Namespace) -> Any:
    if args.world is None:
        return load_world(locale=args.locale)
    folder = Path(args.world)
    if not folder.is_dir():
        raise UsageError(f"--world {folder}: no such folder (write one with: labkit generate --format csv)")
    return read_csv_world(folder)


def _report(args: argparse.Namespace) -> int:
    out = check_output(args.out, (".xlsx",))
    html = None if args.html is None else check_output(args.html, (".html", ".htm"))
    world = _world(args)
    try:
        reports = build_reports(world)
    except (KeyError, ValueError) as exc:
        raise UsageError(f"cannot build the reports from this world: {exc}") from None
    write_workbook(reports, out, world)
    print(f"wrote {out} ({len(reports)} reports)")
    if html is not None:
        use_style()
        write_html(reports, html, world)
        print(f"wrote {html}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the organiser's report workbook (Excel, optionally HTML)")
    p.add_argument("--out", required=True, help="workbook to write, e.g. report.xlsx")
    p.add_argument("--world", help="world folder written by 'labkit generate --format csv' (default: the classroom world)")
    p.add_argument("--locale", default="zh_CN", help="locale of the default world (zh_CN, en_US, ko_KR)")
    p.add_argument("--html", help="also write an HTML version with the charts, e.g. report.html")
    p.set_defaults(func=_report)
