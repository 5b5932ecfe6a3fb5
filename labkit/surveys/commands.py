"""``labkit survey``: reliability, NPS and CSAT of a world's survey, and the seed 000 summary report."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from labkit.errors import UsageError
from labkit.surveys.nps import csat, nps
from labkit.surveys.reliability import cronbach_alpha
from labkit.surveys.summary import survey_summary
from labkit.world.schema import likert_dimensions


def _overview(responses: pd.DataFrame) -> str:
    lines = [f"responses 问卷数: {len(responses)}"]
    for dim, items in likert_dimensions().items():
        a = cronbach_alpha(responses[items])
        lines.append(f"alpha {dim}: {a.alpha:.3f} [{a.ci_low:.3f}, {a.ci_high:.3f}] {a.reading} {a.reading_zh} (n={a.n})")
    for role, part in responses.groupby(responses["role"].astype("object")):
        lines.append(f"{role}: NPS {nps(part['recommend']):.1f}, CSAT {csat(part['overall_satisfaction']):.1f}%")
    return "\n".join(lines)


def _survey(args: argparse.Namespace) -> int:
    from labkit import generate_world  # the world sits below; imported here to keep start-up light

    try:
        world = generate_world(seed=args.seed, locale=args.locale, student_id=args.student_id)
        responses = world.survey_responses
        if args.edition is not None:
            responses = responses[responses["edition_id"] == args.edition]
        report = survey_summary(world, edition_id=args.edition)
        text = _overview(responses)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.xlsx:
        try:
            with pd.ExcelWriter(args.xlsx) as writer:
                for name, table in report.items():
                    table.to_excel(writer, sheet_name=name[:31])
        except OSError as exc:
            raise UsageError(f"cannot write {args.xlsx}: {exc}") from None
    print(text)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("survey", help="alpha per dimension, NPS and CSAT by role; optionally the survey summary report")
    p.add_argument("--seed", type=int, default=0, help="world seed (default 0, the classroom world)")
    p.add_argument("--locale", default="zh_CN", help="world locale: zh_CN, en_US or ko_KR")
    p.add_argument("--student-id", default=None, help="per-student variant of the world")
    p.add_argument("--edition", type=int, default=None, help="only this edition_id (default: all responses)")
    p.add_argument("--xlsx", type=Path, default=None, help="write the survey summary report (one sheet per question)")
    p.set_defaults(func=_survey)
