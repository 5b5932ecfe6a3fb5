"""Step 1, collect (收集提交): find the submissions and read their code cells, safely.

Only regular files are submissions: each is opened without following links and without
blocking (a FIFO from a tar archive must not hang the batch), and its size and the size of
every code cell are checked before anything is parsed in the grader's own process.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat

from labkit.errors import LabkitError
from labkit.grading.exercise import Exercise
from labkit.grading.submission import Outcome, Submission, error_rows
from labkit.i18n import N_, _, notebook_language
from labkit.roster import Roster, match_folders

__all__ = ["MAX_CELL_BYTES", "MAX_NOTEBOOK_BYTES", "NOT_REGULAR", "TOO_LARGE", "SubmittedCode", "carried", "discover",
           "parse_code", "read_code", "read_regular_file", "submitted_code"]

MAX_NOTEBOOK_BYTES = 5 * 1024**2
MAX_CELL_BYTES = 64 * 1024  # parsing a cell costs the grader up to ~1 KB of memory per byte
TOO_LARGE = N_("the file is larger than 5 MB; clear the outputs and hand it in again")
NOT_REGULAR = N_("not a regular file (a pipe, device or socket); hand in the notebook file itself")


@dataclass(frozen=True)
class SubmittedCode:
    """The code cells of a submission (outputs and Markdown dropped) and the question each claims."""

    sources: list[str]
    questions: list[str]
    language: str | None = None  # metadata.labkit.language: the student's feedback is written in it


def discover(root: Path, exercises: dict[str, Exercise], roster: Roster | None = None,
             id_pattern: str | None = None, broken: dict[str, str] | None = None,
             ) -> tuple[list[Submission], list[Outcome], list[str]]:
    """Submissions to grade, error outcomes for notebooks that cannot be graded, and folder problems.

    Each folder is matched to one student by the 学号 in its name (:mod:`labkit.roster`); a
    folder that matches no one, several students, or a student another folder also claims is
    never graded under a rewritten name: it is reported by its own name (the third list).
    A notebook of an exercise in ``broken`` (a master that cannot be graded) gets an error row.
    """
    if not root.is_dir():
        raise LabkitError(_("{root} is not a folder of submissions (SUBMISSIONS/<student_id>/<exercise>.ipynb)")
                          .format(root=root))
    matching = match_folders(root, roster, id_pattern)
    subs: list[Submission] = []
    bad: list[Outcome] = []
    for student_id, folder in sorted(matching.folders.items()):
        for path in sorted((root / folder).glob("*.ipynb")):
            sub = Submission(student_id, path.stem, path)
            if path.stem in (broken or {}):
                bad.append(Outcome(sub, error_rows(sub, None, _(
                    "your instructor's master of this exercise cannot be graded yet; your notebook is kept "
                    "and graded once it is fixed"))))
            elif path.stem not in exercises:
                bad.append(Outcome(sub, error_rows(sub, None, _(
                    "no exercise called {name!r}; expected one of {names}").format(name=path.stem, names=sorted(exercises)))))
            else:
                subs.append(sub)
    return subs, bad, matching.problems(roster)


def read_regular_file(path: Path, dir_fd: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes and status of ``path`` (relative to ``dir_fd`` when given) if it is a regular file
    of at most :data:`MAX_NOTEBOOK_BYTES`; a link, pipe, device or socket is refused unopened."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0), dir_fd=dir_fd)
    except OSError as exc:
        try:
            mode = os.lstat(path, dir_fd=dir_fd).st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode):
            raise LabkitError(_("a symbolic link is not a submission; hand in the notebook file itself")) from None
        if mode and not stat.S_ISREG(mode):
            raise LabkitError(_(NOT_REGULAR)) from None
        raise LabkitError(_("the file could not be opened ({reason})").format(reason=exc.strerror)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise LabkitError(_(NOT_REGULAR))
        if info.st_size > MAX_NOTEBOOK_BYTES:
            raise LabkitError(_(TOO_LARGE))
        raw = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise LabkitError(_(TOO_LARGE))
    return raw, info


def carried(sub: Submission) -> Submission:
    """``sub`` with its notebook's bytes (read as :func:`read_regular_file` reads them), for a grading
    task that runs where the submissions folder is not (a Dask worker on another machine)."""
    return replace(sub, content=read_regular_file(sub.path)[0])


def read_code(path: Path) -> SubmittedCode:
    """The submission's code cells, each at most :data:`MAX_CELL_BYTES`; a clear error otherwise."""
    return parse_code(read_regular_file(path)[0])


def submitted_code(sub: Submission) -> SubmittedCode:
    """The code of ``sub``: from the bytes it carries (:func:`carried`), or read from its file."""
    return read_code(sub.path) if sub.content is None else parse_code(sub.content)


def parse_code(raw: bytes) -> SubmittedCode:
    """The code cells of a notebook's bytes, checked as a file is (size first, then each cell)."""
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise LabkitError(_(TOO_LARGE))
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
        cells = nb["cells"]
        if not isinstance(cells, list):
            raise TypeError
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, RecursionError,
            nbformat.reader.NotJSONError) as exc:
        raise LabkitError(_("this file is not a readable Jupyter notebook ({reason})")
                          .format(reason=type(exc).__name__)) from None
    sources: list[str] = []
    questions: list[str] = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) and all(isinstance(s, str) for s in source) else source
        if not isinstance(source, str):
            raise LabkitError(_("this file is not a readable Jupyter notebook (a cell's source is not text)"))
        if len(source.encode("utf-8")) > MAX_CELL_BYTES:
            raise LabkitError(_("code cell {n} is larger than {kb} KB; keep data in files, not in the code")
                              .format(n=len(sources) + 1, kb=MAX_CELL_BYTES // 1024))
        sources.append(source)
        meta = cell.get("metadata", {})
        label = meta.get("labkit", {}) if isinstance(meta, dict) else {}
        questions.append(str(label.get("question", "")) if isinstance(label, dict) else "")
    return SubmittedCode(sources, questions, notebook_language(nb.get("metadata", {})))
