"""``labkit report``: write the organiser's report workbook (报表工作簿) and its HTML version."""
from __future__ import annotations

import argparse

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.options import add_world_options, chosen_world


def _report(args: argparse.Namespace) -> int:
    from labkit.reports.workbook import build_reports, check_output, write_workbook

    out = check_output(args.out, (".xlsx",))
    html = None if args.html is None else check_output(args.html, (".html", ".htm"))
    world = chosen_world(args)
    try:
        reports = build_reports(world)
    except (KeyError, ValueError) as exc:
        raise UsageError(_("cannot build the reports from this world: {problem}").format(problem=exc)) from None
    write_workbook(reports, out, world)
    print(_("wrote {path} ({n} reports)").format(path=out, n=len(reports)))
    if html is not None:
        from labkit.plotting.web_report import write_html  # draws the charts: matplotlib only when asked

        write_html(reports, html, world)
        print(_("wrote {path}").format(path=html))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=_("write the organiser's report workbook (Excel, optionally HTML)"))
    p.add_argument("--out", required=True, help=_("workbook to write, e.g. report.xlsx"))
    add_world_options(p)
    p.add_argument("--html", help=_("also write an HTML version with the charts, e.g. report.html"))
    p.set_defaults(func=_report)
