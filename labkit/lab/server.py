"""JupyterLab for the student (实训环境): its command, environment and interface language.

JupyterLab runs from the kit's own Python with the environment's scripts folder (``bin`` or, on
Windows, ``Scripts``) first on PATH, so its terminal and ``!labkit`` cells find the ``labkit``
command; ``LABKIT_LANG`` gives the kernels the course language; JupyterLab's own menus follow
it through a user setting of its translation extension, kept in labkit's data folder. The
lessons' ``python3`` kernel is the kit's own spec (:func:`write_kernel_spec`), which loads
ipywidgets before JupyterLab first talks to it, so the Log Console stays empty. ``labkit kernel
install`` writes the same spec where every user of an environment finds it (:func:`kernel_place`:
a JupyterHub's single-user servers never run ``labkit lab``).
"""
from __future__ import annotations

import json
import os
import sys
import sysconfig
from collections.abc import Mapping, Sequence
from pathlib import Path

from labkit.files import staged_file
from labkit.resources import data_home

__all__ = [
    "JUPYTERLAB_LOCALES", "KERNEL_NAME", "KERNEL_PLACES", "TRANSLATION_SETTINGS", "found_kernel_spec", "is_root",
    "jupyter_data_dir", "kernel_place", "lab_command", "scripts_dirs", "server_environment", "settings_dir",
    "write_interface_language", "write_kernel_spec",
]

#: JupyterLab's locale for each course language (English is JupyterLab's built-in "en").
JUPYTERLAB_LOCALES: dict[str, str] = {"zh_CN": "zh_CN", "en_US": "en", "ko_KR": "ko_KR"}
#: The user-settings file of JupyterLab's translation extension, inside the settings folder.
TRANSLATION_SETTINGS = Path("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")
#: The kernel every lesson and exercise names in its metadata.
KERNEL_NAME = "python3"


def settings_dir() -> Path:
    """JupyterLab's user-settings folder for ``labkit lab`` (in labkit's data folder)."""
    return data_home() / "jupyterlab" / "user-settings"


def jupyter_data_dir() -> Path:
    """The Jupyter data folder ``labkit lab`` puts first on ``JUPYTER_PATH`` (its kernel spec)."""
    return data_home() / "jupyter"


def write_kernel_spec(data_dir: Path) -> Path:
    """The lessons' kernel (内核) in ``data_dir/kernels/python3``: this Python, ipywidgets loaded at start.

    JupyterLab's widget manager opens a ``jupyter.widget.control`` comm the moment a kernel
    connects, before any cell ran. A kernel that has not imported ipywidgets yet has no such
    target and says "No such comm target registered: jupyter.widget.control" on stderr, which
    JupyterLab shows in the Log Console for every notebook (harmless, upstream says: the widget
    manager falls back; ipywidgets issue #3525). Loading ipywidgets as an IPython extension at
    start registers the target first, so the message never comes.
    """
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--ext=ipywidgets"],
        "display_name": "Python 3 (ipykernel)", "language": "python", "metadata": {"debugger": True},
    }
    path = data_dir / "kernels" / KERNEL_NAME / "kernel.json"
    with staged_file(path) as tmp:
        tmp.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return path


#: Where ``labkit kernel install`` puts the kernel spec: the environment the kit runs in (what a
#: JupyterHub's single-user servers started from this environment read first), the machine's
#: system folder, or the user's own Jupyter folder.
KERNEL_PLACES = ("sys-prefix", "system", "user")


def kernel_place(place: str, prefix: Path | None = None) -> Path:
    """The Jupyter data folder of ``place`` (one of :data:`KERNEL_PLACES`), or ``prefix/share/jupyter``.

    sys-prefix: ``<this environment>/share/jupyter``; system: ``/usr/local/share/jupyter``
    (``%PROGRAMDATA%\\jupyter`` on Windows); user: ``~/.local/share/jupyter`` and the like.
    """
    from jupyter_core import paths

    if prefix is not None:
        return prefix / "share" / "jupyter"
    if place == "sys-prefix":
        return Path(paths.ENV_JUPYTER_PATH[0])
    if place == "system":
        return Path(paths.SYSTEM_JUPYTER_PATH[0])
    return Path(paths.jupyter_data_dir())


def found_kernel_spec(name: str = KERNEL_NAME) -> Path | None:
    """The folder of the kernel spec ``name`` Jupyter starts from this environment (None: none found)."""
    from jupyter_client.kernelspec import KernelSpecManager

    found = KernelSpecManager().find_kernel_specs().get(name)
    return Path(found) if found else None


def write_interface_language(lang: str, settings: Path) -> Path:
    """Set JupyterLab's interface language to ``lang`` in ``settings``, keeping other settings there."""
    path = settings / TRANSLATION_SETTINGS
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = {}
    if not isinstance(current, dict):
        current = {}
    current["locale"] = JUPYTERLAB_LOCALES[lang]
    with staged_file(path) as tmp:
        tmp.write_text(json.dumps(current, indent=2), encoding="utf-8")
    return path


def scripts_dirs() -> list[str]:
    """The folders of this environment's commands (venv ``bin``/``Scripts``, conda's too)."""
    dirs = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    return list(dict.fromkeys(d for d in dirs if d))


def server_environment(lang: str, base: Mapping[str, str] | None = None,
                       data_dir: Path | None = None) -> dict[str, str]:
    """The environment JupyterLab, its terminals and its kernels run with (``data_dir``: the
    Jupyter data folder holding the kernel spec, :func:`jupyter_data_dir` unless given)."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join([*scripts_dirs(), *([env["PATH"]] if env.get("PATH") else [])])
    data = str(data_dir or jupyter_data_dir())
    env["JUPYTER_PATH"] = os.pathsep.join([data, *([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else [])])
    env["LABKIT_LANG"] = lang
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings_dir())
    return env


def is_root() -> bool:
    """True for the superuser on Linux or macOS (Windows has no such check)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def lab_command(folder: Path, port: int | None = None, open_browser: bool = True,
                extra: Sequence[str] = ()) -> list[str]:
    """The command that starts JupyterLab on ``folder`` with this Python."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    if not open_browser:
        cmd.append("--no-browser")
    if port is not None:
        cmd.append(f"--port={port}")
    if is_root():
        cmd.append("--allow-root")  # Jupyter refuses root (containers, CI, cloud VMs) unless told
    if os.name != "nt":
        # Started outside a terminal, JupyterLab opens login shells, whose /etc/profile resets
        # PATH and loses the kit's scripts folder: ask for the user's shell as it is.
        cmd.append("--ServerApp.terminado_settings=shell_command={}".format(os.environ.get("SHELL") or "sh"))
    return cmd + list(extra)
