"""``labkit lab``: the lessons in the student's own folder, the default datasets, JupyterLab;
``labkit kernel install``: the lessons' kernel for every user of an environment (a JupyterHub)."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from labkit.i18n import LANGUAGES, N_, _, get_language, set_language


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


def _kernel_install(args: argparse.Namespace) -> int:
    from labkit.lab.server import KERNEL_NAME, found_kernel_spec, kernel_place, write_kernel_spec

    data = kernel_place(args.place, Path(args.prefix) if args.prefix else None)
    written = write_kernel_spec(data).parent
    print(_("installed the lessons' kernel ({name}: this Python, widgets ready at start) in {folder}").format(
        name=KERNEL_NAME, folder=written))
    found = found_kernel_spec()
    if found is not None and found.resolve() == written.resolve():
        print(_("Jupyter started from this environment now uses it for every lesson and exercise."))
        return 0
    if found is None:
        print(_("Jupyter started from this environment does not look in {data}: put that folder on "
                "JUPYTER_PATH.").format(data=data), file=sys.stderr)
    else:
        print(_("But Jupyter started from this environment finds another {name} kernel first: {other}. Install "
                "in that place instead (--sys-prefix, --system or --user), or put {data} first on "
                "JUPYTER_PATH.").format(name=KERNEL_NAME, other=found, data=data), file=sys.stderr)
    return 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lab", help=_("copy the lessons and exercises into your own folder and open JupyterLab"))
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help=_("language of the lessons and of JupyterLab (default: LABKIT_LANG or zh_CN)"))
    p.add_argument("--dir", default=None, help=_("your working folder (default: labkit in your home folder)"))
    p.add_argument("--port", type=int, default=None, help=_("JupyterLab's port (default: the first free from 8888)"))
    p.add_argument("--no-browser", action="store_true", help=_("do not open a browser"))
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help=_("after --: passed on to JupyterLab"))
    p.set_defaults(func=_lab)

    k = sub.add_parser("kernel", help=_("the lessons' Jupyter kernel (内核), e.g. for every user of a JupyterHub"))
    actions = k.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    i = actions.add_parser("install", help=_("install the kernel the lessons name (python3) for Jupyter"))
    where = i.add_mutually_exclusive_group()
    for place, text in (("sys-prefix", N_("in this Python environment, for every user of it (default; on a "
                                          "JupyterHub: the environment the single-user servers run)")),
                        ("system", N_("in the machine's Jupyter folder (/usr/local/share/jupyter), for every user")),
                        ("user", N_("in your own Jupyter folder only"))):
        where.add_argument(f"--{place}", dest="place", action="store_const", const=place, help=_(text))
    where.add_argument("--prefix", help=_("in PREFIX/share/jupyter (a Jupyter data folder of your own)"))
    i.set_defaults(func=_kernel_install, place="sys-prefix")
