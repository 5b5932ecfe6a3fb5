"""One shape of API: every package has a complete ``__all__``; lessons import only public names."""
from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "labkit"
PACKAGES = sorted(".".join(p.parent.relative_to(ROOT).parts) for p in PKG.rglob("__init__.py")
                  if "_content" not in p.parts)
#: labkit's own top-level modules (labkit.errors, labkit.files ...) are public namespaces like packages
TOP_MODULES = sorted(f"labkit.{p.stem}" for p in PKG.glob("*.py") if p.stem not in ("__init__", "__main__"))
NAMESPACES = PACKAGES + TOP_MODULES
SOURCES = sorted([*(ROOT / "notebooks" / "source").glob("*.ipynb"), *(ROOT / "exercises" / "source").glob("*.ipynb")])


def _resolve(package: str, name: str) -> object:
    module = importlib.import_module(package)
    try:
        return getattr(module, name)
    except AttributeError:
        return importlib.import_module(f"{package}.{name}")  # a submodule listed as public


@pytest.mark.parametrize("package", NAMESPACES)
def test_every_package_has_a_complete_all(package: str) -> None:
    module = importlib.import_module(package)
    public = getattr(module, "__all__", None)
    assert isinstance(public, list), f"{package} has no __all__"
    assert len(public) == len(set(public)), f"{package}.__all__ lists a name twice"
    for name in public:
        assert name == "_" or not name.startswith("_"), f"{package}.__all__ lists the private name {name}"
        _resolve(package, name)
    lazy = getattr(module, "_lazy_where", {})
    assert sorted(set(lazy) - set(public)) == [], f"{package} exports names its __all__ does not list"


def _code_cells(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c.get("id", "?"), "".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code"]


def _labkit_imports(source: str) -> list[tuple[str, list[str]]]:
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "labkit":
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.split(".")[0] == "labkit"]
    return found


def deep_or_private_imports(source: str) -> list[str]:
    """The imports of a cell that reach past a package's ``__all__`` (a module path, a private name)."""
    bad = []
    for module, names in _labkit_imports(source):
        if not names:  # import labkit / import labkit.x.y
            if module != "labkit":
                bad.append(f"import {module}")
            continue
        if module not in NAMESPACES:
            bad.append(f"from {module} import ...: {module} is a module, import from its package")
            continue
        public = set(importlib.import_module(module).__all__)
        bad += [f"from {module} import {n}: not in {module}.__all__" for n in names
                if n not in public and f"{module}.{n}" not in PACKAGES]  # a subpackage is public
    return bad


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_lessons_and_exercises_import_only_public_names(path: Path) -> None:
    bad = [f"cell {cell}: {problem}" for cell, source in _code_cells(path) for problem in deep_or_private_imports(source)]
    assert bad == []


@pytest.mark.parametrize("source", [
    "from labkit.plotting.survey_charts import ipa_chart",
    "from labkit.clv.world_clv import world_summary",
    "from labkit.classification import _checks",
    "from labkit.files import _partial_name",
    "import labkit.world.schema",
])
def test_a_deep_or_private_import_is_caught(source: str) -> None:
    assert deep_or_private_imports(source) != []
