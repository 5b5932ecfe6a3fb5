"""Grading on a Dask cluster (分布式评分): ``labkit grade --scheduler ADDRESS``.

Each task is one student's notebooks (they share one world), graded by
:func:`~labkit.grading.task.grade_student` in the same sandbox as a local run, on whichever
worker Dask gives it. A worker checks its own sandbox once (bubblewrap may be missing or blocked
there), and the grading log says how many tasks ran without it. The submissions folder must be
readable at the same path on every worker (a shared folder); the gradebook is written by the
process that called ``labkit grade``, as in a local run, so the result is the same row for row.
Needs the optional extra: ``pip install 'labkit[dask]'``.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

from labkit.errors import LabkitError
from labkit.grading.exercise import Exercise
from labkit.grading.sandbox import Limits, bwrap_path
from labkit.grading.submission import Outcome, Submission
from labkit.grading.task import failed_task, grade_student
from labkit.i18n import _, using_language

__all__ = ["run_on_cluster"]


@cache
def _worker_sandbox() -> str | None:
    """This worker's bubblewrap, tried once per worker process."""
    return bwrap_path()


def _task(group: list[Submission], exercises: dict[str, Exercise], limits: Limits,
          language: str) -> tuple[list[Outcome], bool]:
    """One student's notebooks on a worker: (their outcomes, whether the real sandbox held)."""
    bwrap = _worker_sandbox()
    with using_language(language):
        return grade_student(group, exercises, limits, bwrap), bwrap is not None


def run_on_cluster(address: str, groups: list[list[Submission]], exercises: dict[str, Exercise], limits: Limits,
                   language: str, done: Callable[[int], object]) -> tuple[list[Outcome], int]:
    """Grade every student's task on the cluster at ``address``; (outcomes, tasks that ran without bubblewrap).

    ``done(n)`` is called as each task's n notebooks come back (the progress bar)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise LabkitError(_("--scheduler needs Dask distributed: pip install 'labkit[dask]'")) from None
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise LabkitError(_("cannot reach the Dask scheduler at {address}: {error}").format(
            address=address, error=exc)) from None
    outcomes: list[Outcome] = []
    unsandboxed = 0
    with client:
        futures = {client.submit(_task, group, exercises, limits, language, pure=False,
                                 key=f"labkit-grade-{index}"): group for index, group in enumerate(groups)}
        for future in as_completed(futures):
            group = futures[future]
            try:
                graded, sandboxed = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is error rows, not a lost batch
                graded, sandboxed = failed_task(group, exercises, exc), True
            outcomes += graded
            unsandboxed += not sandboxed
            done(len(group))
    return outcomes, unsandboxed
