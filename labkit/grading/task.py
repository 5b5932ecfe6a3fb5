"""One grading task (评分任务): the notebooks of one student, graded on their world built once.

:func:`grade_submission` runs the pipeline for one notebook, one step per module: collect ->
run in the sandbox -> decode answers -> compare -> flag. :func:`grade_student` does that for every
notebook of one student; :mod:`labkit.grading.grade` runs the tasks in a process pool and
:mod:`labkit.grading.cluster` on a Dask cluster.
"""
from __future__ import annotations

from labkit.checks import STUDENT_ID_ENV
from labkit.errors import LabkitError
from labkit.grading.answers import collected_answers, extraction_source
from labkit.grading.collect import submitted_code
from labkit.grading.exercise import Exercise, given_imports
from labkit.grading.flags import flag_forbidden
from labkit.grading.sandbox import Limits, run_cells
from labkit.grading.score import notebook_notes, score
from labkit.grading.student_world import StudentWorld
from labkit.grading.submission import Outcome, Submission, error_rows
from labkit.i18n import _, get_language, using_language

__all__ = ["by_student", "failed_task", "grade_student", "grade_submission", "student_world"]


def grade_submission(sub: Submission, ex: Exercise, limits: Limits, bwrap: str | None,
                     world: StudentWorld | None = None) -> Outcome:
    """Grade one submission; every failure ends as rows with a status and a message, never an exception.

    ``world``: the student's world of this batch, shared with the kernel (built here when not given)."""
    if world is None:
        with StudentWorld(sub.student_id, [ex]) as own:
            return grade_submission(sub, ex, limits, bwrap, own)
    outcome = Outcome(sub, [])
    try:
        code = submitted_code(sub)
        outcome.language = code.language
        with using_language(code.language or get_language()):  # feedback in the notebook's language
            result = run_cells(code.sources, extraction_source([q.variable for q in ex.questions], limits.answer_bytes),
                               limits, bwrap, {STUDENT_ID_ENV: sub.student_id, "LABKIT_LANG": get_language()},
                               shared=world.folder, prepare=world.build, preload=given_imports(ex))
            outcome.answers = collected_answers(result, ex)
            rows = flag_forbidden(score(outcome, ex, world), ex, code)
            outcome.rows = rows + notebook_notes(outcome, ex, result.report or {}, limits.output_bytes)
    except LabkitError as exc:
        outcome.rows = error_rows(sub, ex, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad submission never stops the batch
        outcome.rows = error_rows(sub, ex, _("grading failed: {error}").format(error=f"{type(exc).__name__}: {exc}")[:500])
    return outcome


def student_world(subs: list[Submission], exercises: dict[str, Exercise]) -> StudentWorld:
    """The world of the student who handed in ``subs`` (not built yet), for every exercise among them."""
    return StudentWorld(subs[0].student_id, [exercises[s.exercise] for s in subs])


def grade_student(subs: list[Submission], exercises: dict[str, Exercise], limits: Limits,
                  bwrap: str | None, world: StudentWorld | None = None) -> list[Outcome]:
    """Grade the notebooks of one student (one task of the batch): their world is built once for all.

    ``world``: that student's :func:`student_world`, built already or not (made and removed here when not given)."""
    if world is None:
        with student_world(subs, exercises) as own:
            return grade_student(subs, exercises, limits, bwrap, own)
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
