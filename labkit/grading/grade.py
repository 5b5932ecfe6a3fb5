"""``labkit grade``: grade a folder of submissions into the gradebook (批量评分).

One submission goes through the pipeline in :func:`grade_submission`, one step per module:
collect -> run in the sandbox -> decode answers -> compare -> flag; :func:`grade_student` does
that for the notebooks of one student on their world, built once (one task); :func:`grade` runs
every student's task (in a process pool, or on a Dask cluster), flags copies across the class and
records the rows.
"""
from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from labkit.checks import STUDENT_ID_ENV, public_specs
from labkit.errors import LabkitError
from labkit.grading.answers import collected_answers, extraction_source
from labkit.grading.collect import discover, read_code
from labkit.grading.exercise import Exercise, find_masters
from labkit.grading.flags import expected_keys, flag_copies, flag_forbidden
from labkit.grading.gradebook import connect, expected_owners, export, record
from labkit.grading.sandbox import (
    FALLBACK_WARNING,
    Limits,
    bwrap_path,
    limit_mechanisms,
    run_cells,
)
from labkit.grading.score import notebook_notes, score
from labkit.grading.shard import Shard, in_shard
from labkit.grading.student_world import StudentWorld
from labkit.grading.submission import Outcome, Submission, error_rows
from labkit.i18n import _, get_language, using_language
from labkit.roster import Roster

__all__ = ["Summary", "by_student", "failed_task", "grade", "grade_student", "grade_submission"]


def grade_submission(sub: Submission, ex: Exercise, limits: Limits, bwrap: str | None,
                     world: StudentWorld | None = None) -> Outcome:
    """Grade one submission; every failure ends as rows with a status and a message, never an exception.

    ``world``: the student's world of this batch, shared with the kernel (built here when not given)."""
    if world is None:
        with StudentWorld(sub.student_id, [sub.exercise]) as own:
            return grade_submission(sub, ex, limits, bwrap, own)
    outcome = Outcome(sub, [])
    try:
        code = read_code(sub.path)
        with using_language(code.language or get_language()):  # feedback in the notebook's language
            result = run_cells(code.sources, extraction_source([q.variable for q in ex.questions], limits.answer_bytes),
                               limits, bwrap, {STUDENT_ID_ENV: sub.student_id, "LABKIT_LANG": get_language()},
                               shared=world.folder, prepare=world.build)
            outcome.answers = collected_answers(result, ex)
            rows = flag_forbidden(score(outcome, ex, world), ex, code)
            outcome.rows = rows + notebook_notes(outcome, ex, result.report or {}, limits.output_bytes)
    except LabkitError as exc:
        outcome.rows = error_rows(sub, ex, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad submission never stops the batch
        outcome.rows = error_rows(sub, ex, _("grading failed: {error}").format(error=f"{type(exc).__name__}: {exc}")[:500])
    return outcome


def grade_student(subs: list[Submission], exercises: dict[str, Exercise], limits: Limits,
                  bwrap: str | None) -> list[Outcome]:
    """Grade the notebooks of one student (one task of the batch): their world is built once for all."""
    with StudentWorld(subs[0].student_id, [s.exercise for s in subs]) as world:
        return [grade_submission(s, exercises[s.exercise], limits, bwrap, world) for s in subs]


def by_student(subs: list[Submission]) -> list[list[Submission]]:
    """The submissions grouped per student, in the order of their first notebook."""
    groups: dict[str, list[Submission]] = {}
    for sub in subs:
        groups.setdefault(sub.student_id, []).append(sub)
    return list(groups.values())


def failed_task(group: list[Submission], exercises: dict[str, Exercise], exc: BaseException) -> list[Outcome]:
    """Error rows for every notebook of a task whose worker died: one bad task never ends the batch."""
    message = _("grading failed: {error}").format(error=type(exc).__name__)
    return [Outcome(s, error_rows(s, exercises[s.exercise], message)) for s in group]


@dataclass
class Summary:
    """What a batch did: notebooks graded, rows written, whether the real sandbox ran, warnings."""

    submissions: int
    rows: int
    sandboxed: bool
    warnings: list[str]


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
            for group in groups:
                outcomes += grade_student(group, exercises, limits, bwrap)
                bar.update(len(group))
            return outcomes, unsandboxed
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
    exercises = {ex.name: ex for ex in find_masters(masters)}
    unknown = [name for name in only_exercises or [] if name not in exercises]
    if unknown:
        raise LabkitError(_("--exercise {name!r} is not one of the masters: {names}").format(
            name=unknown[0], names=", ".join(sorted(exercises))))
    subs, outcomes, problems = discover(submissions, exercises, roster, id_pattern)
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
    warnings = ([_(FALLBACK_WARNING)] if unsandboxed or (scheduler is None and bwrap is None) else []) + problems
    specs = {name: public_specs(name) for name in exercises}
    db = connect(results)
    if shard is None or shard[1] == 1:
        warnings += flag_copies(outcomes, specs, expected_owners(db))
    for outcome in outcomes:
        sub = outcome.submission
        evidence = {q: (outcome.answers[q], e) for q, e in outcome.expected.items() if q in outcome.answers}
        record(db, sub.student_id, sub.exercise, outcome.rows, outcome.open_answers, keep_decisions,
               expected_keys(outcome, specs), evidence)
    export(db, results)
    db.close()
    sandboxed = not unsandboxed and (scheduler is not None or bwrap is not None)
    log = {"sandbox": "bubblewrap" if sandboxed else "fallback", "limits": limit_mechanisms(limits),
           "warnings": warnings, "shard": f"{shard[0]}/{shard[1]}" if shard else None,
           "engine": f"dask {scheduler}" if scheduler else f"{workers} local worker(s)",
           "tasks_without_bubblewrap": unsandboxed}
    (results / "grading_log.json").write_text(json.dumps(log, indent=1, ensure_ascii=False), encoding="utf-8")
    return Summary(len(subs), sum(len(o.rows) for o in outcomes), sandboxed, warnings)
