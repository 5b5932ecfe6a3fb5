"""``labkit release``: write the student versions (or answer keys) of every master (发布练习)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from labkit.grading.exercise import find_masters, notebook_text, solution_version, student_version
from labkit.resources import masters_dir

__all__ = ["default_masters", "release"]


def default_masters() -> Path:
    """The kit's own master notebooks (母版): the one place that knows where they live. Those of the
    default language; question ids are the same in every language, so they grade all three."""
    return masters_dir()


def release(masters: Path, out: Path, solutions: bool = False) -> list[Path]:
    """Write one notebook per master into ``out``; all masters are checked before anything is written."""
    version = solution_version if solutions else student_version
    texts = {ex.name: notebook_text(version(ex)) for ex in find_masters(masters)}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        target = out / f"{name}.ipynb"
        fd, tmp = tempfile.mkstemp(dir=out, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
        written.append(target)
    return written
