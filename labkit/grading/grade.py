"""``labkit grade``: grade a folder of submissions into the gradebook (批量评分).

``SUBMISSIONS/<student_id>/<exercise>.ipynb``: the student id is the folder name, never
anything inside the notebook. Each submission runs in its own sandboxed kernel
(:mod:`labkit.grading.sandbox`); only its answers come back, as JSON, and are compared with the
reference answers for that student's own world here, in the grader's process.
"""
from __future__ import annotations

import json
import os
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from labkit.checks import STUDENT_ID_ENV, public_problems, public_specs
from labkit.errors import LabkitError
from labkit.grading import reference
from labkit.grading.answers import decode, extraction_source
from labkit.grading.astscan import forbidden_uses
from labkit.grading.compare import compare
from labkit.grading.encoder import encode
from labkit.grading.exercise import Exercise, find_masters
from labkit.grading.gradebook import Row, connect, export, record
from labkit.grading.sandbox import FALLBACK_WARNING, Limits, bwrap_path, run_cells
from labkit.i18n import get_language, notebook_language, using_language

STUDENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_NOTEBOOK_BYTES = 5 * 1024**2
NOTEBOOK = "(notebook)"


@dataclass(frozen=True)
class Submission:
    student_id: str
    exercise: str
    path: Path


@dataclass
class Outcome:
    """The rows of one submission, plus its answers and expected values (JSON) for copy detection."""

    submission: Submission
    rows: list[Row]
    answers: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)
    open_answers: dict[str, str] = field(default_factory=dict)


def _error_rows(sub: Submission, ex: Exercise | None, message: str) -> list[Row]:
    if ex is None:
        return [Row(sub.student_id, sub.exercise, NOTEBOOK, 0.0, 0.0, "error", message)]
    return [Row(sub.student_id, sub.exercise, q.id, 0.0, q.points, "error", message) for q in ex.questions]


def discover(root: Path, exercises: dict[str, Exercise]) -> tuple[list[Submission], list[Outcome]]:
    """Submissions to grade, and ready-made error outcomes for entries that cannot be graded."""
    if not root.is_dir():
        raise LabkitError(f"{root} is not a folder of submissions (SUBMISSIONS/<student_id>/<exercise>.ipynb)")
    subs: list[Submission] = []
    bad: list[Outcome] = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.is_symlink() or folder.name.startswith("."):
            continue
        for path in sorted(folder.glob("*.ipynb")):
            sub = Submission(folder.name, path.stem, path)
            if not STUDENT_ID.match(folder.name):
                safe = re.sub(r"[^A-Za-z0-9_-]", "_", folder.name)[:40] or "_"
                sub = Submission(safe, path.stem, path)
                bad.append(Outcome(sub, _error_rows(sub, None, "the folder name is not a valid student id (letters, digits, - and _)")))
            elif path.stem not in exercises:
                bad.append(Outcome(sub, _error_rows(sub, None, f"no exercise called {path.stem!r}; expected one of {sorted(exercises)}")))
            elif path.is_symlink():
                bad.append(Outcome(sub, _error_rows(sub, exercises[path.stem], "a symbolic link is not a submission; hand in the notebook file itself")))
            else:
                subs.append(sub)
    return subs, bad


