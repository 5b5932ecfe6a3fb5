"""Matching submission folders to students by the 学号 in the folder name (提交匹配).

A folder belongs to the student whose 学号 appears in its name as a whole token: not glued to
another ASCII letter or digit, so ``张三_2024011``, ``2024011 张三`` and Moodle's
``Zhang San_2024011_assignsubmission_file_`` all name 2024011, while ``20240110`` does not.
Names are never rewritten: two folders naming one student are both reported (``conflicts``),
a folder naming no one or several students is reported by its own name (``unmatched``,
``ambiguous``), and students without a folder are ``missing``.

``id_pattern`` (``--id-pattern``) is a regular expression for where the id sits in a name,
for download formats the default does not fit: its group ``id`` (or its first group, or the
whole match) is the 学号, e.g. ``^(?P<id>\\d{10})_`` or ``_(\\d+)_assignsubmission``.

Moodle's number in ``Name_12345_assignsubmission_file_`` is the number Moodle shows for the
participant; the roster must carry that number as the 学号 (or use ``id_pattern``).
Without a roster, a name of at most 40 letters, digits, ``_`` and ``-`` is the id itself (as
``SUBMISSIONS/<学号>/`` always was); any other name is searched for tokens as above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.roster.table import Roster

__all__ = ["DEFAULT_ID_PATTERN", "Matching", "ids_in_name", "match_folders", "match_names"]

# Without a roster: every run of ASCII letters and digits that contains a digit is a candidate;
# a name with two (``2024 013``) names several students and is reported, never joined.
DEFAULT_ID_PATTERN = r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]+(?![A-Za-z0-9])"
PLAIN_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MOODLE_SUFFIX = re.compile(r"_assign(?:submission|feedback)_[a-z]+_?$")


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UsageError(_("--id-pattern {pattern!r} is not a valid regular expression ({why}).").format(
            pattern=pattern, why=exc)) from None


def _found(match: re.Match[str]) -> str:
    if "id" in match.re.groupindex:
        return match.group("id") or ""
    return (match.group(1) if match.re.groups else match.group(0)) or ""


def ids_in_name(name: str, roster_ids: list[str] | None = None, id_pattern: str | None = None) -> list[str]:
    """The distinct 学号 a folder name names, in order of appearance.

    With ``id_pattern`` the pattern decides; otherwise, with a roster, every roster id that
    appears as a token; without either, every token of letters and digits containing a digit.
    """
    text = MOODLE_SUFFIX.sub("", name)
    if id_pattern is not None:
        found = [_found(m) for m in _compile(id_pattern).finditer(text)]
        if roster_ids is not None:
            found = [f for f in found if f in roster_ids]
    elif roster_ids is not None:
        hits = []
        for sid in roster_ids:
            for m in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(sid) + r"(?![A-Za-z0-9])", text):
                hits.append((m.start(), sid))
        found = [sid for _pos, sid in sorted(hits)]
    elif PLAIN_ID.match(text) and text == name:
        found = [text]
    else:
        found = re.findall(DEFAULT_ID_PATTERN, text)
    return list(dict.fromkeys(f for f in found if f))


@dataclass
class Matching:
    """Who handed in what: folders per student, and every name that could not be placed."""

    folders: dict[str, str] = field(default_factory=dict)
    """student id -> the one folder name that is theirs"""
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    """student id -> the two or more folder names that claim that student (none is graded)"""
    unmatched: list[str] = field(default_factory=list)
    """folder names in which no student id was found"""
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    """folder name -> the several student ids it names"""
    missing: list[str] = field(default_factory=list)
    """roster ids with no folder at all"""

    def problems(self, roster: Roster | None = None) -> list[str]:
        """One sentence per name that was not matched to exactly one student."""
        out = []
        for sid, names in sorted(self.conflicts.items()):
            student = roster.get(sid) if roster else None
            hint = ""
            if student and student.name:
                own = [n for n in names if student.name in n]
                if len(own) == 1:
                    hint = _(" (only {folder} carries the roster name {name})").format(folder=own[0], name=student.name)
            out.append(_("The folders {folders} all claim student {id}; none of them is graded until only one is left{hint}.")
                       .format(folders=", ".join(repr(n) for n in names), id=sid, hint=hint))
        for name, ids in sorted(self.ambiguous.items()):
            out.append(_("The folder {folder!r} names several students ({ids}); it is not graded.").format(
                folder=name, ids=", ".join(ids)))
        for name in self.unmatched:
            out.append(_("The folder {folder!r} matches no student on the roster; it is not graded.").format(folder=name)
                       if roster else
                       _("No student id found in the folder name {folder!r}; it is not graded.").format(folder=name))
        return out


def match_names(names: list[str], roster: Roster | None = None, id_pattern: str | None = None) -> Matching:
    """Match folder names to students (see the module docstring); nothing is renamed or merged."""
    roster_ids = roster.ids if roster else None
    claims: dict[str, list[str]] = {}
    result = Matching()
    for name in sorted(names):
        ids = ids_in_name(name, roster_ids, id_pattern)
        if not ids:
            result.unmatched.append(name)
        elif len(ids) > 1:
            result.ambiguous[name] = ids
        else:
            claims.setdefault(ids[0], []).append(name)
    for sid, claimed in claims.items():
        if len(claimed) == 1:
            result.folders[sid] = claimed[0]
        else:
            result.conflicts[sid] = claimed
    if roster:
        result.missing = [sid for sid in roster.ids if sid not in claims]
    return result


def match_folders(root: str | Path, roster: Roster | None = None, id_pattern: str | None = None) -> Matching:
    """Match the sub-folders of ``root`` (hidden ones and symbolic links left out) to students."""
    root = Path(root)
    names = [p.name for p in root.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")]
    return match_names(names, roster, id_pattern)
