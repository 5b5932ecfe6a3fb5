"""The data dictionary (数据字典) as Markdown, generated from schema.py and the locales' data.

``datasets/README.md`` is exactly :func:`data_dictionary_markdown`; a test fails when the
committed file is stale. Regenerate it with ``labkit schema --markdown > datasets/README.md``.
"""
from __future__ import annotations

from labkit.i18n import N_, _, get_language
from labkit.world import schema
from labkit.world.geography import country_name
from labkit.world.locales import available_locales, world_locale

GENERATED = "<!-- generated from labkit/world/schema.py by `labkit schema --markdown`; do not edit by hand -->"
INTRO = N_("""# Datasets and data dictionary

`labkit datasets` builds the default classroom worlds into `worlds/<locale>/` of your labkit
data folder ({built}; Parquet files, and a `csv/` folder with one CSV per table):
`$LABKIT_HOME` when set, otherwise `~/.local/share/labkit` on Linux,
`%LOCALAPPDATA%\\labkit` on Windows, `~/Library/Application Support/labkit` on macOS. They are
build products, not committed. `labkit.load_world(locale=...)` reads them (or generates the same
world in memory), and `labkit generate --help` makes any other world.

Every world is synthetic: companies, people, phone numbers and e-mail addresses are invented.
Money columns are in the currency of the world's locale (`world.currency`), which each locale's
data give (`money` in `labkit/data/locales/<locale>/locale.json`): see "Locales" below.
Enumerations are stored as English codes; the name of each code is listed below.
""")


def _header(*names: str) -> str:
    """A Markdown table's header row and rule."""
    return "| " + " | ".join(names) + " |\n" + "|---" * len(names) + "|"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(t: schema.Table) -> list[str]:
    kind = _("static data") if t.kind == "static" else _("dynamic data")
    if t.optional:
        kind = _("{kind}; only in worlds generated with defects").format(kind=kind)
    lines = [f"## `{t.name}` — {t.label}", "", f"{t.display_description} ({kind})", "",
             _("Primary key: {key}.").format(key=f"`{t.primary_key}`")]
    if t.foreign_keys:
        lines.append(_("Foreign keys: {keys}.").format(
            keys=", ".join(f"`{fk.column}` → `{fk.references}`" for fk in t.foreign_keys)))
    lines += ["", _header(_("column"), _("label"), _("type"), _("null"), _("description"))]
    for c in t.columns:
        dtype = f"{c.dtype} ({c.enum})" if c.enum else c.dtype
        nullable = _("yes") if c.nullable else _("no")
        lines.append(f"| `{c.name}` | {c.label} | {dtype} | {nullable} | {_cell(c.display_description)} |")
    return lines + [""]


def _enums() -> list[str]:
    lines = ["## " + _("Enumerations"), "", _header(_("enumeration"), _("code"), _("label"))]
    for name, enum in schema.ENUMS.items():
        lines += [f"| {name} | `{code}` | {label.text} |" for code, label in enum.labels.items()]
    lines += ["", "## " + _("Survey items"), "", _header(_("column"), _("dimension or construct"), _("wording"))]
    items = {**schema.LIKERT_ITEMS, **schema.RELATIONSHIP_ITEMS}
    lines += [f"| `{col}` | {item.group} | {item.wording.text} |" for col, item in items.items()]
    return lines + [""]


def _measures() -> list[str]:
    lines = ["## " + _("Derived measures"), "",
             _("Money measures the analyses compute from the tables; different measures have different names."), "",
             _header(_("measure"), _("label"), _("computed by"), _("what it is"))]
    lines += [f"| `{m.name}` | {m.label} | `{m.computed_by}` | {_cell(m.display_description)} |" for m in schema.MEASURES]
    return lines + [""]


def _country(iso2: str) -> str:
    """A home country's name in the display language (its ISO code when that language has no name for it)."""
    language = get_language() if get_language() in available_locales() else "en_US"
    try:
        return country_name(iso2, language)
    except KeyError:
        return iso2


def _locales() -> list[str]:
    """One row per locale the kit finds, read from its data: the country of its fair and its money."""
    lines = ["## " + _("Locales"), "",
             _("A world is made in one locale (`--locale`): the country its fair is held in, its currency, "
               "names and words. Each locale is a folder of data, `labkit/data/locales/<locale>/`; its "
               "`locale.json` gives the money below."), "",
             _header(_("locale"), _("country"), _("currency"), _("symbol"), _("decimals of an amount"),
                     _("built by `labkit datasets`"))]
    for code in available_locales():
        loc = world_locale(code)
        money, built = loc.money, _("yes") if loc.built_by_default else _("no")
        lines.append(f"| `{code}` | {_country(loc.home.iso2)} | {money.currency} | {money.symbol} | {money.decimals} "
                     f"| {built} |")
    return lines + [""]


def data_dictionary_markdown() -> str:
    """The whole data dictionary: every table, column, key and enumeration, named in the display language."""
    built = ", ".join(f"`{code}`" for code in available_locales() if world_locale(code).built_by_default)
    title, _blank, intro = _(INTRO).format(built=built).partition("\n")
    lines = [title, "", GENERATED, intro, "## " + _("Tables"), ""]
    lines += [f"- `{t.name}` {t.label}: {t.display_description}" for t in schema.TABLES]
    lines.append("")
    for t in schema.TABLES:
        lines += _table(t)
    lines += _enums()
    lines += _measures()
    lines += _locales()
    return "\n".join(lines).rstrip() + "\n"
