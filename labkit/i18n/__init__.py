"""Translation (多语言): everything the kit says at run time, in zh_CN, en_US and ko_KR.

Messages are written in English in the code and wrapped in :func:`_`; the catalogs under
``labkit/locale/<language>/LC_MESSAGES/labkit.po`` give the Chinese and Korean. The display
language is chosen apart from the world's locale (a Chinese class can study a Korean fair):
:func:`set_language`, else the ``LABKIT_LANG`` environment variable, else 简体中文.

Use ``_("...")`` for text built at call time and ``N_("...")`` to mark module-level
constants, translated later with ``_(constant)``.

Each generated notebook (``notebooks/<language>/``, ``exercises/<language>/``) records its
language in ``metadata.labkit.language`` and sets it in its first code cell, so the kernel's
messages come out in the notebook's language; the grader reads the same metadata
(:func:`notebook_language`) to write feedback in the language the student worked in.
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "LOCALE_DIR", "Label", "LabelSet", "N_", "_", "get_language", "ngettext",
    "notebook_language", "set_language", "using_language",
]

LANGUAGES: tuple[str, ...] = ("zh_CN", "en_US", "ko_KR")
DEFAULT_LANGUAGE = "zh_CN"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
_chosen: str | None = None


def set_language(language: str | None) -> None:
    """Choose the display language for this process (``None``: back to the default)."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        from labkit.errors import UsageError

        raise UsageError(_("the display language must be one of {choices}, not {language!r}").format(
            choices=", ".join(LANGUAGES), language=language))
    _chosen = language


def get_language() -> str:
    """The display language in force: :func:`set_language`, ``LABKIT_LANG``, or zh_CN."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get("LABKIT_LANG", "")
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


@contextmanager
def using_language(language: str | None) -> Iterator[None]:
    """Show messages in ``language`` inside a ``with`` block, then go back to the language before it."""
    global _chosen
    before = _chosen
    set_language(language)
    try:
        yield
    finally:
        _chosen = before


def notebook_language(metadata: Mapping[str, Any]) -> str | None:
    """The language a notebook was generated in (``metadata.labkit.language``), or ``None``."""
    labkit = metadata.get("labkit") if isinstance(metadata, Mapping) else None
    language = labkit.get("language") if isinstance(labkit, Mapping) else None
    return language if language in LANGUAGES else None


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation("labkit", localedir=LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    """``message`` in the display language (the English itself when no catalog has it)."""
    return _catalog(get_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the display language."""
    return _catalog(get_language()).ngettext(singular, plural, n)


@dataclass(frozen=True)
class Label:
    """A display name in the course's languages (显示名称): ``en`` is the catalog's msgid, ``zh`` the
    course's own Chinese; Korean and any other language come from the catalogs. ``str(label)``
    and :attr:`text` give it in the display language: ``Label("Buyers", "采购商")`` is 采购商 in
    zh_CN, Buyers in en_US, 바이어 in ko_KR. ``tools/i18n.py`` copies ``zh`` into the zh_CN catalog."""

    en: str
    zh: str

    @property
    def text(self) -> str:
        """The name in the display language."""
        return self.zh if get_language() == "zh_CN" else _(self.en)

    def in_language(self, language: str) -> str:
        """The name in ``language`` (one of :data:`LANGUAGES`), whatever the display language."""
        with using_language(language):
            return self.text

    def __str__(self) -> str:
        return self.text


class LabelSet(Mapping[str, Label]):
    """The display names of an enumeration's codes (枚举显示名称), in the codes' order:
    ``labels["buyer"]`` is a :class:`Label`, ``labels.text("buyer")`` its name in the display language."""

    def __init__(self, labels: Mapping[str, Label] | Iterable[tuple[str, Label]] = (), /, **by_code: Label) -> None:
        self._labels: dict[str, Label] = dict(labels, **by_code)

    @classmethod
    def from_codes(cls, chinese: Mapping[str, str]) -> LabelSet:
        """Labels whose English is the code in words (``no_show`` -> "no show") and Chinese is given."""
        return cls({code: Label(code.replace("_", " "), zh) for code, zh in chinese.items()})

    def __getitem__(self, code: str) -> Label:
        return self._labels[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __or__(self, other: Mapping[str, Label]) -> LabelSet:
        return LabelSet({**self._labels, **other})

    def __repr__(self) -> str:
        return f"LabelSet({self._labels!r})"

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes, in order."""
        return tuple(self._labels)

    def text(self, code: str) -> str:
        """The display name of ``code``; a code without a label shows as it is."""
        label = self._labels.get(code)
        return code if label is None else label.text

    def names(self) -> dict[str, str]:
        """``{code: name}`` in the display language, for tables, legends and dropdowns."""
        return {code: label.text for code, label in self._labels.items()}


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (module-level constants)."""
    return message
