"""Flag answer cells that call the reference implementations (调用参考实现检测) instead of computing."""
from __future__ import annotations

import ast
from collections.abc import Iterable


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def referenced_modules(source: str) -> set[str]:
    """Dotted names a cell imports, uses as attributes or spells in a string (for import_module)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
            aliases |= {alias.asname: alias.name for alias in node.names if alias.asname}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
            aliases |= {alias.asname or alias.name: f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted:
                names.add(dotted)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("labkit."):
            names.add(node.value)
    expanded = set()
    for name in names:
        head, _, rest = name.partition(".")
        expanded.add(aliases[head] + ("." + rest if rest else "") if head in aliases else name)
    return names | expanded


def forbidden_uses(source: str, forbidden: Iterable[str]) -> list[str]:
    """The forbidden module prefixes ``source`` refers to, sorted."""
    names = referenced_modules(source)
    return sorted({p for p in forbidden for n in names if n == p or n.startswith(p + ".")})
