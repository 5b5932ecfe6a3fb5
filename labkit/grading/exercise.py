"""Master exercise notebooks (母版练习) and their student and answer-key versions.

A master marks solutions with ``### BEGIN SOLUTION`` / ``### END SOLUTION`` and hidden tests
with ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` (the markers nbgrader and otter-grader
users know). Each answer cell carries ``metadata.labkit = {"question": "q1", "points": 2,
"kind": "answer" | "open", "variable": "q1_answer"}``; check cells carry ``kind: "check"``.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import nbformat

from labkit.errors import LabkitError
from labkit.i18n import _

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
PLACEHOLDER = "# YOUR CODE HERE (在此作答): replace None with your answer"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
GRADED_KINDS = ("answer", "open")


class ExerciseError(LabkitError):
    """A master notebook is not well formed (markers, metadata)."""


@dataclass(frozen=True)
class Question:
    """One graded question (题目): id, points, how it is graded and the variable holding the answer."""

    id: str
    points: float
    kind: str
    variable: str


@dataclass(frozen=True)
class Exercise:
    """A master (母版) and its questions; ``folder`` is set for a custom exercise (自编练习) whose
    checks and reference answers sit beside it (:mod:`labkit.grading.custom`)."""

    name: str
    path: Path
    notebook: Any
    questions: tuple[Question, ...]
    folder: Path | None = None

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


def _meta(cell: Any) -> dict[str, Any]:
    return dict(cell.get("metadata", {}).get("labkit", {}))


def _blocks(source: str, begin: str, end: str, where: str) -> list[tuple[int, int]]:
    """(begin line, end line) pairs of a marker kind; unbalanced markers are an error."""
    lines = source.splitlines()
    spans, start = [], None
    for i, line in enumerate(lines):
        text = line.strip()
        if text == begin:
            if start is not None:
                raise ExerciseError(_("{where}: {begin!r} twice without {end!r}").format(where=where, begin=begin, end=end))
            start = i
        elif text == end:
            if start is None:
                raise ExerciseError(_("{where}: {end!r} without {begin!r}").format(where=where, end=end, begin=begin))
            spans.append((start, i))
            start = None
    if start is not None:
        raise ExerciseError(_("{where}: {begin!r} is never closed").format(where=where, begin=begin))
    return spans


def _replace(source: str, begin: str, end: str, where: str, keep: bool, filler: list[str] | None = None) -> str:
    lines = source.splitlines()
    out: list[str] = []
    cursor = 0
    for first, last in _blocks(source, begin, end, where):
        out += lines[cursor:first]
        if keep:
            out += lines[first + 1:last]
        elif filler is not None:
            indent = re.match(r"\s*", lines[first]).group(0)  # type: ignore[union-attr]
            out += [indent + f for f in filler]
        cursor = last + 1
    out += lines[cursor:]
    return "\n".join(out).strip("\n")


def load_master(path: Path) -> Exercise:
    """Read and validate a master notebook."""
    return master_from_notebook(nbformat.read(path, as_version=4), path)


def master_from_notebook(nb: Any, path: Path) -> Exercise:
    """Validate a master notebook already in memory (``path`` names it in messages and the exercise)."""
    questions: list[Question] = []
    for index, cell in enumerate(nb.cells):
        where = _("{notebook} cell {index}").format(notebook=path.name, index=index)
        meta = _meta(cell)
        if cell.cell_type == "code":
            _blocks(cell.source, BEGIN_HIDDEN, END_HIDDEN, where)
            solutions = _blocks(cell.source, BEGIN_SOLUTION, END_SOLUTION, where)
        else:
            solutions = []
        if meta.get("kind") in GRADED_KINDS:
            try:
                q = Question(str(meta["question"]), float(meta["points"]), meta["kind"], str(meta["variable"]))
            except KeyError as missing:
                raise ExerciseError(_("{where}: metadata.labkit needs {missing}").format(where=where, missing=missing)) from None
            if len(solutions) != 1 or f"{q.variable} =" not in cell.source:
                raise ExerciseError(_("{where}: an answer cell needs one solution block assigning {variable}").format(where=where, variable=q.variable))
            if q.points <= 0 or any(p.id == q.id for p in questions):
                raise ExerciseError(_("{where}: question {id!r} repeated or without positive points").format(where=where, id=q.id))
            questions.append(q)
        elif solutions:
            raise ExerciseError(_("{where}: solution markers outside an answer cell").format(where=where))
    if not questions:
        raise ExerciseError(_("{name}: no graded questions (metadata.labkit kind answer/open)").format(name=path.name))
    return Exercise(path.stem, path, nb, tuple(questions))


CUSTOM_CHECKS, CUSTOM_REFERENCE = "checks.json", "reference.py"


def master_paths(directory: Path) -> list[tuple[Path, Path | None]]:
    """(master, custom exercise folder or None) for every master of ``directory``.

    A master is a notebook directly in ``directory``, or ``NAME/NAME.ipynb`` in a custom exercise
    folder (自编练习) beside its ``checks.json`` and ``reference.py``. Other sub-folders
    (``release/``) are not masters.
    """
    if not directory.is_dir():
        raise LabkitError(_("{path} is not a folder of master notebooks").format(path=directory))
    found: list[tuple[Path, Path | None]] = [(p, None) for p in sorted(directory.glob("*.ipynb"))]
    found += [(sub / f"{sub.name}.ipynb", sub) for sub in sorted(directory.iterdir())
              if sub.is_dir() and (sub / f"{sub.name}.ipynb").is_file()]
    if not found:
        raise LabkitError(_("no master notebooks (*.ipynb, or NAME/NAME.ipynb) in {path}").format(path=directory))
    return found


def find_masters(directory: Path) -> list[Exercise]:
    """Every master of ``directory`` (see :func:`master_paths`); the first malformed one is an error."""
    return [replace(load_master(path), folder=folder) for path, folder in master_paths(directory)]


def _version(ex: Exercise, solutions: bool) -> Any:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    if "labkit" in ex.notebook.metadata:  # the notebook's display language travels with it
        nb.metadata["labkit"] = dict(ex.notebook.metadata["labkit"])
    for index, cell in enumerate(ex.notebook.cells):
        where = f"{ex.path.name} cell {index}"
        meta = _meta(cell)
        source = cell.source
        if cell.cell_type == "code":
            source = _replace(source, BEGIN_HIDDEN, END_HIDDEN, where, keep=False)
            if meta.get("kind") in GRADED_KINDS:
                filler = [PLACEHOLDER, f"{meta['variable']} = None"]
                source = _replace(source, BEGIN_SOLUTION, END_SOLUTION, where, keep=solutions, filler=filler)
            new = nbformat.v4.new_code_cell(source)
        else:
            new = nbformat.v4.new_markdown_cell(source)
        new.pop("id", None)
        if meta:
            new.metadata["labkit"] = {k: meta[k] for k in ("question", "points", "kind") if k in meta}
        if meta.get("kind") == "check":
            new.metadata.update({"editable": False, "deletable": False})
        nb.cells.append(new)
    nb.nbformat_minor = 4
    return nb


def student_version(ex: Exercise) -> Any:
    """The notebook students get: placeholders instead of solutions, no hidden tests, checks locked."""
    return _version(ex, solutions=False)


def solution_version(ex: Exercise) -> Any:
    """The answer key as a student would submit it: solutions in, hidden tests out."""
    return _version(ex, solutions=True)


def given_imports(ex: Exercise) -> tuple[str, ...]:
    """The modules the cells students are given import (setup, checks: not the answers), in order.

    The grader's kernel imports them before the job arrives (:mod:`labkit.grading.runner`);
    what a student's own answer imports is never preloaded."""
    names: dict[str, None] = {}
    for cell in student_version(ex).cells:
        if cell.cell_type != "code" or _meta(cell).get("kind") in GRADED_KINDS:
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names[node.module] = None
    return tuple(names)


def notebook_text(nb: Any) -> str:
    return nbformat.writes(nb) + "\n"
