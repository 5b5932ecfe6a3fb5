"""Lesson and exercise prose renders as written: no sentence turned into a numbered list.

Markdown starts an ordered list wherever a line begins with a number and "." or ")" — a
sentence wrapped just before "1) and see ..." renders as a list item in JupyterLab. Every
markdown cell of every notebook (sources and the three generated languages) is read line by
line: a line inside running prose (not a heading, table, code block or list) must not begin
with such a number, unless the line before ends with a colon and the number starts a list
("Write your group's profile:" then "1. How many ...").
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p for d in ("notebooks", "exercises", "instructor") for p in (ROOT / d).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
NUMBERED = re.compile(r"^ {0,3}\d{1,9}[.)](\s|$)")
LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
BLOCK_START = re.compile(r"^ {0,3}(#{1,6}(\s|$)|\||>|<)")  # heading, table row, quote, HTML


def accidental_numbers(text: str) -> list[str]:
    """Lines of ``text`` that begin with "N." or "N)" in the middle of a paragraph of prose."""
    found: list[str] = []
    in_fence = in_list = False
    previous = ""  # the line before, "" after a blank line or a block that is not prose
    for line in text.splitlines():
        if FENCE.match(line):
            in_fence, previous = not in_fence, ""
            continue
        if in_fence:
            continue
        if not line.strip():
            previous = ""
            continue
        if LIST_ITEM.match(line):
            introduced = previous.rstrip().endswith((":", "：")) and line.lstrip().startswith("1")
            if NUMBERED.match(line) and previous and not in_list and not introduced:
                found.append(line.strip())
            in_list = True
        elif not previous and not line.startswith((" ", "\t")):
            in_list = False  # a new paragraph after a blank line ends any list
        previous = "" if BLOCK_START.match(line) else line
    return found


def test_the_check_finds_the_accident_and_spares_real_lists() -> None:
    assert accidental_numbers("Edit the shares (they must add up to\n1) and see.") == ["1) and see."]
    assert accidental_numbers("costs rose to\n2000. Then we saw") == ["2000. Then we saw"]
    real = "Questions:\n\n1. Which channel?\n   Why?\n2. Your split.\nstill item 2\n3. Done\n\nAfter."
    assert accidental_numbers(real) == []
    assert accidental_numbers("## 4. Plan\n\n### 1) Heading\n| 1. | x |\n```\n1) code\n```") == []
    assert accidental_numbers("- a\n- b\n\nProse then\n1) oops") == ["1) oops"]
    assert accidental_numbers("Write the profile:\n1. How many?\n2. Which?") == []
    assert accidental_numbers("in four steps. 1) lost, 2) lifetime,\n3) margin, 4) value") == ["3) margin, 4) value"]


def test_there_are_notebooks() -> None:
    assert any(p.parent.name == "zh_CN" for p in NOTEBOOKS) and any(p.parent.name == "ko_KR" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sentence_renders_as_a_numbered_list(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    found = {c.get("id", i): accidental_numbers(c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"}
    found = {k: v for k, v in found.items() if v}
    assert found == {}, f"a line begins with a number inside prose (rewrap the sentence): {found}"
