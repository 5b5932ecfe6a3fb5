"""Flag answer cells that call the reference implementations (调用参考实现检测) instead of computing.

A flag for the instructor, not a guarantee: the scan reads the code as written. It follows
imports, aliases, attributes, ``getattr``, ``importlib.import_module`` and ``__import__`` and
joins the string pieces it can see (``'labkit' + '.classification'``, f-strings, ``'.'.join``),
and a module name it cannot work out (built at run time) counts as a dynamic import. Code that
runs hidden behind ``exec`` of data, a file or the network can still escape it.
"""
from __future__ import annotations

import ast
import sys
from collections.abc import Iterable

from labkit.i18n import N_

__all__ = ["DYNAMIC_IMPORT", "UNSCANNABLE", "forbidden_uses", "referenced_modules"]

DYNAMIC_IMPORT = N_("a module name built at run time (importlib/__import__/getattr/exec)")
UNSCANNABLE = N_("code too deeply nested to check")
SCAN_DEPTH = 1000  # nesting deeper than this counts as code too deeply nested to check
_IMPORTERS = {"import_module", "__import__"}
_RUNNERS = {"exec", "eval", "compile"}


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _text(node: ast.AST) -> str | None:
    """The string an expression spells out of constants, or None when it is built at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        parts = [_text(v.value if isinstance(v, ast.FormattedValue) else v) for v in node.values]
        return "".join(parts) if all(p is not None for p in parts) else None  # type: ignore[arg-type]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
            and len(node.args) == 1 and isinstance(node.args[0], (ast.List, ast.Tuple))):
        glue = _text(node.func.value)
        parts = [_text(e) for e in node.args[0].elts]
        if glue is not None and all(p is not None for p in parts):
            return glue.join(parts)  # type: ignore[arg-type]
    return None


def _call_names(node: ast.Call, aliases: dict[str, str]) -> set[str]:
    """Module names an import_module/__import__/getattr call reaches (DYNAMIC_IMPORT if unknown)."""
    func = _dotted(node.func) or ""
    last = func.rpartition(".")[2]
    if last in _IMPORTERS and node.args:
        name = _text(node.args[0])
        return {name} if name is not None else {DYNAMIC_IMPORT}
    if func == "getattr" and len(node.args) >= 2:
        owner, attr = _dotted(node.args[0]), _text(node.args[1])
        if owner is None:
            return set()
        head, _, rest = owner.partition(".")
        owner = aliases.get(head, head) + ("." + rest if rest else "")
        if not owner.startswith("labkit") and owner not in ("importlib", "builtins", "__builtins__"):
            return set()
        return {f"{owner}.{attr}"} if attr is not None else {DYNAMIC_IMPORT}
    if func in _RUNNERS and node.args and _text(node.args[0]) is None:
        return {DYNAMIC_IMPORT}
    return set()


def referenced_modules(source: str) -> set[str]:
    """Dotted names a cell imports, uses as attributes or spells in a string (for import_module)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(SCAN_DEPTH)  # the same answer whatever the process set, and no C stack overflow
    try:
        tree = ast.parse(source)
        nodes = list(ast.walk(tree))
    except SyntaxError:
        return set()
    except (RecursionError, MemoryError):
        return {UNSCANNABLE}
    finally:
        sys.setrecursionlimit(limit)
    names: set[str] = set()
    aliases: dict[str, str] = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
            aliases |= {alias.asname: alias.name for alias in node.names if alias.asname}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
            aliases |= {alias.asname or alias.name: f"{node.module}.{alias.name}" for alias in node.names}
    for node in nodes:
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted:
                names.add(dotted)
        elif isinstance(node, ast.Call):
            names |= _call_names(node, aliases)
        elif isinstance(node, (ast.Constant, ast.BinOp, ast.JoinedStr)):
            text = _text(node)
            if text is not None and text.startswith("labkit."):
                names.add(text)
    expanded = set()
    for name in names:
        head, _, rest = name.partition(".")
        expanded.add(aliases[head] + ("." + rest if rest else "") if head in aliases else name)
    return names | expanded


def forbidden_uses(source: str, forbidden: Iterable[str]) -> list[str]:
    """The forbidden module prefixes ``source`` refers to, sorted (and any name it cannot check)."""
    names = referenced_modules(source)
    found = {p for p in forbidden for n in names if n == p or n.startswith(p + ".")}
    return sorted(found | (names & {DYNAMIC_IMPORT, UNSCANNABLE}))
