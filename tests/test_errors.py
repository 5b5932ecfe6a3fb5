"""One error tree (labkit.errors): a student's mistake never surfaces as a bare ValueError."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from labkit import errors
from labkit.errors import DataError, LabkitError, UsageError

PKG = Path(__file__).resolve().parents[1] / "labkit"

#: Where a bare ValueError is right: a bug of the kit's own code, never a user's input.
PROGRAMMING_ERRORS = {
    "errors.py": "InvalidRecord built without a problem",
    "grading/compare.py": "an answer spec of a type the grader has no comparison for",
}


def _bare_value_errors(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            call = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(call, ast.Name) and call.id == "ValueError":
                lines.append(node.lineno)
    return lines


def test_no_bare_value_error_outside_the_programming_errors() -> None:
    found = {str(p.relative_to(PKG)): _bare_value_errors(p) for p in PKG.rglob("*.py")}
    offenders = {path: lines for path, lines in found.items() if lines and path not in PROGRAMMING_ERRORS}
    assert offenders == {}, "raise UsageError (bad arguments) or DataError (bad data) from labkit.errors instead"
    stale = [path for path in PROGRAMMING_ERRORS if not found.get(path)]
    assert stale == [], "PROGRAMMING_ERRORS lists modules that raise no ValueError any more"


def test_the_tree_has_one_root_and_keeps_value_error_compatible() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, Exception):
            assert issubclass(cls, LabkitError), name
    for cls in (UsageError, DataError, errors.InvalidRecord, errors.FitError):
        assert issubclass(cls, ValueError)


@pytest.mark.parametrize("call, kind", [
    (lambda: __import__("labkit.clv", fromlist=["x"]).customer_clv(100, 1.5, 0.1, 5), UsageError),
    (lambda: __import__("labkit.surveys", fromlist=["x"]).nps(["a", "b"]), DataError),
])
def test_a_students_mistake_raises_a_labkit_error(call, kind) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kind):
        call()
