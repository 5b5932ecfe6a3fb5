"""Where the locales of the world are (地区设置的位置): found from the data folders, never listed in code.

A locale is a folder holding ``locale.json`` (with ``names.json`` and ``geography.json``), under
``labkit/data/locales/`` or under a folder of the ``LABKIT_LOCALE_PATH`` environment variable
(several separated like ``PATH``). This module only finds them (and imports nothing heavy, so the
command line can offer the locales as ``--locale`` choices); :mod:`labkit.world.locales` reads one.
"""
from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources
from pathlib import Path

from labkit.errors import DataError, UsageError
from labkit.i18n import _

__all__ = ["DEFAULT_LOCALE", "FILES", "LOCALE_PATH_ENV", "available_locales", "check_locale", "locale_folders"]

LOCALE_PATH_ENV = "LABKIT_LOCALE_PATH"
DEFAULT_LOCALE = "zh_CN"  # the classroom's locale when none is given
FILES = ("locale.json", "names.json", "geography.json")
_CODE = re.compile(r"[a-z]{2,3}_[A-Z]{2}")


def _shipped() -> Path:
    return Path(str(resources.files("labkit") / "data" / "locales"))


def locale_folders() -> dict[str, Path]:
    """Every locale the kit can make a world in, by code: the shipped ones and those on ``LABKIT_LOCALE_PATH``.

    The folders are looked at once per value of the variable in a process.
    """
    return dict(_folders(os.environ.get(LOCALE_PATH_ENV, "")))


@cache
def _folders(path: str) -> tuple[tuple[str, Path], ...]:
    found: dict[str, Path] = {}
    extra = [Path(p) for p in path.split(os.pathsep) if p.strip()]
    for root in [_shipped(), *extra]:
        if not root.is_dir():
            raise DataError(_("{variable} names {folder}, which is not a folder").format(
                variable=LOCALE_PATH_ENV, folder=root))
        for folder in sorted(root.iterdir()):
            if not (folder / "locale.json").is_file():
                continue
            if not _CODE.fullmatch(folder.name):
                raise DataError(_("The locale folder {folder} must be named like zh_CN (language_COUNTRY).").format(
                    folder=folder))
            if folder.name in found:
                raise DataError(_("The locale {locale} is defined twice: in {first} and in {second}.").format(
                    locale=folder.name, first=found[folder.name], second=folder))
            found[folder.name] = folder
    return tuple(sorted(found.items()))


def available_locales() -> tuple[str, ...]:
    """Codes of the locales found (``("en_US", "ko_KR", "zh_CN")`` with the shipped data)."""
    return tuple(locale_folders())


def check_locale(locale: object) -> str:
    """``locale`` if the kit has that locale, else a readable error listing the locales."""
    folders = locale_folders()
    if not isinstance(locale, str) or locale not in folders:
        raise UsageError(_("unknown locale {locale!r}; choose one of: {locales}").format(
            locale=locale, locales=", ".join(folders)))
    return locale
