"""``labkit teaching plan`` and ``labkit teaching schedule``: the teacher's documents (教学文件)."""
from __future__ import annotations

import argparse
from pathlib import Path

from labkit.i18n import LANGUAGES, _

__all__ = ["add_commands"]


def _language(args: argparse.Namespace) -> str:
    from labkit.i18n import get_language

    return args.lang or get_language()


def _plan(args: argparse.Namespace) -> int:
    from labkit.teaching import lesson, lesson_plan, lessons, write_document

    chosen = [lesson(name) for name in args.lessons] if args.lessons else list(lessons())
    language = _language(args)
    for item in chosen:
        for kind in args.format:
            print(write_document(lesson_plan(item.id, language), Path(args.out) / f"{item.id}_{language}.{kind}"))
    return 0


def _schedule(args: argparse.Namespace) -> int:
    from labkit.teaching import semester_schedule, write_document

    language = _language(args)
    doc = semester_schedule(args.hours, language, weeks=args.weeks)
    for kind in args.format:
        print(write_document(doc, Path(args.out) / f"schedule_{args.hours}h_{language}.{kind}"))
    return 0


def _sheet(args: argparse.Namespace) -> int:
    from labkit.teaching import project_sheet, write_document

    language = _language(args)
    for kind in args.format:
        print(write_document(project_sheet(args.project, language), Path(args.out) / f"{args.project}_{language}.{kind}"))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("teaching", help=_("teaching plans (教案) and the semester schedule (授课计划) as DOCX and HTML"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--out", required=True, help=_("folder for the documents"))
    common.add_argument("--lang", choices=LANGUAGES, help=_("language of the documents (default: the display language)"))
    common.add_argument("--format", nargs="+", choices=["docx", "html"], default=["docx", "html"],
                        help=_("docx (edit in Word or WPS), html, or both (default)"))
    plan = actions.add_parser("plan", parents=[common], help=_("one teaching plan per lesson (all lessons by default)"))
    plan.add_argument("lessons", nargs="*", metavar="LESSON", help=_("lesson number or name, e.g. 3 or 03_classification"))
    plan.set_defaults(func=_plan)
    sched = actions.add_parser("schedule", parents=[common], help=_("the semester schedule"))
    sched.add_argument("--hours", type=int, choices=[32, 48], default=32, help=_("class hours of the course (default 32)"))
    sched.add_argument("--weeks", type=int, default=16, help=_("weeks of the semester (default 16)"))
    sched.set_defaults(func=_schedule)
    sheet = actions.add_parser("sheet", parents=[common], help=_("the 6+6 sheet of a lab project (实训单), e.g. project 9, "
                                                               "which is practised on a real e-commerce platform"))
    sheet.add_argument("project", choices=["project9", "project10"], help=_("lab project: project9 or project10"))
    sheet.set_defaults(func=_sheet)
