"""Data flows one way: a layer imports only from the layers below it."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "labkit"

# Higher number = higher layer. A module may import labkit modules of its own layer or lower.
LAYERS: dict[str, float] = {
    "errors": 0,
    "i18n": 0,
    "files": 0,
    "lazy": 0,
    "resources": 0,
    "values": 0,
    "world": 1,
    "data": 1,
    "customerdb": 2,
    "facts": 2.5,  # business facts: above the customer database, below every analysis
    "classification": 3,
    "clv": 3,
    "surveys": 3,
    "complaints": 3,
    "relationship": 3.5,  # reads the classifications and the surveys
    "reports": 4,
    "plotting": 5,
    "widgets": 6,
    "checks": 6,
    "roster": 6,
    "assessment": 6,
    "teaching": 6,
    "grading": 7,
    "lab": 7,
    "cli": 8,
    "options": 8,
    "__init__": 8,
    "__main__": 8,
}


def _layer(parts: tuple[str, ...]) -> str:
    return parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {m for m in found if m == "labkit" or m.startswith("labkit.")}


def test_every_module_has_a_layer() -> None:
    missing = sorted({_layer(p.relative_to(PKG).parts) for p in PKG.rglob("*.py")} - set(LAYERS))
    assert missing == [], f"add these to LAYERS in tests/test_architecture.py: {missing}"


def test_imports_point_downwards() -> None:
    bad = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).parts
        here = _layer(rel)
        # commands.py modules are CLI glue: they sit at the cli layer.
        level = LAYERS["cli"] if rel[-1] == "commands.py" else LAYERS[here]
        for mod in _imports(path):
            parts = mod.split(".")[1:]
            if not parts:
                continue
            target = parts[0]
            if target not in LAYERS:
                continue
            if LAYERS[target] > level:
                bad.append(f"{'/'.join(rel)} imports {mod}")
    assert bad == []


def test_nothing_imports_grading() -> None:
    offenders = [
        str(p.relative_to(PKG))
        for p in PKG.rglob("*.py")
        if p.relative_to(PKG).parts[0] not in ("grading", "cli.py")
        and any(m.startswith("labkit.grading") for m in _imports(p))
    ]
    assert offenders == []
