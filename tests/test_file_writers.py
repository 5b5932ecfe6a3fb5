"""Every file the kit writes goes through the one atomic writer (labkit.files): all or nothing.

The scan reads the package's source: a call that writes a file (``write_text``, ``to_csv``,
``to_excel``, ``save``, ``open(..., "w")`` …) must write to a path that a ``staged_file`` /
``staged_files`` block gave, or to a parameter of its function, and then every call of that
function must pass such a path. Calls that write to memory (``to_html()``, ``savefig(buffer)``)
are not file writes.
"""
from __future__ import annotations

import ast
import os
import stat
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from labkit.files import staged_file, staged_files

PACKAGE = Path(__file__).resolve().parents[1] / "labkit"
WRITE_METHODS = {"write_text", "write_bytes", "to_csv", "to_excel", "to_parquet", "to_json", "to_html", "save",
                 "savefig", "ExcelWriter"}
STAGERS = {"staged_file", "staged_files", "path"}  # ``files.path(name)`` of a staged_files block
#: Writes that are not files people open, each with its reason.
NOT_FILES = {
    ("grading/cgroup.py", "write_text"): "the kernel's cgroup interface (/sys/fs/cgroup), not a file",
    ("grading/runner.py", "open"): "the kernel's private connection file, created O_EXCL 0600 in a private folder",
}


def _name(call: ast.Call) -> str:
    fn = call.func
    return fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")


def _target(call: ast.Call) -> ast.expr | None:
    """The path a write call writes to, or None when it writes to memory."""
    name = _name(call)
    if name == "open":
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        if not (isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax")):
            return None
        return call.args[0]
    if name in {"write_text", "write_bytes"}:
        return call.func.value if isinstance(call.func, ast.Attribute) else None
    first = call.args[0] if call.args else next(
        (k.value for k in call.keywords if k.arg in {"path", "path_or_buf", "buf", "excel_writer", "fname"}), None)
    if isinstance(first, ast.Call) and _name(first) == "str" and first.args:  # save(str(path))
        return first.args[0]
    return first


class _Module:
    """One parsed module, with each node's parent: where a write call is and what its target is bound to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}

    def enclosing(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return node
        return None

    def bound_by(self, name: str, at: ast.AST) -> str:
        """How ``name`` got its value in the function around ``at``: staged, parameter, memory or unknown."""
        scope = self.enclosing(at)
        if scope is not None and name in {a.arg for a in (*scope.args.args, *scope.args.kwonlyargs)}:
            return "parameter"
        body = scope if scope is not None else self.tree
        for node in ast.walk(body):
            if isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name:
                        return self._kind(item.context_expr)
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return self._kind(node.value)
        return "unknown"

    def _kind(self, value: ast.expr) -> str:
        if isinstance(value, ast.Call):
            name = _name(value)
            if name in STAGERS:
                return "staged"
            if name in {"BytesIO", "StringIO"}:
                return "memory"
            if name == "ExcelWriter" and value.args and isinstance(value.args[0], ast.Name):
                return self.bound_by(value.args[0].id, value)
        return "unknown"


@cache
def _modules(root: Path) -> tuple[tuple[Path, _Module], ...]:
    """Every module under ``root``, parsed once for all the scans."""
    return tuple((path, _Module(path)) for path in sorted(root.rglob("*.py")))


def _writes(root: Path = PACKAGE) -> list[tuple[str, int, str, str, str]]:
    """(module, line, call, how the target is bound, enclosing function name) of every file write."""
    found = []
    for path, module in _modules(root):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(module.tree):
            if not (isinstance(node, ast.Call) and _name(node) in WRITE_METHODS | {"open"}):
                continue
            target = _target(node)
            if target is None or (rel, _name(node)) in NOT_FILES:
                continue
            kind = module.bound_by(target.id, node) if isinstance(target, ast.Name) else "unknown"
            if kind == "memory":
                continue
            scope = module.enclosing(node)
            found.append((rel, node.lineno, _name(node), kind, getattr(scope, "name", "<lambda>")))
    return found


def _calls_of(module_name: str, function: str) -> list[tuple[str, int, str]]:
    """(module, line, how the path argument is bound) at every call of ``module_name.function``,
    under any name it is imported as (``from labkit.teaching.html_out import write_html as writer``)."""
    calls = []
    for path, module in _modules(PACKAGE):
        here = "labkit." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        names = {function} if here == module_name else set()
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and node.module == module_name:
                names |= {alias.asname or alias.name for alias in node.names if alias.name == function}
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                arg = node.args[1] if len(node.args) >= 2 else None
                kind = module.bound_by(arg.id, node) if isinstance(arg, ast.Name) else "unknown"
                calls.append((path.relative_to(PACKAGE).as_posix(), node.lineno, kind))
    return calls


def test_the_scan_sees_the_writers() -> None:
    """The scan is not blind: it finds the kit's known writers, staged."""
    writes = {(m, call) for m, _, call, kind, _ in _writes() if kind == "staged"}
    assert {("grading/gradebook.py", "write_text"), ("world/storage.py", "to_excel"),
            ("files.py", "to_csv")} <= writes


def test_the_scan_flags_a_write_in_place(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(
        "import io\n"
        "def report(frame, out):\n"
        "    buffer = io.BytesIO()\n"
        "    frame.to_csv(buffer)\n"                       # memory: not a file
        "    frame.to_csv(out / 'report.csv')\n"           # in place: flagged
        "    with open(out / 'log.txt', 'w') as f:\n"      # in place: flagged
        "        f.write('x')\n", encoding="utf-8")
    assert [(line, call, kind) for _, line, call, kind, _ in _writes(tmp_path)] == [(5, "to_csv", "unknown"),
                                                                                    (6, "open", "unknown")]


def test_every_file_write_goes_through_the_atomic_writer() -> None:
    unstaged = [w for w in _writes() if w[3] not in {"staged", "parameter"}]
    assert unstaged == [], "write through labkit.files.staged_file / staged_files:\n" + "\n".join(map(str, unstaged))


def test_functions_that_write_to_a_given_path_are_given_a_staged_one() -> None:
    """``write_docx(doc, path)`` writes where it is told: every caller tells it a staged path."""
    writers = {("labkit." + m.removesuffix(".py").replace("/", "."), function)
               for m, _, _, kind, function in _writes() if kind == "parameter" and function != "<lambda>"}
    assert ("labkit.teaching.docx_out", "write_docx") in writers
    calls = {w: _calls_of(*w) for w in sorted(writers)}
    assert all(calls.values()), calls  # each is called somewhere, or it would be dead code
    bad = [(w, call) for w, found in calls.items() for call in found if call[2] not in {"staged", "parameter"}]
    assert bad == []


def test_staged_files_move_into_place_together_or_not_at_all(tmp_path: Path) -> None:
    with staged_files(tmp_path / "out") as files:
        a, b = files.path("a.csv"), files.path("b.csv")
        pd.DataFrame({"x": [1]}).to_csv(a)
        b.write_text("b")
        assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.csv", "b.csv"]
    with pytest.raises(OSError), staged_files(tmp_path / "out") as files:
        files.path("a.csv").write_text("new")
        raise OSError("disk full")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.csv", "b.csv"]
    assert "x" in (tmp_path / "out" / "a.csv").read_text()


def test_written_files_are_readable_by_the_group_as_the_umask_says(tmp_path: Path) -> None:
    """mkstemp makes a private file; a handout in a shared folder must be readable (umask 022)."""
    old = os.umask(0o022)
    try:
        with staged_file(tmp_path / "handout.txt") as tmp:
            tmp.write_text("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "handout.txt").stat().st_mode) == 0o644
