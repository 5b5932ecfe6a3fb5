"""Column headers in the display language (表头): one label set names every column the kit makes, and ``styled``
shows tables under those names while its number formats still follow the columns' own names."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from kit_tables import Inputs, column_names, kit_codes, kit_tables, table_functions, unfilled

from labkit.i18n import LANGUAGES, LabelSet, using_language
from labkit.plotting import styled
from labkit.reports.layout import COLUMN_LABELS, header
from labkit.world import schema

#: A header a student could mistake for code: lower-case words joined by "_" (``exhibitor_share``) or one such word.
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


@pytest.fixture(scope="module")
def made() -> list[tuple[str, str, pd.DataFrame | pd.Series]]:
    return list(kit_tables(Inputs()))


def test_the_walk_calls_every_function_that_makes_a_table(made) -> None:
    """A new function whose parameters the walk cannot fill fails here, before its columns could go unlabelled."""
    assert unfilled(Inputs()) == [], "add the function to tests/kit_tables.py (Inputs.calls or Inputs.by_name)"
    reached = {function.split("(")[0] for function, _what, _table in made}
    assert set(table_functions()) - reached == set(), "a function of the walk gave no table"
    assert len(reached) > 90


def test_every_column_the_kit_makes_has_a_label(made) -> None:
    codes = kit_codes()
    unlabelled = sorted({f"{name} ({function}{what})" for function, what, table in made for name in column_names(table)
                         if IDENTIFIER.fullmatch(name) and name not in COLUMN_LABELS and name not in codes})
    assert unlabelled == [], "give these columns a Label in labkit/reports/layout.py COLUMN_LABELS"


def test_every_column_label_is_in_the_three_languages() -> None:
    assert isinstance(COLUMN_LABELS, LabelSet)
    assert set(schema.TABLES[0].column_names) <= set(COLUMN_LABELS), "the world's own columns are named too"
    for code, label in COLUMN_LABELS.items():
        # Chinese, or a name written alike in every language (CSAT, R², χ², Cramér's V)
        assert re.search(r"[\u4e00-\u9fff]", label.zh) or label.zh == label.en, (code, label)
        with using_language("ko_KR"):
            korean = label.text
        # the Korean comes from the catalog; only a name of symbols or capitals (CSAT, R²) may stay as it is
        assert re.search(r"[\uac00-\ud7a3]", korean) or label.zh == label.en, (code, korean)
        for language in LANGUAGES:
            assert not IDENTIFIER.fullmatch(label.in_language(language)) or "_" not in label.in_language(language)


def _headers(html: str, kind: str) -> list[str]:
    return re.findall(rf'<th [^>]*class="{kind}[^"]*"[^>]*>([^<]*)</th>', html)


def test_styled_shows_headers_by_their_labels_and_formats_by_their_names() -> None:
    frame = pd.DataFrame({"exhibitor_share": [0.29425], "cost_to_serve": [1234.5], "p_value": [0.00002],
                          "my_own_column": [7]}, index=pd.Index(["buyer_recruitment"], name="kind"))
    with using_language("zh_CN"):
        html = styled(frame).to_html()
    assert _headers(html, "col_heading") == ["参展商占比", "服务成本", "p值", "my_own_column"]
    assert _headers(html, "index_name") == ["活动类型"]
    assert "29.4%" in html and "¥1,234.50" in html and "< 0.001" in html, "formats follow the columns' own names"
    assert _headers(html, "row_heading") == ["招商"], "a named index holds values: not headers, codes named (names.py)"
    with using_language("ko_KR"):
        assert _headers(styled(frame).to_html(), "col_heading")[:2] == ["참가업체 비율", "서비스 비용"]
    with using_language("en_US"):
        assert _headers(styled(frame).to_html(), "col_heading")[:2] == ["Exhibitor share", "cost to serve"]
    assert list(frame.columns) == ["exhibitor_share", "cost_to_serve", "p_value", "my_own_column"]
    assert frame.index.name == "kind", "the caller's frame is not renamed"


def test_styled_names_the_rows_of_an_unnamed_index_and_the_levels_of_the_columns() -> None:
    steps = pd.Series({"churn_rate": 0.2, "clv_total": 1_000_000.0, "p": 0.5}, name="value")
    described = pd.DataFrame({"spend": [1.0, 3.0], "role": ["buyer", "exhibitor"]}).groupby("role")[["spend"]].describe()
    crossed = pd.crosstab(pd.Series(["a", "b"], name="size_band"), pd.Series(["no_show", "attended"], name="status"))
    with using_language("zh_CN"):
        series_html = styled(steps).to_html()
        described_html = styled(described.T).to_html()
        crossed_html = styled(crossed).to_html()
    assert _headers(series_html, "row_heading") == ["流失率", "客户群终身价值", "p"]
    assert _headers(series_html, "col_heading") == ["取值"]
    assert ">0.500<" in series_html, "the p row is still a p-value"
    assert _headers(described_html, "row_heading")[:3] == ["展位消费", "数量", "平均值"]
    assert _headers(described_html, "index_name") == ["角色"], "the name of the columns' level"
    assert _headers(crossed_html, "col_heading") == ["已到场", "未到场"], "codes heading a crosstab are values, named"
    assert _headers(crossed_html, "index_name") == ["状态", "企业规模"]


def test_headers_are_shown_for_numbered_and_dated_columns_as_they_are() -> None:
    frame = pd.DataFrame(np.ones((1, 2)), columns=[2023, pd.Timestamp("2024-01-01")])
    html = styled(frame).to_html()
    assert _headers(html, "col_heading") == ["2023", "2024-01-01 00:00:00"]
    assert header("not_a_kit_column") == "not_a_kit_column"
