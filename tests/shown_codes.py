"""Codes a lesson shows where a name exists (not a test module): the check of what students read.

The world stores codes (``buyer``, ``sms``, ``no_show``, ``CN``); what a lesson shows must name
them (采购商, 短信, 未到场, 中国). :func:`codes_shown` finds, in what a page shows, every code of an
enumeration of the kit (``labkit.plotting.names.NAME_SETS``, which tests/test_plotting_names.py
keeps complete, and the countries) shown on its own: a table cell or row label that is a code,
a column label that is a code and no column's name, a word of printed text that is a code. A
code beside its name (a data dictionary's ``buyer = 采购商``, a row holding both) is fine.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from labkit.i18n import using_language
from labkit.plotting.names import NAME_SETS
from labkit.reports.layout import COLUMN_LABELS
from labkit.widgets.search_table import HEADERS
from labkit.world.geography import countries, shown_country
from labkit.world.schema import TABLES

# a word of printed text; one in quotes is a literal to type (``report['satisfaction']``), not a name
_WORD = re.compile(r"(?<!['\"\w])[A-Za-z][A-Za-z0-9_]*(?!['\"\w])")


@cache
def known_codes(language: str) -> dict[str, frozenset[str]]:
    """Every code of an enumeration of the kit -> its names in ``language``."""
    names: dict[str, set[str]] = {}
    with using_language(language):
        for labels in NAME_SETS.values():
            for code in labels.codes:
                names.setdefault(code, set()).add(labels.text(code))
        for code in countries():
            names.setdefault(code, set()).add(shown_country(code))
    return {code: frozenset(found) for code, found in names.items()}


@cache
def column_names() -> frozenset[str]:
    """Names columns have (headers: another check's business), some of them also codes (``email``, ``attended``)."""
    return frozenset({c.name for t in TABLES for c in t.columns} | set(COLUMN_LABELS) | set(HEADERS))


def codes_shown(tables: Iterable[Mapping[str, Any]], texts: Iterable[str], language: str) -> list[str]:
    """What a page shows as bare codes. ``tables`` are ``{"rows": [[cell, ...], ...], "heads": [label, ...]}``:
    each body row's cells with its row labels, and the column labels of a column axis that has a
    name (``unstack``, ``crosstab``: the column labels are values, ``status`` codes; plain column
    names are headers, another check's business). ``texts`` are the printed outputs (a word in
quotes is a literal to type: ``['source', 'satisfaction']`` lists a report's keys). A cell that
    is also a column's name (``email``, ``phone`` in a list of fields) counts as a code only in a
    column holding other codes. Empty when every code is named."""
    known = known_codes(language)
    found = []
    for number, table in enumerate(tables):
        rows = table["rows"]
        enumerated = {i for row in rows for i, cell in enumerate(row) if cell in known and cell not in column_names()}
        for row in rows:
            shown = set(row)
            found += [f"table {number + 1}, row {row[:3]}: {cell}" for i, cell in enumerate(row)
                      if cell in known and not known[cell] & shown and (cell not in column_names() or i in enumerated)]
        found += [f"table {number + 1}, column label: {head}" for head in table["heads"] if head in known]
    for text in texts:
        words = set(_WORD.findall(text))
        found += [f"printed: {word} in {text[:80]!r}" for word in sorted(words)
                  if word in known and not any(name in text for name in known[word])]
    return found
