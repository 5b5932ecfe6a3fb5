"""``labkit schema``, ``labkit generate`` and ``labkit datasets``: the world on the command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from labkit.i18n import _
from labkit.options import add_world_options
from labkit.world import schema
from labkit.world.fairs import fair_keys

PROGRESS_FROM = 100_000  # buyers; smaller worlds are done before a bar is worth drawing


def _schema(args: argparse.Namespace) -> int:
    if args.json:
        print(schema.schema_json())
    elif args.markdown:
        from labkit.world.dictionary import data_dictionary_markdown
        sys.stdout.write(data_dictionary_markdown())
    else:
        for t in schema.TABLES:
            print(f"{t.name} ({t.label}): {t.display_description}")
            print("    " + ", ".join(t.column_names))
    return 0


def _generate(args: argparse.Namespace) -> int:
    from labkit.world.config import make_config
    from labkit.world.generator import generate_tables, generate_world
    from labkit.world.locales import world_locale
    from labkit.world.storage import FILE_SUFFIX, FolderWriter, check_format, check_target

    fmt = check_format(args.format)
    cfg = make_config(args.seed, args.locale, args.scale, args.student_id, args.defects, args.fair)
    out = Path(args.out or f"world_{cfg.locale}_seed{cfg.seed}{FILE_SUFFIX[fmt]}")
    check_target(out, fmt)
    bar = None
    progress = None
    if cfg.n_buyers >= PROGRESS_FROM:
        from tqdm import tqdm
        bar = tqdm(total=7 + cfg.defects, desc="generating", unit="step", file=sys.stderr)

        started: list[str] = []

        def progress(step: str) -> None:  # called as each stage starts: the previous one is done
            if started:
                bar.update(1)
            started.append(step)
            bar.set_description(step)
    try:
        if fmt in FolderWriter.FORMATS:
            # each table is written as soon as it is made and then let go: a 1M-buyer world
            # never sits in memory whole (bench/bench_generate.py --command measures it)
            with FolderWriter(out, fmt) as folder:
                counts = generate_tables(cfg, folder.add, progress=progress)
                if bar is not None:
                    bar.update(1)
                    bar.set_description(_("writing {format}").format(format=fmt))
        else:
            world = generate_world(seed=cfg.seed, locale=cfg.locale, scale=cfg.scale, student_id=cfg.student_id,
                                   defects=cfg.defects, progress=progress, fair=cfg.fair)
            if bar is not None:
                bar.update(1)
                bar.set_description(_("writing {format}").format(format=fmt))
            world.write(out, fmt)
            counts = {name: len(t) for name, t in world.tables.items()}
        if bar is not None:
            bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    print(_("wrote {tables} tables, {rows} rows ({currency}) to {out}").format(
        tables=len(counts), rows=f"{sum(counts.values()):,}", currency=world_locale(cfg.locale).money.currency, out=out))
    return 0


def build_datasets(force: bool = False) -> None:
    """Build the default worlds that are absent or stale, saying for each what was done."""
    from labkit.world.loading import build_missing

    for folder, built in build_missing(force=force):
        print(_("{folder}: built").format(folder=folder) if built else _("{folder}: up to date").format(folder=folder))


def _datasets(args: argparse.Namespace) -> int:
    build_datasets(force=args.force)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help=_("print the tables, columns and enumerations of the world"))
    p.add_argument("--json", action="store_true", help=_("machine-readable JSON"))
    p.add_argument("--markdown", action="store_true", help=_("the data dictionary (datasets/README.md)"))
    p.set_defaults(func=_schema)

    g = sub.add_parser("generate", help=_("generate an exhibition world and write it to files (生成数据)"))
    add_world_options(g, reads_world=False)
    g.add_argument("--scale", default="classroom", help=_("classroom, fair or a number of buyers (default classroom)"))
    g.add_argument("--defects", action="store_true", help=_("inject data-quality defects (and list them in 'defects')"))
    g.add_argument("--fair", default=None, help=_("an industry fair instead of the general trade fair: {fairs}").format(
        fairs=", ".join(fair_keys())))
    g.add_argument("--format", default="csv", help=_("csv, sqlite, xlsx or parquet (default csv)"))
    g.add_argument("--out", default=None, help=_("output folder (csv, parquet) or file (sqlite, xlsx)"))
    g.set_defaults(func=_generate)

    d = sub.add_parser("datasets", help=_("build the default classroom worlds into the labkit data folder "
                                          "($LABKIT_HOME) if absent"))
    d.add_argument("--force", action="store_true", help=_("rebuild even when up to date"))
    d.set_defaults(func=_datasets)
