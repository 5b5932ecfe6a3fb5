"""Grading on a Dask cluster (分布式评分): ``labkit grade --scheduler ADDRESS``.

Each task is one student's notebooks (they share one world), graded by
:func:`~labkit.grading.task.grade_student` in the same sandbox as a local run, on whichever
worker Dask gives it. A worker checks its own sandbox once (bubblewrap may be missing or blocked
there), and the grading log says how many tasks ran without it. No shared folder is needed: the
grader reads each notebook as collect does (a regular file, at most 5 MB, no link followed) and
the task carries its bytes; the worker checks them again (size, then each cell) before parsing.
The gradebook is written by the process that called ``labkit grade``, as in a local run, so the
result is the same row for row. (A custom exercise's ``reference.py`` and ``checks.json`` are
still read from its folder: give the workers the masters folder at the same path.)
Needs the optional extra: ``pip install 'labkit[dask]'``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from labkit.errors import LabkitError
from labkit.grading.collect import carried
from labkit.grading.exercise import Exercise
from labkit.grading.sandbox import Limits, bwrap_path
from labkit.grading.submission import Outcome, Submission, error_rows
from labkit.grading.task import failed_task, grade_student
from labkit.i18n import _, using_language

__all__ = ["IN_FLIGHT", "run_on_cluster"]

IN_FLIGHT = 64  # tasks sent at once: the scheduler never holds the whole class's notebooks


@cache
def _worker_sandbox() -> str | None:
    """This worker's bubblewrap, tried once per worker process."""
    return bwrap_path()


def _task(group: list[Submission], exercises: dict[str, Exercise], limits: Limits,
          language: str) -> tuple[list[Outcome], bool]:
    """One student's notebooks on a worker: (their outcomes, whether the real sandbox held)."""
    bwrap = _worker_sandbox()
    with using_language(language):
        outcomes = grade_student(group, exercises, limits, bwrap)
    for outcome in outcomes:  # the bytes do not travel back
        outcome.submission = replace(outcome.submission, content=None)
    return outcomes, bwrap is not None


def _carried(group: list[Submission], exercises: dict[str, Exercise]) -> tuple[list[Submission], list[Outcome]]:
    """The group's notebooks with their bytes; one that cannot be read is its error rows here."""
    ready: list[Submission] = []
    unreadable: list[Outcome] = []
    for sub in group:
        try:
            ready.append(carried(sub))
        except LabkitError as exc:
            unreadable.append(Outcome(sub, error_rows(sub, exercises[sub.exercise], str(exc))))
    return ready, unreadable


def run_on_cluster(address: str, groups: list[list[Submission]], exercises: dict[str, Exercise], limits: Limits,
                   language: str, done: Callable[[int], object]) -> tuple[list[Outcome], int]:
    """Grade every student's task on the cluster at ``address``; (outcomes, tasks that ran without bubblewrap).

    ``done(n)`` is called as each task's n notebooks come back (the progress bar). At most
    :data:`IN_FLIGHT` tasks are out at once: each carries its notebooks' bytes."""
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
    waiting = iter(enumerate(groups))
    with client:
        running = as_completed()
        owners: dict[Any, list[Submission]] = {}

        def send_next() -> None:
            for index, group in waiting:
                ready, unreadable = _carried(group, exercises)
                outcomes.extend(unreadable)
                done(len(unreadable))
                if ready:
                    future = client.submit(_task, ready, exercises, limits, language, pure=False,
                                           key=f"labkit-grade-{index}")
                    owners[future] = [replace(sub, content=None) for sub in ready]
                    running.add(future)
                    return

        for _slot in range(IN_FLIGHT):
            send_next()
        for future in running:
            group = owners.pop(future)
            try:
                graded, sandboxed = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is error rows, not a lost batch
                graded, sandboxed = failed_task(group, exercises, exc), True
            outcomes += graded
            unsandboxed += not sandboxed
            done(len(group))
            send_next()
    return outcomes, unsandboxed
