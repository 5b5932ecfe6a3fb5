"""Where the kit's files are (资源位置): the one module that knows.

Shipped content (lessons, exercise masters and their student versions, the CDNOW data) is
read through :mod:`importlib.resources`: from ``labkit/_content`` in an installed wheel (the
wheel build copies it there, see ``setup.py``), or from the source checkout the package is
imported from (the same folders at the top of the repository: ``notebooks/``, ``exercises/``,
``datasets/cdnow/``). Built worlds and other files the kit makes go to a per-user data folder
(用户数据目录), never next to the installed package: ``$LABKIT_HOME`` when set, otherwise the
platform's user data folder (``~/.local/share/labkit`` on Linux, ``%LOCALAPPDATA%\\labkit`` on
Windows).
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_data_dir

from labkit.errors import LabkitError
from labkit.i18n import DEFAULT_LANGUAGE, LANGUAGES, _

__all__ = [
    "CONTENT_PACKAGE_DIR", "HOME_VARIABLE", "cdnow_dir", "content_root", "data_home", "instructor_dir", "lessons_dir",
    "masters_dir", "student_exercises_dir", "worlds_dir",
]

#: Environment variable that moves the per-user data folder.
HOME_VARIABLE = "LABKIT_HOME"
#: Folder inside the installed package that holds the shipped content.
CONTENT_PACKAGE_DIR = "_content"


def _package_dir() -> Path:
    return Path(str(resources.files("labkit")))


def content_root() -> Path:
    """The folder holding ``notebooks/``, ``exercises/`` and ``datasets/`` (installed or checkout)."""
    package = _package_dir()
    installed = package / CONTENT_PACKAGE_DIR
    if installed.is_dir():
        return installed
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "notebooks").is_dir():
        return checkout
    raise LabkitError(_("the kit's lessons and exercises are missing from {path}; reinstall labkit").format(
        path=package))


def _language(lang: str | None) -> str:
    lang = lang or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise LabkitError(_("unknown language {lang!r}: choose one of {choices}").format(
            lang=lang, choices=", ".join(LANGUAGES)))
    return lang


def lessons_dir(lang: str | None = None) -> Path:
    """The lesson notebooks (课程笔记本) of ``lang`` (default zh_CN)."""
    return content_root() / "notebooks" / _language(lang)


def instructor_dir(lang: str | None = None) -> Path:
    """The instructor's notebooks (教师用笔记本: the grading notebook) of ``lang``; never in a student's folder."""
    return content_root() / "instructor" / _language(lang)


def masters_dir(lang: str | None = None) -> Path:
    """The exercise master notebooks (练习母版, with solutions and hidden tests) of ``lang``."""
    return content_root() / "exercises" / _language(lang)


def student_exercises_dir(lang: str | None = None) -> Path:
    """The student versions of the exercises (学生版练习) of ``lang``."""
    return masters_dir(lang) / "release"


def cdnow_dir() -> Path:
    """The real CDNOW data shipped with the kit (真实数据)."""
    return content_root() / "datasets" / "cdnow"


def data_home() -> Path:
    """The per-user data folder (用户数据目录): ``$LABKIT_HOME`` or the platform's user data folder."""
    override = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(override).expanduser() if override else Path(user_data_dir("labkit", appauthor=False))


def worlds_dir(home: Path | None = None) -> Path:
    """Where ``labkit datasets`` builds the default classroom worlds (默认数据世界)."""
    return (home or data_home()) / "worlds"
