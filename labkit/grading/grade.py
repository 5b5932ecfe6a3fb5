"""``labkit grade``: grade a folder of submissions into the gradebook (批量评分).

One submission goes through the pipeline in :func:`labkit.grading.task.grade_submission`, one
step per module: collect -> run in the sandbox -> decode answers -> compare -> flag; a task
(:func:`labkit.grading.task.grade_student`) does that for the notebooks of one student on their
world, built once; :func:`grade` runs every student's task (in a process pool, or on a Dask
cluster), flags copies across the class and records the rows.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from labkit.errors import LabkitError
from labkit.files import staged_file
from labkit.grading.collect import discover
from labkit.grading.custom import gradable
from labkit.grading.custom import specs as question_specs
from labkit.grading.exercise import Exercise
from labkit.grading.flags import expected_keys, flag_copies
from labkit.grading.gradebook import connect, expected_owners, export, record
from labkit.grading.sandbox import (
    FALLBACK_WARNING,
    Limits,
    bwrap_path,
    limit_mechanisms,
)
from labkit.grading.shard import Shard, in_shard
from labkit.grading.student_world import StudentWorld
from labkit.grading.submission import Outcome, Submission
from labkit.grading.task import by_student, failed_task, grade_student, student_world
from labkit.grading.timestamps import submission_time
from labkit.i18n import _, get_language
from labkit.roster import Roster

__all__ = ["Summary", "grade"]


@dataclass
class Summary:
    """What a batch did: notebooks graded, rows written, whether the real sandbox ran, warnings."""

    submissions: int
    rows: int
    sandboxed: bool
    warnings: list[str]


def _ahead(builder: ThreadPoolExecutor, group: list[Submission],
           exercises: dict[str, Exercise]) -> tuple[StudentWorld, Future[None]]:
    world = student_world(group, exercises)
    return world, builder.submit(world.build)


def _one_after_another(groups: list[list[Submission]], exercises: dict[str, Exercise], limits: Limits,
                       bwrap: str | None, update: Callable[[int], object]) -> list[Outcome]:
    """One worker: every student's task in turn, the next student's world built while this one's kernels run.

    The world is the grader's work for that student (generated once, then shared read-only with
    their kernels), so building it ahead changes no result: a build that failed is tried again
    in the task, which gives that student's error rows."""
    outcomes: list[Outcome] = []
    upcoming: tuple[StudentWorld, Future[None]] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="next-world") as builder:
        try:
            for index, group in enumerate(groups):
                world, built = upcoming or _ahead(builder, group, exercises)
                upcoming = None
                with world:
                    built.exception()  # wait for it; a failure is retried (and reported) by the task
                    if index + 1 < len(groups):
                        upcoming = _ahead(builder, groups[index + 1], exercises)
                    outcomes += grade_student(group, exercises, limits, bwrap, world)
                update(len(group))
        finally:
            if upcoming is not None:  # interrupted: the world built ahead is removed too
                upcoming[1].exception()
                upcoming[0].__exit__(None, None, None)
    return outcomes


def _run_all(subs: list[Submission], exercises: dict[str, Exercise], limits: Limits, bwrap: str | None,
             workers: int, progress: bool, scheduler: str | None) -> tuple[list[Outcome], int]:
    """Every student's task, here or on the Dask cluster at ``scheduler``; (outcomes, tasks without bubblewrap)."""
    from tqdm.auto import tqdm

    outcomes: list[Outcome] = []
    groups = by_student(subs)
    with tqdm(total=len(subs), desc="grading", unit="notebook", disable=not progress) as bar:
        if scheduler is not None:
            from labkit.grading.cluster import run_on_cluster

            return run_on_cluster(scheduler, groups, exercises, limits, get_language(), bar.update)
        unsandboxed = len(groups) if bwrap is None else 0
        if workers <= 1:
            return _one_after_another(groups, exercises, limits, bwrap, bar.update), unsandboxed
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(grade_student, group, exercises, limits, bwrap): group for group in groups}
            for future in as_completed(futures):
                group = futures[future]
                try:
                    outcomes += future.result()
                except Exception as exc:  # noqa: BLE001 - a dead worker is error rows, not a dead batch
                    outcomes += failed_task(group, exercises, exc)
                bar.update(len(group))
    return outcomes, unsandboxed


