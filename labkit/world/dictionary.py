"""The data dictionary (数据字典) as Markdown, generated from schema.py.

``datasets/README.md`` is exactly :func:`data_dictionary_markdown`; a test fails when the
committed file is stale. Regenerate it with ``labkit schema --markdown > datasets/README.md``.
"""
from __future__ import annotations

from labkit.world import schema

INTRO = """# Datasets and data dictionary (数据集与数据字典)

<!-- generated from labkit/world/schema.py by `labkit schema --markdown`; do not edit by hand -->

`labkit datasets` builds the default classroom worlds into `worlds/<locale>/` of your labkit
data folder (`zh_CN` and `en_US`; Parquet files, and a `csv/` folder with one CSV per table):
`$LABKIT_HOME` when set, otherwise `~/.local/share/labkit` on Linux,
`%LOCALAPPDATA%\\labkit` on Windows, `~/Library/Application Support/labkit` on macOS. They are
build products, not committed. `labkit.load_world(locale=...)` reads them (or generates the same
world in memory), and `labkit generate --help` makes any other world.

Every world is synthetic: companies, people, phone numbers and e-mail addresses are invented.
Money columns are in the world's currency (CNY for zh_CN, USD for en_US, KRW for ko_KR).
Enumerations are stored as English codes; the Chinese label of each code is listed below.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(t: schema.Table) -> list[str]:
    kind = {"static": "static data 静态数据", "dynamic": "dynamic data 动态数据"}[t.kind]
    lines = [f"## `{t.name}` — {t.label_zh}", "", f"{t.description} ({kind}"
             + ("; only in worlds generated with defects" if t.optional else "") + ")", "",
             f"Primary key: `{t.primary_key}`."]
    if t.foreign_keys:
        lines.append("Foreign keys: " + ", ".join(f"`{fk.column}` → `{fk.references}`" for fk in t.foreign_keys) + ".")
    lines += ["", "| column | 中文 | type | null | description |", "|---|---|---|---|---|"]
    for c in t.columns:
        dtype = f"{c.dtype} ({c.enum})" if c.enum else c.dtype
        lines.append(f"| `{c.name}` | {c.label_zh} | {dtype} | {'yes' if c.nullable else 'no'} | {_cell(c.description)} |")
    return lines + [""]


def _enums() -> list[str]:
    lines = ["## Enumerations (枚举值)", "", "| enumeration | code | 中文 |", "|---|---|---|"]
    for name, enum in schema.ENUMS.items():
        lines += [f"| {name} | `{code}` | {label} |" for code, label in enum.labels_zh.items()]
    lines += ["", "## Survey items (问卷题项)", "", "| column | dimension | English | 中文 |", "|---|---|---|---|"]
    lines += [f"| `{col}` | {dim} | {en} | {zh} |" for col, (dim, en, zh) in schema.LIKERT_ITEMS.items()]
    return lines + [""]


def _measures() -> list[str]:
    lines = ["## Derived measures (派生指标)", "",
             "Money measures the analyses compute from the tables; different measures have different names.", "",
             "| measure | 中文 | computed by | what it is |", "|---|---|---|---|"]
    lines += [f"| `{m.name}` | {m.label_zh} | `{m.computed_by}` | {_cell(m.description)} |" for m in schema.MEASURES]
    return lines + [""]


def data_dictionary_markdown() -> str:
    """The whole data dictionary: every table, column, key and enumeration, English and Chinese."""
    lines = [INTRO, "## Tables (数据表)", ""]
    lines += [f"- `{t.name}` {t.label_zh}: {t.description}" for t in schema.TABLES]
    lines.append("")
    for t in schema.TABLES:
        lines += _table(t)
    lines += _enums()
    lines += _measures()
    return "\n".join(lines).rstrip() + "\n"
