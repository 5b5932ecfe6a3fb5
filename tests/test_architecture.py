"""Data flows one way: a layer imports only from the layers below it (tools/layers.toml).

The ladder is declared once, in ``tools/layers.toml``; CONTRIBUTING.md shows it and its tree
of ``labkit/``, and this module checks that both are the real ones. Every import counts:
absolute, relative (``from ..world import schema``), bare ``import labkit``, inside functions
and under ``if TYPE_CHECKING``. No module is exempt, and no two modules import each other
(directly or round a longer circle).
"""
from __future__ import annotations

import ast
import re
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "labkit"
LADDER_FILE = ROOT / "tools" / "layers.toml"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


@cache
def ladder() -> dict:
    return tomllib.loads(LADDER_FILE.read_text(encoding="utf-8"))


@cache
def levels() -> dict[str, int]:
    out: dict[str, int] = {}
    for rung in ladder()["rung"]:
        for member in rung["members"]:
            assert member not in out, f"{member} is on two rungs of tools/layers.toml"
            out[member] = rung["level"]
    return out


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of labkit by dotted name (packages by their own name)."""
    return {_module_name(p): p for p in PKG.rglob("*.py")}


def _top(path: Path) -> str:
    return path.relative_to(PKG).parts[0].removesuffix(".py")


def level_of(path: Path) -> int:
    if path.name == ladder()["commands_module"]:
        return levels()["cli"]
    if path == PKG / "__init__.py":
        return levels()["__init__"]
    return levels()[_top(path)]


def _resolve(name: str, node: ast.ImportFrom | None, here: str, is_package: bool) -> str:
    if node is None or node.level == 0:
        return name
    base = here.split(".")
    drop = node.level - 1 if is_package else node.level
    base = base[: len(base) - drop]
    return ".".join(base + ([name] if name else []))


def imported_modules(path: Path) -> set[str]:
    """The labkit modules ``path`` imports, by dotted name, wherever the import statement is."""
    here = _module_name(path)
    is_package = path.name == "__init__.py"
    known = modules()
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node, here, is_package)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    out = set()
    for name in found:
        if name != "labkit" and not name.startswith("labkit."):
            continue
        while name not in known:  # labkit.world.schema.Column -> labkit.world.schema
            name = name.rpartition(".")[0]
        out.add(name)
    return out - {here}


def test_every_module_has_a_rung() -> None:
    tops = {_top(p) for p in PKG.rglob("*.py")}
    missing = sorted(tops - set(levels()))
    stale = sorted(set(levels()) - tops)
    assert missing == [], f"add these to a rung of tools/layers.toml: {missing}"
    assert stale == [], f"tools/layers.toml names modules that do not exist: {stale}"


def test_imports_point_downwards() -> None:
    known = modules()
    bad = []
    for name, path in sorted(known.items()):
        mine = level_of(path)
        for target in sorted(imported_modules(path)):
            if level_of(known[target]) > mine:
                bad.append(f"{name} imports {target}")
    assert bad == []


def test_relative_and_bare_imports_are_followed(tmp_path: Path) -> None:
    """The scanner sees ``from ..x import y`` and ``import labkit`` (else the rule could be dodged)."""
    known = modules()
    world = known["labkit.world.schema"]
    probe = world.parent / "_probe_relative.py"
    source = "from ..grading import grade\nfrom . import storage\nimport labkit\n"
    try:
        probe.write_text(source, encoding="utf-8")
        modules.cache_clear()
        assert imported_modules(probe) == {"labkit.grading.grade", "labkit.world.storage", "labkit"}
    finally:
        probe.unlink()
        modules.cache_clear()


def test_nothing_imports_grading() -> None:
    allowed = set(ladder()["grading_importers"]) | {"grading"}
    offenders = [name for name, path in sorted(modules().items())
                 if _top(path) not in allowed and path.name != ladder()["commands_module"]
                 and any(m.startswith("labkit.grading") for m in imported_modules(path))]
    assert offenders == []


def _circles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), i.e. import circles."""
    graph = {name: sorted(imported_modules(path)) for name, path in modules().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_no_import_circles() -> None:
    assert _circles() == []


# ---- CONTRIBUTING.md shows the real ladder and the real tree ---------------------------------

def _block(name: str) -> str:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    match = re.search(rf"<!-- {name}: begin -->\n(.*?)<!-- {name}: end -->", text, re.S)
    assert match, f"CONTRIBUTING.md lacks the <!-- {name}: begin/end --> block"
    return match.group(1)


def ladder_markdown() -> str:
    """The ladder as CONTRIBUTING.md shows it (lowest rung first)."""
    lines = ["```", "rung  may import rungs at or below it"]
    for rung in sorted(ladder()["rung"], key=lambda r: r["level"]):
        lines.append(f"{rung['level']:>4}  {rung['name']:<11} {', '.join(rung['members'])}")
    lines += ["```", ""]
    return "\n".join(lines)


def test_contributing_shows_the_ladder() -> None:
    assert _block("ladder") == ladder_markdown(), (
        "CONTRIBUTING.md's ladder differs from tools/layers.toml; paste this between the markers:\n"
        + ladder_markdown())


def tree_entries() -> set[str]:
    """The names CONTRIBUTING's tree shows directly under ``labkit/`` (``world/``, ``cli.py`` ...)."""
    entries: set[str] = set()
    inside = False
    for line in _block("tree").splitlines():
        if line.startswith("labkit/"):
            inside = True
        elif inside and re.match(r"  \S", line):
            head = re.match(r"  (\S.*?)(?:\s{2,}|$)", line)
            assert head
            entries |= {name.strip() for name in head.group(1).split(",") if name.strip()}
        elif inside and not line.startswith("    "):
            inside = False
    return entries


def real_entries() -> set[str]:
    return {p.name if p.suffix == ".py" else f"{p.name}/" for p in PKG.iterdir()
            if p.suffix == ".py" or (p / "__init__.py").is_file() or p.name in ("data", "locale")}


def test_contributing_tree_is_the_real_tree() -> None:
    shown = tree_entries()
    assert sorted(real_entries() - shown) == [], "CONTRIBUTING's tree of labkit/ lacks these"
    assert sorted(shown - real_entries()) == [], "CONTRIBUTING's tree of labkit/ shows what does not exist"
