"""``labkit release``: write the student versions (or answer keys) of every master (发布练习)."""
from __future__ import annotations

from pathlib import Path

from labkit.checks import CHECKS_SUFFIX
from labkit.files import staged_file
from labkit.grading.exercise import (
    CUSTOM_CHECKS,
    find_masters,
    notebook_text,
    solution_version,
    student_version,
)
from labkit.resources import masters_dir

__all__ = ["default_masters", "release"]


def default_masters() -> Path:
    """The kit's own master notebooks (母版): the one place that knows where they live. Those of the
    default language; question ids are the same in every language, so they grade all three."""
    return masters_dir()


def release(masters: Path, out: Path, solutions: bool = False) -> list[Path]:
    """Write one notebook per master into ``out``; all masters are checked before anything is written.

    A custom exercise (:mod:`labkit.grading.custom`) also gets its public checks beside the
    notebook, ``NAME.checks.json``, so that the student's ``check("q1")`` finds them."""
    version = solution_version if solutions else student_version
    texts: dict[str, str] = {}
    for ex in find_masters(masters):
        texts[f"{ex.name}.ipynb"] = notebook_text(version(ex))
        if ex.folder is not None:
            texts[ex.name + CHECKS_SUFFIX] = (ex.folder / CUSTOM_CHECKS).read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        with staged_file(out / name) as tmp:
            tmp.write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