def grade(submissions: Path, results: Path, masters: Path, workers: int = 1, limits: Limits | None = None,
          progress: bool = True, students: list[str] | None = None, only_exercises: list[str] | None = None,
          roster: Roster | None = None, id_pattern: str | None = None, keep_decisions: bool = True,
          shard: Shard | None = None, scheduler: str | None = None) -> Summary:
    """Grade every submission under ``submissions`` (or only ``students``', only ``only_exercises``) into ``results``.

    With a ``roster``, each folder is matched to a roster student by the 学号 in its name; folders
    that match no one or claim one student together are reported in the warnings, by name.
    Re-grading keeps the instructor's scores of unchanged open answers and every override,
    unless ``keep_decisions`` is false. With ``shard`` (i, N) only that part of the class is
    graded, and copies are not flagged yet: :func:`labkit.grading.shard.merge` does that over
    the whole class. With ``scheduler`` (a Dask scheduler's address) every student's notebooks are
    one task on that cluster (:mod:`labkit.grading.cluster`), each in the same sandbox.
    """
    limits = limits or Limits()
    exercises, broken = gradable(masters)
    unknown = [name for name in only_exercises or [] if name not in exercises and name not in broken]
    if unknown:
        raise LabkitError(_("--exercise {name!r} is not one of the masters: {names}").format(
            name=unknown[0], names=", ".join(sorted(exercises))))
    subs, outcomes, problems = discover(submissions, exercises, roster, id_pattern, broken)
    if students:
        subs = [s for s in subs if s.student_id in students]
        outcomes = [o for o in outcomes if o.submission.student_id in students]
    if shard:
        subs = [s for s in subs if in_shard(s.student_id, shard)]
        outcomes = [o for o in outcomes if in_shard(o.submission.student_id, shard)]
    if only_exercises:
        subs = [s for s in subs if s.exercise in only_exercises]
        outcomes = [o for o in outcomes if o.submission.exercise in only_exercises]
    bwrap = bwrap_path() if scheduler is None else None  # on a cluster each worker tries its own
    graded, unsandboxed = _run_all(subs, exercises, limits, bwrap, workers, progress, scheduler)
    outcomes += graded
    fallback = [_(FALLBACK_WARNING)] if unsandboxed or (scheduler is None and bwrap is None) else []
    warnings = fallback + list(broken.values()) + problems
    specs = {name: question_specs(ex) for name, ex in exercises.items()}
    db = connect(results)
    if shard is None or shard[1] == 1:
        warnings += flag_copies(outcomes, specs, expected_owners(db))
    for outcome in outcomes:
        sub = outcome.submission
        evidence = {q: (outcome.answers[q], e) for q, e in outcome.expected.items() if q in outcome.answers}
        record(db, sub.student_id, sub.exercise, outcome.rows, outcome.open_answers, keep_decisions,
               expected_keys(outcome, specs), evidence, submission_time(sub.path), outcome.language)
    export(db, results)
    db.close()
    sandboxed = not unsandboxed and (scheduler is not None or bwrap is not None)
    log = {"sandbox": "bubblewrap" if sandboxed else "fallback", "limits": limit_mechanisms(limits),
           "warnings": warnings, "shard": f"{shard[0]}/{shard[1]}" if shard else None,
           "engine": f"dask {scheduler}" if scheduler else f"{workers} local worker(s)",
           "tasks_without_bubblewrap": unsandboxed}
    with staged_file(results / "grading_log.json") as tmp:
        tmp.write_text(json.dumps(log, indent=1, ensure_ascii=False), encoding="utf-8")
    return Summary(len(subs), sum(len(o.rows) for o in outcomes), sandboxed, warnings)
