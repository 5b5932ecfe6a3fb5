"""A student's world for one batch (学生数据世界): built once, shared by the grader and every kernel.

Each exercise of a student is computed on that student's own world. It is built once per batch,
when the first of the student's notebooks starts its sandbox (while the kernel starts), kept in
memory for the grader's comparisons, and written into a folder that every kernel of that student
sees read-only, where ``labkit.load_world(student_id=...)`` picks it up instead of generating it.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Self

from labkit.grading.custom import reference_module
from labkit.grading.exercise import Exercise

__all__ = ["StudentWorld", "needs_world"]


def needs_world(ex: Exercise) -> bool:
    """Whether ``ex`` is computed on the student's world (the quiz is not)."""
    try:
        return bool(reference_module(ex).NEEDS_WORLD)
    except Exception:  # noqa: BLE001 - an exercise without reference answers has only error rows
        return False


class StudentWorld:
    """The world of ``student_id`` if any of ``exercises`` needs it; use it as a context manager.

    ``folder`` (with ``share``) is where the kernels find it, None when no exercise needs it."""

    def __init__(self, student_id: str, exercises: list[Exercise], share: bool = True) -> None:
        self.student_id = student_id
        self.needed = any(needs_world(ex) for ex in exercises)
        self.folder = Path(tempfile.mkdtemp(prefix="labkit-world-")) if self.needed and share else None
        self._world: Any = None

    def build(self) -> None:
        """Generate the world and share it with the kernels, the first time only."""
        if self.needed and self._world is None:
            from labkit.world.loading import load_world, share_world

            self._world = load_world(student_id=self.student_id)
            if self.folder is not None:
                share_world(self._world, self.folder)

    def for_exercise(self, ex: Exercise) -> Any:
        """The world the answers of ``ex`` are compared on (None for the quiz)."""
        if not needs_world(ex):
            return None
        self.build()
        return self._world

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
