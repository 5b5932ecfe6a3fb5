"""Merging departments' lists: record linkage measured against the world's ground-truth duplicates."""
from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
import recordlinkage

from labkit.customerdb.linkage import find_duplicates, merge_lists, name_key, precision_recall
from labkit.errors import UsageError


@pytest.mark.parametrize("a, b", [
    ("吴忠市腾计纺织有限责任公司", "腾计纺织有限公司"),
    ("深圳市华宇电子股份有限公司", "华宇电子股份公司"),
    ("(주)신라제나패션", "㈜신라제나패션"),
    ("코리아철물 주식회사", "코리아철물  (주)"),
    ("Black, Inc.", "BLACK INCORPORATED"),
    ("Acme Tools Co., Ltd.", "Acme Tools Company Limited"),
    ("Ramos, Martin and Riddle LLC", "Ramos Martin & Riddle L.L.C."),
])
def test_variant_spellings_share_a_name_key(a, b) -> None:
    assert name_key(a) == name_key(b) != ""


def test_different_companies_keep_different_keys() -> None:
    assert name_key("华宇电子有限公司") != name_key("华宇机械有限公司")
    assert name_key("Coco Trading Inc.") == "cocotradinginc"  # 'co' inside a word is kept; the legal form as its kind
    # one name, two kinds of company: a clerk never writes 유한회사 for 주식회사, nor 股份公司 for 有限公司
    assert name_key("(주)신라가람섬유") == name_key("신라가람섬유 주식회사") != name_key("유한회사신라가람섬유")
    assert name_key("华宇电子有限公司") != name_key("华宇电子股份有限公司")
    assert name_key("华宇电子集团公司") == name_key("华宇电子公司") == "华宇电子"  # a generic word: no kind


def test_precision_and_recall_on_a_hand_counted_example() -> None:
    truth = [(1, 2), (3, 4), (5, 6), (7, 8)]
    found = [(2, 1), (3, 4), (9, 10)]  # order inside a pair does not matter
    got = precision_recall(found, truth)
    assert Fraction(got["precision"]).limit_denominator(100) == Fraction(2, 3)
    assert Fraction(got["recall"]).limit_denominator(100) == Fraction(1, 2)
    as_index = lambda pairs: pd.MultiIndex.from_tuples(sorted((min(p), max(p)) for p in pairs))  # noqa: E731
    assert got["precision"] == pytest.approx(recordlinkage.precision(as_index(truth), as_index(found)))
    assert got["recall"] == pytest.approx(recordlinkage.recall(as_index(truth), as_index(found)))


def _hand_list() -> pd.DataFrame:
    rows = [
        (1, "杭州海康电子有限公司", "王芳", "+8613812345678", "wf@hk.cn", "杭州市", "electronics", 320),
        (2, "海康电子有限责任公司", "王芳", "+8613812345678", None, "杭州市", "electronics", 320),
        (3, "宁波进出口有限公司", "李雷", "+8613900000001", "ll@nb.cn", "宁波市", "gifts_toys", 12),
        (4, "宁波机械有限公司", "韩梅", "+8613900000002", "hm@nb.cn", "宁波市", "machinery", 80),
        (5, "삼성전자 주식회사", "김민수", "+821012345678", "kim@ss.kr", "수원시", "electronics", 900),
        (6, "삼성전자(주)", "이영희", "+821012345678", "kim@ss.kr", "수원시", "electronics", 900),
    ]
    cols = ["org_id", "name", "contact", "phone", "email", "city", "industry", "employees"]
    return pd.DataFrame(rows, columns=cols).assign(country="CN", created_at=pd.Timestamp("2024-01-01")).set_index("org_id")


def test_merge_lists_joins_duplicates_across_departments_and_fills_gaps() -> None:
    frame = _hand_list()
    merged = merge_lists({"sales": frame.loc[[1, 3, 5]], "marketing": frame.loc[[2, 4, 6]]})
    assert len(merged.customers) == 4
    assert sorted(map(sorted, merged.source_pairs())) == [[1, 2], [5, 6]]
    hz = merged.customers[merged.customers["records"] == 2].set_index("source_id")
    assert hz.loc[1, "departments"] == "marketing, sales"
    assert hz.loc[1, "email"] == "wf@hk.cn"
    assert merged.conflicts["contact"] == 1  # 김민수 vs 이영희 at the same number


@pytest.mark.parametrize("ids", [[1], [1, 3], [1, 3, 5]])
def test_lists_without_candidate_pairs_have_no_duplicates(ids) -> None:
    result = find_duplicates(_hand_list().loc[ids])
    assert len(result.links) == 0
    with pytest.raises(UsageError, match="no candidate pairs"):
        result.weights()
    assert len(merge_lists({"only": _hand_list().loc[ids]}).customers) == len(ids)
