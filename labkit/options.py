"""Options every command means the same by (共用命令行选项): --seed, --locale, --student-id, --world.

Defined once here and added to each command that reads or makes a world, so ``--seed`` is
always a whole number, ``--locale`` always one of the kit's locales, and ``--world DIR`` always
a folder written by ``labkit generate --format csv``. Nothing heavy is imported until a
command runs.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.world.locale_folders import DEFAULT_LOCALE, available_locales

__all__ = ["add_locale", "add_world_options", "chosen_world", "seed"]


def seed(text: str) -> int:
    """``--seed``: a whole number, 0 or more (argparse type)."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(_("must be a whole number, 0 or more, not {text!r}").format(text=text))
    return int(text)


def add_locale(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """``--locale``: one of the locales found in the data (default zh_CN); ``help`` may name them as {locales}."""
    locales = available_locales()
    text = help or _("world locale, one of {locales} (default {default})")
    parser.add_argument("--locale", default=DEFAULT_LOCALE, choices=locales,
                        help=text.format(locales=", ".join(locales), default=DEFAULT_LOCALE))


def add_world_options(parser: argparse.ArgumentParser, reads_world: bool = True) -> None:
    """``--seed``, ``--locale``, ``--student-id``, and ``--world DIR`` for a command that reads a world."""
    parser.add_argument("--seed", type=seed, default=0, help=_("world seed, a whole number (default 0, the classroom world)"))
    add_locale(parser)
    parser.add_argument("--student-id", default=None, help=_("gives each student a variant of the same world"))
    if reads_world:
        parser.add_argument("--world", type=Path, default=None, metavar="DIR",
                            help=_("a world written by 'labkit generate' (csv or parquet folder, .sqlite or .xlsx file; instead of --seed)"))


def chosen_world(args: argparse.Namespace) -> Any:
    """The world the options name: ``--world DIR``, else the cached classroom world, else a generated one."""
    if args.world is not None:
        if args.seed != 0 or args.student_id is not None:
            raise UsageError(_("--world reads a world from a folder; leave out --seed and --student-id"))
        if not args.world.exists():
            raise UsageError(_("--world {folder}: no such folder (write one with: labkit generate --format csv)")
                             .format(folder=args.world))
        from labkit.world.reading import read_world

        return read_world(args.world)
    if args.seed == 0:
        from labkit.world.loading import load_world

        return load_world(locale=args.locale, student_id=args.student_id)
    from labkit.world.generator import generate_world

    return generate_world(seed=args.seed, locale=args.locale, student_id=args.student_id)
