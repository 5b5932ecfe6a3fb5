"""The student's working folder (实训工作区): lessons and student exercises, copied once.

A copy is made only where the student has no file yet, so running ``labkit lab`` again never
overwrites an edited notebook; what was kept is reported. Masters and answer keys never
leave the package.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from labkit.errors import LabkitError
from labkit.files import staged_file
from labkit.i18n import _
from labkit.resources import lessons_dir, student_exercises_dir

__all__ = ["EXERCISES", "LESSONS", "Workspace", "default_folder", "prepare_workspace"]

#: Sub-folders of the working folder.
LESSONS = "lessons"
EXERCISES = "exercises"


@dataclass
class Workspace:
    """What :func:`prepare_workspace` did: the folder, the files copied and the student's files kept."""

    folder: Path
    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def default_folder() -> Path:
    """``~/labkit``: the working folder when none is given."""
    return Path.home() / "labkit"


def _copy_missing(source: Path, target: Path, done: Workspace) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for notebook in sorted(source.glob("*.ipynb")):
        copy = target / notebook.name
        if copy.exists():
            done.kept.append(copy)
            continue
        with staged_file(copy) as tmp:
            shutil.copyfile(notebook, tmp)
        done.copied.append(copy)


def prepare_workspace(folder: Path, lang: str | None = None) -> Workspace:
    """Copy the lessons and student exercises of ``lang`` into ``folder`` where they are missing."""
    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise LabkitError(_("{path} is a file, not a folder: choose another --dir").format(path=folder))
    sources = {LESSONS: lessons_dir(lang), EXERCISES: student_exercises_dir(lang)}
    done = Workspace(folder)
    try:
        for name, source in sources.items():
            _copy_missing(source, folder / name, done)
    except PermissionError:
        raise LabkitError(_("cannot write in {path}: choose a folder you own with --dir").format(
            path=folder)) from None
    return done
