"""``labkit lab``: the lessons in the student's own folder, the default datasets, JupyterLab."""
from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from labkit.i18n import LANGUAGES, _, get_language, set_language


def _lab(args: argparse.Namespace) -> int:
    from labkit.lab.server import (
        jupyter_data_dir,
        lab_command,
        server_environment,
        settings_dir,
        write_interface_language,
        write_kernel_spec,
    )
    from labkit.lab.workspace import default_folder, prepare_workspace
    from labkit.world.commands import build_datasets

    lang = args.lang or get_language()
    set_language(lang)
    done = prepare_workspace(Path(args.dir) if args.dir else default_folder(), lang)
    for kept in done.kept:
        print(_("kept your copy of {path}").format(path=kept.relative_to(done.folder)))
    print(_("{folder}: {copied} notebooks copied, {kept} of yours kept").format(
        folder=done.folder, copied=len(done.copied), kept=len(done.kept)))
    build_datasets()
    write_interface_language(lang, settings_dir())
    write_kernel_spec(jupyter_data_dir())
    extra = [a for a in args.jupyter_args if a != "--"]
    cmd = lab_command(done.folder, args.port, not args.no_browser, extra)
    print(_("opening JupyterLab in {folder} (Ctrl+C stops it)").format(folder=done.folder), flush=True)
    proc = subprocess.Popen(cmd, env=server_environment(lang), cwd=done.folder)
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue  # JupyterLab answers Ctrl+C itself (it asks before it stops)


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lab", help=_("copy the lessons and exercises into your own folder and open JupyterLab"))
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help=_("language of the lessons and of JupyterLab (default: LABKIT_LANG or zh_CN)"))
    p.add_argument("--dir", default=None, help=_("your working folder (default: labkit in your home folder)"))
    p.add_argument("--port", type=int, default=None, help=_("JupyterLab's port (default: the first free from 8888)"))
    p.add_argument("--no-browser", action="store_true", help=_("do not open a browser"))
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help=_("after --: passed on to JupyterLab"))
    p.set_defaults(func=_lab)
