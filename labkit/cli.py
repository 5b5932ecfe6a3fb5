"""The ``labkit`` command line. Each feature package registers its own sub-commands.

A command module exposes ``add_commands(subparsers)`` and sets ``func`` on each parser;
``func(args) -> int`` returns the exit code. Command modules import only argparse-level
code at the top (heavy libraries inside the command function), so ``labkit --help`` starts at
once. :func:`main` is the one place that turns errors into what a student reads:

- a bad argument, a :class:`~labkit.errors.LabkitError`, a missing or unreadable file: one line,
  exit code 2;
- anything else is a bug: one line naming the log file that holds the traceback, exit code 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from labkit.errors import LabkitError
from labkit.i18n import _

__all__ = ["COMMAND_MODULES", "TWO_WORD_COMMANDS", "Parser", "build_parser", "log_file", "main"]

COMMAND_MODULES: tuple[str, ...] = (
    "labkit.world.commands",
    "labkit.customerdb.commands",
    "labkit.classification.commands",
    "labkit.clv.commands",
    "labkit.surveys.commands",
    "labkit.reports.commands",
    "labkit.roster.commands",
    "labkit.assessment.commands",
    "labkit.lab.commands",
    "labkit.teaching.commands",
    "labkit.grading.commands",
)
# commands written as two words: `labkit grade override ...` is the parser "grade-override"
# (so a folder named "override" is graded as `labkit grade ./override`, never mistaken)
TWO_WORD_COMMANDS: dict[tuple[str, str], str] = {("grade", "override"): "grade-override"}
EXPECTED, BUG, INTERRUPTED = 2, 1, 130


class Parser(argparse.ArgumentParser):
    """argparse, with a wrong argument reported in one line (and where to read the usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXPECTED, _("{prog}: error: {message} (see: {prog} --help)").format(prog=self.prog, message=message)
                  + "\n")


def build_parser() -> Parser:
    parser = Parser(prog="labkit", description=_("labkit: exhibition CRM teaching kit (会展客户关系管理实训套件)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    return parser


def log_file() -> Path:
    """Where the tracebacks of unexpected errors go: the user's log folder (platformdirs)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("labkit", appauthor=False)) / "labkit.log"


def _write_log(argv: Sequence[str]) -> str:
    """Append this error's traceback to the log; the log's path, or why it could not be written."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} labkit {' '.join(argv)}\n")
            log.write(traceback.format_exc())
    except OSError as exc:
        return _("(no log could be written to {path}: {problem})").format(path=path, problem=exc.strerror or exc)
    return str(path)


def _file_problem(exc: OSError) -> str:
    """One sentence for a file that is missing, a folder, or not allowed."""
    problem = exc.strerror or _first_line(exc)
    if exc.filename is None:
        return problem
    return _("cannot use {name}: {problem}").format(name=exc.filename, problem=problem)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if tuple(argv[:2]) in TWO_WORD_COMMANDS:
        argv = [TWO_WORD_COMMANDS[(argv[0], argv[1])], *argv[2:]]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, or a wrong argument already reported in one line
        return int(done.code or 0)
    except LabkitError as exc:  # the options could not be built, e.g. LABKIT_LOCALE_PATH names no folder
        print(_("{command}: error: {message}").format(command="labkit", message=exc), file=sys.stderr)
        return EXPECTED
    where = f"labkit {args.command}"
    try:
        return int(args.func(args) or 0)
    except LabkitError as exc:
        message = str(exc)
    except OSError as exc:  # a path typo, a folder given for a file, no permission, a full disk
        message = _file_problem(exc)
    except KeyboardInterrupt:
        print(_("{command}: interrupted").format(command=where), file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # noqa: BLE001 -- a bug: one line for the student, the traceback to the log
        print(_("{command}: unexpected error ({kind}: {problem}); this is a bug in labkit, the details are in {log}")
              .format(command=where, kind=type(exc).__name__, problem=_first_line(exc), log=_write_log(argv)),
              file=sys.stderr)
        return BUG
    print(_("{command}: error: {message}").format(command=where, message=message), file=sys.stderr)
    return EXPECTED


if __name__ == "__main__":
    raise SystemExit(main())
