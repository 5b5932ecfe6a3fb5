"""``labkit collect``: the class server's hand-ins (收作业), from each JupyterHub user's home folder.

On a school JupyterHub every student has a home folder (``/home/<user>``, or what the spawner's
``home_dir_template`` says). :func:`collect` looks in each for the notebooks of the exercises
(``quiz.ipynb``, ``lab1_classification.ipynb`` ..., at most a few folders deep, hidden folders
and ``.ipynb_checkpoints`` left out) and copies them to ``SUBMISSIONS/<学号>/<exercise>.ipynb``
with their modification time (the hand-in time the late policy reads). With a roster the hub
login is mapped to the 学号 (the roster's 账号 column, else the login is the 学号); a login on
no roster is reported by name and not collected.

It runs as root on the server, in folders students own: nothing is followed. Every folder is
opened relative to its parent without following links, every notebook is read as a regular file
only (:func:`labkit.grading.collect.read_regular_file`), so a link to ``/etc/shadow``, a pipe or
a 5 GB file is a line in the report, never a copy.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from labkit.errors import LabkitError
from labkit.files import staged_file
from labkit.grading.collect import read_regular_file
from labkit.i18n import _
from labkit.roster import Roster
from labkit.roster.table import VALID_ID

__all__ = ["MAX_DEPTH", "Collected", "collect"]

MAX_DEPTH = 4  # ~/quiz.ipynb, ~/handout/quiz.ipynb, ~/labkit/exercises/quiz.ipynb ...
SKIPPED = frozenset({".ipynb_checkpoints", "__pycache__", "node_modules"})
_DIR_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_DIRECTORY", 0)


@dataclass
class Collected:
    """What :func:`collect` did: per 学号 the exercises copied, and every problem by name."""

    copied: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _notebooks(fd: int, names: frozenset[str], depth: int, where: str) -> Iterator[tuple[str, int, str]]:
    """(exercise, directory fd, relative path) of each exercise notebook under the open folder ``fd``."""
    with os.scandir(fd) as entries:
        listing = sorted((e.name, e.is_dir(follow_symlinks=False), e.is_symlink()) for e in entries)
    for name, is_dir, is_link in listing:
        if name.startswith(".") or name in SKIPPED:
            continue
        if is_dir and not is_link and depth < MAX_DEPTH:
            try:
                sub = os.open(name, _DIR_FLAGS, dir_fd=fd)
            except OSError:
                continue  # swapped for a link or removed meanwhile: not followed
            try:
                yield from _notebooks(sub, names, depth + 1, f"{where}/{name}")
            finally:
                os.close(sub)
        elif not is_dir and name.endswith(".ipynb") and name[:-6] in names:  # a link is refused unread
            yield name[:-6], fd, f"{where}/{name}"


def _student(user: str, roster: Roster | None) -> str | None:
    if roster is None:
        return user if VALID_ID.match(user) else None
    found = roster.by_hub_user(user)
    return found.student_id if found else None


def collect(homes: Path, out: Path, exercises: list[str], roster: Roster | None = None) -> Collected:
    """Copy each hub user's exercise notebooks from ``homes/<user>/`` to ``out/<学号>/<exercise>.ipynb``.

    Several copies of one exercise in one home: the most recently saved one is taken and the
    others are named in the problems. Nothing is written for a login that matches no one.
    """
    if not homes.is_dir():
        raise LabkitError(_("{path} is not the folder of the hub users' home folders").format(path=homes))
    names = frozenset(exercises)
    result = Collected()
    for home in sorted(homes.iterdir()):
        user = home.name
        if user.startswith(".") or home.is_symlink() or not home.is_dir():
            continue
        student = _student(user, roster)
        if student is None:
            result.problems.append(_("hub user {user} is not on the roster; nothing collected from {home}").format(
                user=user, home=home))
            continue
        try:
            top = os.open(home, _DIR_FLAGS)
        except OSError as exc:
            result.problems.append(_("{home}: cannot be read ({reason})").format(home=home, reason=exc.strerror))
            continue
        found: dict[str, list[tuple[float, bytes, str]]] = {}
        try:
            for exercise, fd, where in _notebooks(top, names, 1, user):
                try:
                    raw, info = read_regular_file(Path(where.rsplit("/", 1)[1]), dir_fd=fd)
                except LabkitError as exc:
                    result.problems.append(_("{path}: {problem}").format(path=where, problem=exc))
                    continue
                found.setdefault(exercise, []).append((info.st_mtime, raw, where))
        finally:
            os.close(top)
        for exercise, copies in sorted(found.items()):
            copies.sort(key=lambda c: (c[0], c[2]), reverse=True)
            mtime, raw, where = copies[0]
            if len(copies) > 1:
                result.problems.append(_("{user}: {n} copies of {exercise}; took the last saved, {path} (not {others})")
                                       .format(user=user, n=len(copies), exercise=exercise, path=where,
                                               others=", ".join(c[2] for c in copies[1:])))
            target = out / student / f"{exercise}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            with staged_file(target) as tmp:
                tmp.write_bytes(raw)
                os.utime(tmp, (mtime, mtime))  # the hand-in time travels with the copy
            result.copied.setdefault(student, []).append(exercise)
    if roster is not None:
        result.problems += [_("{id} {name}: nothing handed in on the server").format(id=s.student_id, name=s.name)
                            for s in roster.students if s.student_id not in result.copied]
    return result
