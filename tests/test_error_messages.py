"""Every error message a student or instructor can meet is translated (错误信息的翻译).

The scan reads the package's source: building an error of the kit's tree (``labkit.errors`` and
every class derived from it) or an error a student's call can trigger (``KeyError`` for an
unknown name, ``AttributeError`` for ``World.<typo>`` …) with English text outside ``_()`` /
``N_()`` fails, wherever the error is built (``raise``, ``return``, a list of problems). Text
counts as English when it is an f-string with words, or a literal with a word and a space;
separators such as ``", "`` are not. A message kept in a variable is checked where the function
assigns it. Then real entry points are called in zh_CN and ko_KR and must answer in Chinese
and Korean, in the process and through the command line.
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import labkit
from labkit import errors
from labkit.errors import DataError, UnknownName, UsageError
from labkit.i18n import using_language

PKG = Path(__file__).resolve().parents[1] / "labkit"
TRANSLATORS = {"_", "N_", "ngettext"}
#: Built-in errors a student's or instructor's call can meet; they carry a translated message too.
REACHABLE = {"KeyError", "AttributeError", "TypeError", "LookupError", "IndexError", "FileNotFoundError"}
#: Errors left in English, each with its reason: no student or instructor can meet them.
ENGLISH_ON_PURPOSE = {
    ("world/schema.py", "TypeError"): "the schema's own consistency (enumerations, foreign keys), checked at import",
}
WORD = re.compile(r"[A-Za-z]{2}")


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _modules() -> dict[str, ast.Module]:
    trees = {}
    for path in sorted(PKG.rglob("*.py")):
        try:
            trees[str(path.relative_to(PKG))] = ast.parse(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # a probe module another test wrote into the package and removed meanwhile
            continue
    return trees


def kit_errors(trees: dict[str, ast.Module]) -> set[str]:
    """The error tree's classes and every class of the kit derived from one of them."""
    names = {n for n in errors.__all__ if isinstance(getattr(errors, n), type)
             and issubclass(getattr(errors, n), Exception)}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if (isinstance(node, ast.ClassDef) and node.name not in names
                        and any(_name(base) in names for base in node.bases)):
                    names.add(node.name)
                    grew = True
    return names


