"""The course's terms (课程术语): the wrong or doubled terms of issue 13 appear nowhere a student or
teacher reads, and students are never sent to a file name or a seed number (docs/glossary.md)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]

#: wrong term -> the course's term (docs/glossary.md, "Decisions for this kit")
WRONG_TERMS = {
    "企业性质": "业务性质 / 业务类型 (企业性质 is ownership)",
    "回访概率": "再次参与概率 (回访 is the organiser's follow-up call)",
    "回访率": "再次参与率 / 续展率 (回访 is the organiser's follow-up call)",
    "再次回访": "再次参与 / 再次到场",
    "参加下一届展会": "参展（租用展位） or 参观下一届: 参加 does not tell exhibiting from visiting",
    "留存率": "客户保持率, one term and one definition",
    "到会": "到场 (到场统计)",
    "实训五": "no invented lab numbering",
    "工作成果": "工作结果",
    "资讯": "信息 (step 1 of the six steps)",
    "微型企业": "size bands by employees, not 中小企业划型标准 terms",
    "小型企业": "size bands by employees",
    "中型企业": "size bands by employees",
    "大型企业": "size bands by employees",
}
SOURCE_NAMES = re.compile(r"seed[ -]?0\d\d|seeds \d{3}|DOMAIN\.md|/work/shared", re.IGNORECASE)

READ_BY_PEOPLE = sorted(
    p for pattern in ("notebooks/**/*.ipynb", "exercises/**/*.ipynb", "labkit/locale/*/LC_MESSAGES/*.po",
                      "notebooks/locale/**/*.po", "exercises/locale/**/*.po", "labkit/data/**/*.json",
                      "README*.md", "datasets/README.md")
    for p in ROOT.glob(pattern) if ".ipynb_checkpoints" not in p.parts
)
CODE = sorted(ROOT.glob("labkit/**/*.py"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_is_a_glossary_with_the_decisions() -> None:
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for term in ("业务性质", "再次参展", "再次到场", "客户保持率", "到场统计", "信息", "工作结果", "参观"):
        assert term in text


def wrong_terms(text: str) -> dict[str, str]:
    """The wrong terms in ``text``, each with the term to use instead."""
    return {term: why for term, why in WRONG_TERMS.items() if term in text}


@pytest.mark.parametrize("path", READ_BY_PEOPLE + CODE, ids=_rel)
def test_no_wrong_course_term(path: Path) -> None:
    found = wrong_terms(path.read_text(encoding="utf-8"))
    assert found == {}, f"use the course's term instead: {found}"


@pytest.mark.parametrize("path", READ_BY_PEOPLE, ids=_rel)
def test_material_cited_by_name_not_by_file(path: Path) -> None:
    found = sorted(set(SOURCE_NAMES.findall(path.read_text(encoding="utf-8"))))
    assert found == [], "cite 教材第六章, 试题库, 案例... by name"


#: Korean endings of the polite informal style (해요체); the kit writes 합니다체 / -십시오 as the ko lessons do
INFORMAL_KO = re.compile(r"[가-힣](?:세요|해요|에요|예요|나요|지요|네요|어요|아요)(?=[\s.?!)\]\"]|$)")
KOREAN = sorted(p for pattern in ("labkit/locale/ko_KR/LC_MESSAGES/*.po", "notebooks/locale/ko_KR/*.po",
                                  "exercises/locale/ko_KR/*.po") for p in ROOT.glob(pattern))


def _msgstrs(path: Path) -> str:
    """The translations of a catalog (msgstr text only: the English msgids are not Korean)."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return "\n".join(text for m in catalog if m.id
                     for text in (m.string if isinstance(m.string, tuple) else (m.string,)))


@pytest.mark.parametrize("path", KOREAN, ids=_rel)
def test_korean_is_in_one_register(path: Path) -> None:
    found = sorted(set(INFORMAL_KO.findall(_msgstrs(path))))
    assert found == [], f"write 합니다 / -십시오 as the ko lessons do, not: {found}"


def test_the_checks_can_fail() -> None:
    """The texts the kit had before issue 13 would fail both checks."""
    assert set(wrong_terms("| `business_nature` | 企业性质 |; Return model 回访概率; 到会统计")) == {"企业性质", "回访概率", "到会"}
    assert INFORMAL_KO.findall("다시 설치하세요. 맞나요? 다시 설치하십시오. 저장했습니다.") == ["하세요", "맞나요"]
    assert set(wrong_terms("回访率; 您是否计划参加下一届展会?")) == {"回访率", "参加下一届展会"}
    assert SOURCE_NAMES.findall("Seed 001 splits customer data; seeds 000 and 003; see DOMAIN.md") == [
        "Seed 001", "seeds 000", "DOMAIN.md"]
