"""Translation (多语言): the run-time mechanism, the catalogs and the generated notebooks stay in step."""
from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import denormalize, read_po

from labkit.errors import UsageError
from labkit.i18n import (
    LANGUAGES,
    get_language,
    notebook_language,
    set_language,
    using_language,
)

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("labkit_i18n_tool", ROOT / "tools" / "i18n.py")
tool = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["labkit_i18n_tool"] = tool
_spec.loader.exec_module(tool)  # type: ignore[union-attr]

GENERATED = tool.generated_notebooks()
SOURCES = [(c, p) for c in tool.COLLECTIONS for p in c.sources]
CATALOGS = sorted(p for d in ("labkit/locale", "notebooks/locale", "exercises/locale") for p in (ROOT / d).rglob("*.po"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


# -- run time ---------------------------------------------------------------------------------

def test_tests_run_in_english() -> None:
    assert get_language() == "en_US"


def test_default_is_chinese_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language(None)
    monkeypatch.delenv("LABKIT_LANG")
    assert get_language() == "zh_CN"
    monkeypatch.setenv("LABKIT_LANG", "ko_KR")
    assert get_language() == "ko_KR"
    monkeypatch.setenv("LABKIT_LANG", "fr_FR")  # not a kit language: the default, not an error
    assert get_language() == "zh_CN"
    set_language("en_US")
    assert get_language() == "en_US"


@pytest.mark.parametrize("language, words", [
    ("en_US", "must be one of"), ("zh_CN", "显示语言只能是"), ("ko_KR", "표시 언어는"),
])
def test_a_message_in_each_language(language: str, words: str) -> None:
    with using_language(language), pytest.raises(UsageError) as refused:
        set_language("fr_FR")
    assert words in str(refused.value) and "'fr_FR'" in str(refused.value)


def test_using_language_goes_back() -> None:
    with using_language("ko_KR"):
        assert get_language() == "ko_KR"
    assert get_language() == "en_US"


def test_notebook_language_reads_metadata_and_refuses_others() -> None:
    assert notebook_language({"labkit": {"language": "ko_KR"}}) == "ko_KR"
    assert notebook_language({"labkit": {"language": "xx"}}) is None
    assert notebook_language({"labkit": "zh_CN"}) is None
    assert notebook_language({}) is None


# -- catalogs ---------------------------------------------------------------------------------

def test_catalogs_exist_for_every_language() -> None:
    for lang in LANGUAGES:
        assert (ROOT / "labkit/locale" / lang / "LC_MESSAGES/labkit.po").exists()
    for collection, source in SOURCES:
        for lang in tool.TRANSLATED:
            assert collection.catalog_path(lang, source.stem).exists(), "run: python tools/i18n.py"


@pytest.mark.parametrize("path", sorted(tool.mo_files()), ids=_rel)
def test_compiled_catalog_is_fresh(path: Path) -> None:
    assert path.read_bytes() == tool.mo_files()[path], "run: python tools/i18n.py mo"


@pytest.mark.parametrize("path", CATALOGS, ids=_rel)
def test_no_fuzzy_entries(path: Path) -> None:
    """A fuzzy entry is an old translation of text that has since changed: re-translate it."""
    catalog = tool.read_catalog(path, next(part for part in path.parts if part in LANGUAGES))
    fuzzy = [p for p in tool.catalog_problems(catalog) if p.startswith("fuzzy")]
    assert fuzzy == []


def test_catalog_problems_finds_untranslated_and_fuzzy() -> None:
    catalog = Catalog(locale="zh_CN")
    catalog.add("Buyers", "采购商")
    catalog.add("Exhibitors", "")
    catalog.add("Booth", "展位", flags=("fuzzy",), context="c1")
    catalog.add(("one booth", "{n} booths"), ("{n} 个展位",))
    assert tool.catalog_problems(catalog) == ["untranslated: Exhibitors", "fuzzy: c1: Booth"]


def test_changed_english_keeps_old_translation_as_fuzzy(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell("## Buyers\n\nThey come to buy.")
    cell.id = "abc"
    nb.cells = [cell]
    path = tmp_path / "x.po"
    old = Catalog(locale="zh_CN")
    old.add("## Buyers\n\nThey come to buy.", "## 采购商\n\n他们来采购。", context="abc")
    path.write_bytes(tool._po_bytes(old))
    cell.source = "## Buyers\n\nThey come to buy and to meet exhibitors."
    merged = read_po(io.BytesIO(tool._merged(tool.notebook_template(nb), path, "zh_CN")), locale="zh_CN")
    assert tool.catalog_problems(merged) == ["fuzzy: abc: ## Buyers"]
    # a fuzzy translation never reaches the notebook: the English shows until someone re-translates
    assert tool.translate_notebook(nb, merged, "zh_CN").cells[0].source == cell.source


LONG_CELL = ("### 4.5 Cross-tabs 交叉分析\nOverall satisfaction (an ordinal item) by role, region group and business "
             "type: chi-square test\nof independence with Cramér's V (0 = no association … 1 = complete), and a rank "
             "test on the item.")


def _one_cell_notebook(source: str) -> Any:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell(source)
    cell.id = "c45"
    nb.cells = [cell]
    return nb


def test_a_long_fuzzy_entry_keeps_its_previous_msgid_intact(tmp_path: Path) -> None:
    """The "#| msgid" comment of a long changed cell is written line by line as gettext does, read
    back by the next `catalogs` run and written again unchanged (Babel alone wraps it like prose)."""
    path = tmp_path / "05.po"
    old = tool._new_catalog("zh_CN")
    old.add(LONG_CELL, "### 4.5 交叉分析\n按角色、区域和业务类型看总体满意度。", context="c45")
    path.write_bytes(tool._po_bytes(old))
    changed = LONG_CELL + "\nA p-value below 0.001 is written < 0.001, as in a statistics textbook."
    template = tool.notebook_template(_one_cell_notebook(changed))
    first = tool._merged(template, path, "zh_CN")
    path.write_bytes(first)
    second = tool._merged(template, path, "zh_CN")  # the next run reads what this one wrote
    assert second == first
    entry = read_po(io.BytesIO(first), locale="zh_CN").get(changed, context="c45")
    assert entry is not None and entry.fuzzy and entry.string.startswith("### 4.5 交叉分析")
    comments = [line for line in first.decode("utf-8").splitlines()[1:] if line.startswith("#")]
    assert comments[0] == "#, fuzzy" and all(re.fullmatch(r'#\| (msgid )?"([^"\\]|\\.)*"', line)
                                              for line in comments[1:]), comments
    quoted = [line[3:] for line in comments[1:]]
    assert quoted[0].startswith("msgid ") and len(quoted) > 2, "a long msgid is quoted over several lines"
    assert denormalize("\n".join([quoted[0][len("msgid "):], *quoted[1:]])) == LONG_CELL


def test_an_earlier_wrapped_wreck_of_a_previous_msgid_is_cleared(tmp_path: Path) -> None:
    """Catalogs written before the fix hold the comment as wrapped prose ("# | msgid ..." and
    fragments) on entries translated since: the next run drops it and keeps the translation."""
    path = tmp_path / "02.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '# | msgid "" "Some reasons already say how to fix the row: *\'绍兴市\' lies in 浙江省 means\n'
                    '# the\\n"\n'
                    '# | "province was typed wrong." "to\n'
                    'msgctxt "c45"\nmsgid "Some reasons already say how to fix the row."\nmsgstr "有些原因已经说明了怎样改。"\n',
                    encoding="utf-8")
    merged = tool._merged(tool.notebook_template(_one_cell_notebook("Some reasons already say how to fix the row.")),
                          path, "zh_CN").decode("utf-8")
    assert [line for line in merged.splitlines()[1:] if line.startswith("#")] == []
    entry = read_po(io.StringIO(merged), locale="zh_CN").get("Some reasons already say how to fix the row.", context="c45")
    assert entry is not None and entry.string == "有些原因已经说明了怎样改。" and not entry.fuzzy


@pytest.mark.parametrize("path", sorted(ROOT.glob("**/locale/*/**/*.po")), ids=_rel)
def test_no_catalog_holds_a_wrapped_comment(path: Path) -> None:
    """Only the tool's own comment lines: locations, extraction notes, flags and "#|" previous msgids."""
    stray = [line for line in path.read_text(encoding="utf-8").splitlines()[1:]
             if line.startswith("#") and not line.startswith(("#:", "#.", "#,", '#| msgid "', '#| "'))]
    assert stray == [], stray[:5]


def _runtime_entry(catalog: bytes, lang: str, msgid: str) -> Any:
    return read_po(io.BytesIO(catalog), locale=lang).get(msgid)


def test_quiz_model_answers_are_translated_from_the_bank() -> None:
    """The quiz key's model answers (the English rubric points in ``_()``) read in zh_CN and ko_KR
    what the exam bank's own rubrics say, and the quiz holds each open item's English."""
    from labkit.checks import question_bank
    from labkit.grading.quizbuild import model_answer

    quiz = (ROOT / "exercises" / "source" / "quiz.ipynb").read_text(encoding="utf-8")
    opened = [item for item in question_bank()["items"] if item.get("rubric_en") and item["id"] in quiz]
    assert len(opened) >= 3
    for item in opened:
        english = model_answer(item, "en_US")
        assert json.dumps(english, ensure_ascii=False)[1:-1] in quiz, item["id"]
        for lang in ("zh_CN", "ko_KR"):
            catalog = (tool.LOCALE_DIR / lang / "LC_MESSAGES" / "labkit.po").read_bytes()
            entry = _runtime_entry(catalog, lang, english)
            assert entry is not None and entry.string == model_answer(item, lang) and not entry.fuzzy, (item["id"], lang)
    sa01 = next(item for item in opened if item["id"] == "sa01")
    assert model_answer(sa01, "zh_CN") == ("会展企业在展会前已掌握了潜在客户较为详细的资料;展前、展中、展后与客户进行全程沟通;"
                                           "展会本身的特征有助于会展企业与客户建立长期关系。")


def test_a_changed_rubric_is_translated_again_by_catalogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tools/i18n.py catalogs` writes the bank's rubric into the catalogs each run (as it writes the
    course terms): a rubric changed in the bank is the new translation, with nothing left to fill."""
    import copy

    import labkit.checks
    from labkit.grading.quizbuild import model_answer

    bank = copy.deepcopy(labkit.checks.question_bank())
    item = next(i for i in bank["items"] if i["id"] == "sa01")
    item["rubric"][0] = "会展企业在展会前就已掌握潜在客户的详细资料 (2 分)"
    item["rubric_ko"][1] = "전시회 전, 중, 후 내내 고객과 소통한다 (2점)"
    monkeypatch.setattr(labkit.checks, "question_bank", lambda: bank)
    written = {path.parts[-3]: data for path, data in tool.runtime_catalogs().items()}
    english = model_answer(item, "en_US")
    for lang, words in (("zh_CN", "就已掌握潜在客户的详细资料;"), ("ko_KR", "; 전시회 전, 중, 후 내내 고객과 소통한다;")):
        entry = _runtime_entry(written[lang], lang, english)
        assert entry is not None and entry.string == model_answer(item, lang) and words in entry.string
        assert tool.catalog_problems(read_po(io.BytesIO(written[lang]), locale=lang)) == []
    point = _runtime_entry(written["zh_CN"], "zh_CN", item["rubric_en"][0])
    assert point is not None and point.string == item["rubric"][0], "each rubric point follows the bank too"


# -- generated notebooks ----------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(GENERATED), ids=_rel)
def test_generated_notebook_is_fresh(path: Path) -> None:
    assert path.exists() and path.read_bytes() == GENERATED[path], "run: python tools/i18n.py notebooks"


def test_no_stray_generated_notebooks() -> None:
    """Every notebook outside the source folders is generated (a hand-made one would drift)."""
    committed = {p for d in ("notebooks", "exercises", "instructor") for p in (ROOT / d).rglob("*.ipynb")
                 if "source" not in p.relative_to(ROOT).parts and ".ipynb_checkpoints" not in p.parts}
    assert committed == set(GENERATED)


def _code(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
            and c.get("metadata", {}).get("labkit", {}).get("kind") != tool.LANGUAGE_KIND]


@pytest.mark.parametrize("collection, source", SOURCES, ids=lambda x: getattr(x, "stem", ""))
def test_code_cells_are_identical_across_languages(collection, source: Path) -> None:
    versions = {lang: collection.generated_path(lang, source.stem) for lang in LANGUAGES}
    if collection.release:
        versions.update({f"{lang} release": collection.release_path(lang, source.stem) for lang in LANGUAGES})
    codes = {name: _code(path) for name, path in versions.items()}
    for name, code in codes.items():
        same_kind = codes["en_US release" if name.endswith("release") else "en_US"]
        assert code == same_kind, f"{name}: code differs from en_US"
    assert _code(collection.generated_path("en_US", source.stem)) == _code(source)


@pytest.mark.parametrize("path", sorted(GENERATED), ids=_rel)
def test_each_notebook_tells_the_kernel_its_language(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    lang = path.relative_to(ROOT).parts[1]
    assert notebook_language(nb.metadata) == lang
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code.metadata["labkit"]["kind"] == tool.LANGUAGE_KIND
    assert f'set_language("{lang}")' in first_code.source


# -- instructor side ----------------------------------------------------------------------------

def test_release_in_a_language(tmp_path: Path) -> None:
    from labkit.cli import main

    assert main(["release", "--lang", "ko_KR", "--out", str(tmp_path / "ko")]) == 0
    released = sorted((tmp_path / "ko").glob("*.ipynb"))
    assert [p.name for p in released] == sorted(p.name for p in (ROOT / "exercises/source").glob("*.ipynb"))
    for path in released:
        assert path.read_bytes() == (ROOT / "exercises/ko_KR/release" / path.name).read_bytes()
        assert notebook_language(nbformat.read(path, as_version=4).metadata) == "ko_KR"


def test_release_refuses_masters_and_language_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from labkit.cli import main

    assert main(["release", "--lang", "ko_KR", "--masters", str(ROOT / "exercises/source"),
                 "--out", str(tmp_path / "x")]) == 2
    assert "either --masters or --lang" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_grading_reads_the_language_of_the_handed_in_notebook(tmp_path: Path, lang: str) -> None:
    from labkit.grading.collect import read_code

    handed_in = tmp_path / "quiz.ipynb"
    nb = nbformat.read(ROOT / "exercises" / lang / "release" / "quiz.ipynb", as_version=4)
    nbformat.write(nb, handed_in)
    assert read_code(handed_in).language == lang
    nb.metadata.pop("labkit")  # an old release, or metadata lost: the grader's own language applies
    nbformat.write(nb, handed_in)
    assert read_code(handed_in).language is None


# -- completeness (the sweep) -------------------------------------------------------------------

RUNTIME = tool.runtime_catalogs()
PROSE = tool.notebook_catalogs()


@pytest.mark.parametrize("path", sorted(RUNTIME) + sorted(PROSE), ids=_rel)
def test_catalog_holds_every_message_of_the_code_and_notebooks(path: Path) -> None:
    """Every _() / N_() / course term of the code and every markdown cell has its entry: a new
    English text fails here until `python tools/i18n.py catalogs` has been run and translated."""
    expected = {**RUNTIME, **PROSE}[path]
    assert path.read_bytes() == expected, "run: python tools/i18n.py catalogs, then translate the new entries"


@pytest.mark.parametrize("path", [p for p in CATALOGS if "en_US" not in p.parts], ids=_rel)
def test_every_entry_is_translated(path: Path) -> None:
    catalog = tool.read_catalog(path, next(part for part in path.parts if part in LANGUAGES))
    assert tool.catalog_problems(catalog) == []


@pytest.mark.parametrize("language, words", [("zh_CN", "选项字母"), ("ko_KR", "선택지 글자"), ("en_US", "option letters")])
def test_a_wrong_answer_is_explained_in_the_notebook_language(language: str, words: str) -> None:
    """A wrong answer checked in a zh_CN (ko_KR) notebook gets a Chinese (Korean) message."""
    from labkit.checks.feedback import feedback

    with using_language(language):
        passed, message = feedback("quiz", "sc01", "Z")
    assert not passed and words in message
