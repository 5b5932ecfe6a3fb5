"""One label type for every display name (显示名称): Label and LabelSet, and every one the kit defines is translated."""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import labkit
from labkit.i18n import LOCALE_DIR, Label, LabelSet, using_language

BUYERS = Label("Buyers", "采购商")


@pytest.mark.parametrize(("language", "text"), [("zh_CN", "采购商"), ("en_US", "Buyers"), ("ko_KR", "바이어")])
def test_a_label_in_each_language(language: str, text: str) -> None:
    with using_language(language):
        assert BUYERS.text == str(BUYERS) == f"{BUYERS}" == text
    assert BUYERS.in_language(language) == text


def test_a_label_set_keeps_its_order_and_names_each_code() -> None:
    kinds = LabelSet(booth=Label("Booth", "展位"), visit=Label("Visit", "参观"))
    assert list(kinds) == list(kinds.codes) == ["booth", "visit"] and len(kinds) == 2
    with using_language("zh_CN"):
        assert kinds.names() == {"booth": "展位", "visit": "参观"}
        assert kinds.text("visit") == "参观"
        assert kinds.text("no_such_code") == "no_such_code", "a code without a label shows as it is"
    merged = kinds | {"other": Label("Other", "其他")}
    assert isinstance(merged, LabelSet) and merged.codes == ("booth", "visit", "other")
    assert LabelSet.from_codes({"no_show": "未到场"})["no_show"] == Label("no show", "未到场")


def test_schema_enumerations_are_label_sets() -> None:
    from labkit.world.schema import ENUMS

    role = ENUMS["role"].labels
    assert isinstance(role, LabelSet) and role.codes == ENUMS["role"].codes
    with using_language("ko_KR"):
        assert role.text("exhibitor") == "참가업체"


def _module_labels() -> list[tuple[str, str, Label]]:
    found = []
    for info in pkgutil.walk_packages(labkit.__path__, "labkit."):
        if ".grading.reference" in info.name or info.name.endswith("__main__"):
            continue  # answer keys are run by the grader; __main__ runs the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(module, "__name__", None) != info.name:
                continue
            labels = [value] if isinstance(value, Label) else list(value.values()) if isinstance(value, LabelSet) else []
            found += [(info.name, name, label) for label in labels]
    return found


def _catalog(language: str):  # babel reads catalogs (it is in the lock; polib is not)
    with (Path(LOCALE_DIR) / language / "LC_MESSAGES" / "labkit.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_every_label_of_the_kit_has_korean_and_its_chinese_in_the_catalog() -> None:
    """A label whose English no catalog holds would show in English in ko_KR: tools/i18n.py must find every one."""
    labels = _module_labels()
    assert len(labels) > 200, "the kit's label tables are found"
    catalogs = {lang: {m.id: m.string for m in _catalog(lang) if isinstance(m.id, str)} for lang in ("zh_CN", "ko_KR")}
    untranslated = sorted({f"{module}.{name}: {label.en!r}" for module, name, label in labels
                           if not catalogs["ko_KR"].get(label.en)})
    assert untranslated == []
    missing_zh = sorted({f"{module}.{name}: {label.en!r}" for module, name, label in labels
                         if label.en not in catalogs["zh_CN"]})
    assert missing_zh == []