def _read_notebook(path: Path) -> tuple[list[str], list[str]]:
    """The submission's code cell sources and the question each claims (outputs, markdown dropped)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise LabkitError("the file is larger than 5 MB; clear the outputs and hand it in again")
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
        cells = nb["cells"]
        if not isinstance(cells, list):
            raise TypeError
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, nbformat.reader.NotJSONError) as exc:
        raise LabkitError(f"this file is not a readable Jupyter notebook ({type(exc).__name__})") from None
    sources, questions = [], []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) and all(isinstance(s, str) for s in source) else source
        if not isinstance(source, str):
            raise LabkitError("this file is not a readable Jupyter notebook (a cell's source is not text)")
        sources.append(source)
        meta = cell.get("metadata", {})
        label = meta.get("labkit", {}) if isinstance(meta, dict) else {}
        questions.append(str(label.get("question", "")) if isinstance(label, dict) else "")
    return sources, questions


def _world(exercise: str, student_id: str) -> Any:
    if not reference.module(exercise).NEEDS_WORLD:
        return None
    import labkit

    return labkit.load_world(student_id=student_id)


def _flags(ex: Exercise, sources: list[str], cell_questions: list[str]) -> dict[str, list[str]]:
    """Forbidden calls per question (a cell of no question counts against every question)."""
    forbidden = reference.module(ex.name).FORBIDDEN
    found: dict[str, list[str]] = {}
    for source, qid in zip(sources, cell_questions):
        uses = forbidden_uses(source, forbidden)
        targets = [qid] if qid in {q.id for q in ex.questions} else [q.id for q in ex.questions]
        for target in targets if uses else []:
            found.setdefault(target, []).extend(uses)
    return found


def _question_row(sub: Submission, ex: Exercise, qid: str, encoded: Any, world: Any, expected: dict[str, Any],
                  outcome: Outcome) -> Row:
    q = ex.question(qid)
    spec = public_specs(ex.name)[qid]
    present, answer = decode(encoded)
    row = lambda score, status, msg: Row(sub.student_id, ex.name, qid, score, q.points, status, msg)  # noqa: E731
    if not present:
        kind = encoded.get("kind") if isinstance(encoded, dict) else None
        why = {"missing": f"{q.variable} is not defined", "too_large": "the answer is too large to grade"}.get(
            kind, "the answer could not be read")
        return row(0.0, "not_answered", why)
    if answer is None:
        return row(0.0, "not_answered", f"{q.variable} is still None")
    problems = public_problems(spec, answer, world)
    if problems:
        return row(0.0, "incorrect", "; ".join(problems))
    if q.kind == "open":
        outcome.open_answers[qid] = answer
        return row(0.0, "pending_review", "your instructor scores this answer with the rubric")
    ok, message = compare(spec, answer, expected[qid])
    return row(q.points if ok else 0.0, "correct" if ok else "incorrect", message)


def _no_answers_reason(report: dict[str, Any]) -> str:
    if report.get("kernel_died"):
        return "the kernel died (the notebook ended its own process, crashed, or hit the memory or CPU limit)"
    if report.get("stuck") or any(isinstance(e, dict) and e.get("cell") == "extract" and e.get("ename") == "CellTimeout"
                                  for e in report.get("errors", [])):
        return "the kernel was still busy when the answers were collected (a cell that ignores interrupts?)"
    return "no answers came back from the notebook (did a cell change how IPython runs code?)"


def _language_of(path: Path) -> str | None:
    """The display language the handed-in notebook was generated in (``metadata.labkit.language``)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            metadata = json.loads(handle.read(MAX_NOTEBOOK_BYTES + 1).decode("utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return None
    return notebook_language(metadata)


def grade_submission(sub: Submission, ex: Exercise, limits: Limits, bwrap: str | None) -> Outcome:
    """Grade one submission, with its messages in the language of the notebook handed in (反馈语言)."""
    with using_language(_language_of(sub.path) or get_language()):
        return _graded(sub, ex, limits, bwrap)


def _graded(sub: Submission, ex: Exercise, limits: Limits, bwrap: str | None) -> Outcome:
    """Grade one submission; every failure ends as rows with a status and a message, never an exception."""
    outcome = Outcome(sub, [])
    try:
        sources, cell_questions = _read_notebook(sub.path)
        variables = [q.variable for q in ex.questions]
        result = run_cells(sources, extraction_source(variables, limits.answer_bytes), limits, bwrap,
                           {STUDENT_ID_ENV: sub.student_id})
        report = result.report or {}
        if result.problem or report.get("kernel_died") or not isinstance(report.get("answers"), dict):
            reason = result.problem or _no_answers_reason(report)
            outcome.rows = _error_rows(sub, ex, reason)
            return outcome
        world = _world(ex.name, sub.student_id)
        outcome.answers = {q.id: report["answers"].get(q.variable) for q in ex.questions}
        expected = {q.id: reference.expected(ex.name, q.id, world) for q in ex.questions if q.kind == "answer"}
        outcome.expected = {qid: encode(value) for qid, value in expected.items()}
        rows = [_question_row(sub, ex, q.id, outcome.answers[q.id], world, expected, outcome) for q in ex.questions]
        flags = _flags(ex, sources, cell_questions)
        rows = [
            Row(r.student_id, r.exercise, r.question, r.score, r.max_score, "flagged",
                f"{r.message}; calls {', '.join(sorted(set(flags[r.question])))} (the exercise asks you to compute it yourself)")
            if r.question in flags else r
            for r in rows
        ]
        notes = [f"cell {e.get('cell')}: {e.get('ename')}: {e.get('evalue')}" for e in report.get("errors", [])[:5]
                 if isinstance(e, dict)]
        if report.get("flooded"):
            notes.insert(0, f"output was cut after {limits.output_bytes // 1024} KB and the flooding cell interrupted")
        if notes:
            rows.append(Row(sub.student_id, ex.name, NOTEBOOK, 0.0, 0.0, "warning", " | ".join(notes)[:2000]))
        outcome.rows = rows
    except LabkitError as exc:
        outcome.rows = _error_rows(sub, ex, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad submission never stops the batch
        outcome.rows = _error_rows(sub, ex, f"grading failed: {type(exc).__name__}: {exc}"[:500])
    return outcome


@dataclass
class Summary:
    submissions: int
    rows: int
    sandboxed: bool
    warnings: list[str]


def grade(submissions: Path, results: Path, masters: Path, workers: int = 1, limits: Limits | None = None,
          progress: bool = True, students: list[str] | None = None) -> Summary:
    """Grade every submission under ``submissions`` (or only ``students``') into ``results``."""
    from tqdm.auto import tqdm

    from labkit.grading.copycheck import flag_copies

    limits = limits or Limits()
    exercises = {ex.name: ex for ex in find_masters(masters)}
    subs, outcomes = discover(submissions, exercises)
    if students:
        subs = [s for s in subs if s.student_id in students]
        outcomes = [o for o in outcomes if o.submission.student_id in students]
    bwrap = bwrap_path()
    warnings = [] if bwrap else [FALLBACK_WARNING]
    db = connect(results)
    bar = tqdm(total=len(subs), desc="grading", unit="notebook", disable=not progress)
    if workers <= 1:
        for sub in subs:
            outcomes.append(grade_submission(sub, exercises[sub.exercise], limits, bwrap))
            bar.update()
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(grade_submission, s, exercises[s.exercise], limits, bwrap): s for s in subs}
            for future in as_completed(futures):
                sub = futures[future]
                try:
                    outcomes.append(future.result())
                except Exception as exc:  # noqa: BLE001 - a dead worker is one error row, not a dead batch
                    outcomes.append(Outcome(sub, _error_rows(sub, exercises[sub.exercise], f"grading failed: {type(exc).__name__}")))
                bar.update()
    bar.close()
    flag_copies(outcomes, {name: public_specs(name) for name in exercises})
    for outcome in outcomes:
        sub = outcome.submission
        record(db, sub.student_id, sub.exercise, outcome.rows, outcome.open_answers)
    export(db, results)
    db.close()
    (results / "grading_log.json").write_text(json.dumps({"sandbox": "bubblewrap" if bwrap else "fallback",
                                                          "warnings": warnings}, indent=1), encoding="utf-8")
    return Summary(len(subs), sum(len(o.rows) for o in outcomes), bwrap is not None, warnings)
