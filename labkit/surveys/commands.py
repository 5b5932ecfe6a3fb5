"""``labkit survey``: reliability, NPS and CSAT of a world's survey, and the 教材第六章 summary report."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.options import add_world_options, chosen_world


def _overview(responses: Any) -> str:
    from labkit.surveys.nps import csat, nps
    from labkit.surveys.reliability import cronbach_alpha
    from labkit.world.schema import likert_dimensions

    lines = [_("survey responses: {n}").format(n=len(responses))]
    for dim, items in likert_dimensions().items():
        a = cronbach_alpha(responses[items])
        lines.append(f"alpha {dim}: {a.alpha:.3f} [{a.ci_low:.3f}, {a.ci_high:.3f}] {a.reading} {a.reading_zh} (n={a.n})")
    for role, part in responses.groupby(responses["role"].astype("object")):
        lines.append(f"{role}: NPS {nps(part['recommend']):.1f}, CSAT {csat(part['overall_satisfaction']):.1f}%")
    return "\n".join(lines)


def _write_report(report: dict[str, Any], path: Path) -> None:
    """The summary report as one sheet per question, text-only (no cell becomes a formula)."""
    import pandas as pd

    from labkit.files import staged_file, text_only

    if path.suffix.lower() != ".xlsx":
        raise UsageError(_("--xlsx {path}: the report is an Excel workbook; give a name ending in .xlsx")
                         .format(path=path))
    with staged_file(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in report.items():
                table.to_excel(writer, sheet_name=name[:31])
            text_only(writer.book)


def _survey(args: argparse.Namespace) -> int:
    from labkit.surveys.summary import survey_summary

    world = chosen_world(args)
    try:
        responses = world.survey_responses
        if args.edition is not None:
            responses = responses[responses["edition_id"] == args.edition]
        report = survey_summary(world, edition_id=args.edition)
        text = _overview(responses)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.xlsx:
        _write_report(report, args.xlsx)
    print(text)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("survey", help=_("alpha per dimension, NPS and CSAT by role; optionally the survey summary report"))
    add_world_options(p)
    p.add_argument("--edition", type=int, default=None, help=_("only this edition_id (default: all responses)"))
    p.add_argument("--xlsx", type=Path, default=None, help=_("write the survey summary report (one sheet per question)"))
    p.set_defaults(func=_survey)