def english(node: ast.AST) -> bool:
    """True when ``node`` holds English words outside a ``_()`` / ``N_()`` call."""
    if isinstance(node, ast.Call) and _name(node.func) in TRANSLATORS:
        return False
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and WORD.search(str(v.value)) for v in node.values) or any(
            english(v) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value.strip() and bool(WORD.search(node.value))
    if isinstance(node, ast.Subscript):  # table["column name"] picks a value, it says nothing
        return english(node.value)
    return any(english(child) for child in ast.iter_child_nodes(node))


def untranslated(tree: ast.Module, error_names: set[str]) -> list[tuple[int, str]]:
    """(line, error) of every error built with an English message in ``tree``."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def assignments(name: str, at: ast.AST) -> list[ast.expr]:
        scope: ast.AST = at
        while scope in parents and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope = parents[scope]
        return [n.value for n in ast.walk(scope) if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]

    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _name(node.func) in error_names and node.args):
            continue
        message = node.args[0]
        sources = assignments(message.id, node) if isinstance(message, ast.Name) else [message]
        if any(english(source) for source in sources):
            found.append((node.lineno, _name(node.func)))
    return found


def test_every_error_a_student_can_meet_is_translated() -> None:
    trees = _modules()
    names = kit_errors(trees) | REACHABLE
    offenders = {}
    for path, tree in trees.items():
        lines = [f"{line} {error}" for line, error in untranslated(tree, names) if (path, error) not in ENGLISH_ON_PURPOSE]
        if lines:
            offenders[path] = lines
    assert offenders == {}, "wrap the message in _() and .format() after it (CONTRIBUTING.md, Languages)"


def test_the_english_left_on_purpose_is_still_there() -> None:
    trees = _modules()
    for (path, error), reason in ENGLISH_ON_PURPOSE.items():
        assert any(e == error for _, e in untranslated(trees[path], {error})), f"{path} {error}: {reason} (remove the entry)"


def test_the_kit_errors_include_the_tree_and_its_subclasses() -> None:
    names = kit_errors(_modules())
    assert {"UsageError", "DataError", "FitError", "InvalidRecord", "UnknownName", "ExerciseError"} <= names


@pytest.mark.parametrize("source, caught", [
    ('raise UsageError(f"unknown scale {scale!r}")', True),
    ('raise DataError("the summary has no customers")', True),
    ('return KeyError(f"no table {name!r}")', True),
    ('message = f"bad {x}"\nraise UsageError(message)', True),
    ('raise UsageError(_("x {a}").format(a=f"{b} cell {c}"))', True),
    ('raise UsageError(_("unknown scale {scale!r}").format(scale=scale))', False),
    ('raise DataError(_("missing: {c}").format(c=", ".join(cols)))', False),
    ('raise UsageError(str(exc)) from None', False),
    ('raise KeyError(qid)', False),
    ('raise DataError(_(TEMPLATE).format(role=ENUMS["role"].codes))', False),
    ('raise ValueError("a programming error of the kit")', False),  # tests/test_errors.py keeps these few
])
def test_the_scan_tells_english_from_translated(source: str, caught: bool) -> None:
    tree = ast.parse("def f():\n" + textwrap.indent(source, "    "))
    assert bool(untranslated(tree, {"UsageError", "DataError", "KeyError"})) is caught


def _world_typo() -> object:
    return labkit.World({"organisations": None}, "zh_CN").organisation  # type: ignore[dict-item]


def _unknown_table() -> object:
    from labkit.world import schema

    return schema.table("buyers")


def _unknown_country() -> object:
    from labkit.world import geography

    return geography.country_name("XX")


def _nps_of_words() -> object:
    from labkit.surveys import nps

    return nps(["a", "b"])


def _retention_above_one() -> object:
    from labkit.clv import customer_clv

    return customer_clv(100, 1.5, 0.1, 5)


@pytest.mark.parametrize("call, kind, zh, ko", [
    (lambda: labkit.generate_world(scale="big"), UsageError, "未知的规模 'big'", "알 수 없는 규모 'big'"),
    (_retention_above_one, UsageError, "必须不小于 0 且小于 1", "0 이상 1 미만이어야 합니다"),
    (_nps_of_words, DataError, "的分数必须是数字", "점수는 숫자여야 합니다"),
    (_unknown_country, UnknownName, "未知的国家 'XX'", "알 수 없는 국가 'XX'"),
    (_unknown_table, KeyError, "没有表 'buyers'", "'buyers' 표가 없습니다"),
    (_world_typo, AttributeError, "数据世界里没有名为 'organisation' 的表", "데이터 세계에 'organisation'라는 표"),
])
def test_a_students_mistake_is_told_in_chinese_and_korean(call, kind, zh: str, ko: str) -> None:  # type: ignore[no-untyped-def]
    for language, words in (("zh_CN", zh), ("ko_KR", ko)):
        with using_language(language), pytest.raises(kind) as refused:
            call()
        message = str(refused.value)
        assert words in message, (language, message)
        assert not (message[0] == message[-1] and message[0] in "'\""), "a KeyError's quotes around the sentence"


def test_an_unknown_name_is_a_usage_error_and_a_key_error() -> None:
    assert issubclass(UnknownName, UsageError) and issubclass(UnknownName, KeyError)
    assert str(UnknownName("no table 'buyers'")) == "no table 'buyers'"


def test_the_command_line_answers_in_the_session_language(tmp_path: Path) -> None:
    env = {**os.environ, "LABKIT_LANG": "ko_KR"}
    done = subprocess.run([sys.executable, "-m", "labkit", "generate", "--scale", "big", "--out", str(tmp_path / "w.sqlite")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "알 수 없는 규모 'big'" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
