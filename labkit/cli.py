"""The ``labkit`` command line. Each feature package registers its own sub-commands.

A command module exposes ``add_commands(subparsers)`` and sets ``func`` on each parser;
``func(args) -> int`` returns the exit code. A :class:`labkit.errors.LabkitError` raised by a
command is printed as one line, never as a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from labkit.errors import LabkitError

COMMAND_MODULES: tuple[str, ...] = (
    "labkit.world.commands",
    "labkit.customerdb.commands",
    "labkit.classification.commands",
    "labkit.clv.commands",
    "labkit.surveys.commands",
    "labkit.reports.commands",
    "labkit.roster.commands",
    "labkit.grading.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labkit",
        description="labkit: exhibition CRM teaching kit (会展客户关系管理实训套件)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except LabkitError as exc:
        print(f"labkit {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"labkit {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
