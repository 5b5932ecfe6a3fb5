"""Codes shown by their names (显示名称): styled() and the search table name the codes a table holds,
the data keep them; the lesson check (tests/shown_codes.py) finds a code shown alone."""
from __future__ import annotations

import importlib
import pkgutil
import re

import pandas as pd
import pytest

import labkit
from labkit.i18n import LabelSet, using_language
from labkit.plotting import name_of, styled
from labkit.plotting.names import NAME_SETS, code_names, names_for
from labkit.widgets.search_table import readable_codes
from tests.shown_codes import codes_shown

# Label sets that name no stored or computed value: column headers, chart and sheet titles, section
# titles, and texts keyed by a code (what to do in a stage, a tier's benefits): not enumerations of data.
NOT_VALUES = {
    "labkit.assessment.form.RATER_LABELS",  # the rater of an assessment sheet, a sheet's column
    "labkit.classification.commands.TITLES", "labkit.classification.dimensions.TITLES",
    "labkit.classification.titles.TITLES", "labkit.plotting.classification_charts.TITLES",
    "labkit.widgets.classification_view.TITLES",
    "labkit.classification.dimensions.ROLE_TITLES", "labkit.classification.titles.ROLE_TITLES",
    "labkit.plotting.classification_charts.ROLE_TITLES", "labkit.widgets.classification_view.ROLE_TITLES",
    "labkit.classification.lifecycle.STAGE_FOCUS", "labkit.classification.lifecycle.CONFERENCE_FOCUS",
    "labkit.relationship.loyalty_types.CULTIVATION", "labkit.relationship.strategies.ACTIONS",
    "labkit.relationship.membership.BENEFITS", "labkit.relationship.profile.SECTIONS",
    "labkit.grading.gradebook.HEADERS", "labkit.reports.layout.COLUMN_LABELS", "labkit.reports.workbook.SHEETS",
    "labkit.reports.workbook.ABOUT_LABELS", "labkit.widgets.classification_view.TABLE_HEADERS",
    "labkit.widgets.search_table.HEADERS",
}


def _shown(styler) -> tuple[list[str], list[str]]:
    """(cells, header cells) of a styled table's HTML."""
    html = styler.to_html()
    return re.findall(r"<td[^>]*>([^<]*)</td>", html), re.findall(r"<th[^>]*>([^<]*)</th>", html)


def _chinese(labels: LabelSet) -> dict[str, str]:
    return {code: label.zh for code, label in labels.items()}


def test_every_label_set_of_the_kit_is_an_enumeration_the_tables_name_or_names_no_value() -> None:
    """A new class list (a LabelSet) the analytics return must be added to NAME_SETS, or here with its
    reason (an imported one is judged where it is defined); a twin of one there (the same codes and Chinese,
    e.g. a legend's capitalised English) is that one."""
    registered = {id(labels) for labels in NAME_SETS.values()}
    not_values = {id(getattr(importlib.import_module(where.rsplit(".", 1)[0]), where.rsplit(".", 1)[1])) for where in NOT_VALUES}
    unplaced = []
    for info in pkgutil.walk_packages(labkit.__path__, "labkit."):
        if ".grading.reference" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            where = f"{info.name}.{name}"
            if isinstance(value, LabelSet) and id(value) not in not_values | registered \
                    and not any(_chinese(value) == _chinese(other) for other in NAME_SETS.values()):
                unplaced.append(where)
    assert unplaced == []


def test_styled_names_codes_in_cells_index_and_a_named_column_axis_and_keeps_the_codes() -> None:
    frame = pd.DataFrame({"channel": ["sms", "email"], "kind": ["buyer_recruitment", "exhibitor_recruitment"],
                          "country": ["CN", "KR"], "responses": [3, 4]},
                         index=pd.Index(["sms", "phone"], name="channel"))
    with using_language("zh_CN"):
        cells, heads = _shown(styled(frame))
        by_status = pd.DataFrame([[1, 2]], columns=pd.Index(["registered", "no_show"], name="status"))
        _cells, status_heads = _shown(styled(by_status))
    assert cells == ["短信", "招商", "中国", "3", "电子邮件", "招展", "韩国", "4"]  # the schema's and the locale's own words
    assert "短信" in heads and "电话" in heads, "the index names its codes"
    assert "已登记" in status_heads and "未到场" in status_heads, "codes as columns (unstack) are named"
    assert list(frame["channel"]) == ["sms", "email"] and styled(frame).data.equals(frame), "the data keep the codes"
    with using_language("en_US"):
        assert _shown(styled(frame))[0][:3] == ["sms", "buyer recruitment", "China"]


def test_a_code_two_enumerations_name_differently_is_named_by_its_column() -> None:
    with using_language("zh_CN"):
        assert names_for(["medium"], "size_band") == {"medium": "50-249人"}
        assert names_for(["medium", "low"], "anything") == {"medium": "中", "low": "低"}, "only priority holds both"
        assert names_for(["medium"]) is None, "a bare 'medium' could be a size or a priority: left as it is"
        assert name_of("no_show") == "未到场" and name_of("medium", "size_band") == "50-249人"
        assert name_of("Hangzhou") == "Hangzhou" and name_of(3) == "3"
    assert names_for(["sms", "free text"]) is None and names_for([1, 2]) is None


def test_margins_a_record_shown_as_rows_and_code_columns() -> None:
    orgs = pd.DataFrame({"region": ["华东", "华南", "华东"], "size_band": ["micro", "large", "large"]})
    record = pd.DataFrame({"value": ["Acme", "buyer", "CN", "machinery"]}, index=["name", "role", "country", "industry"])
    bands = pd.DataFrame({"size band": ["micro", "small"], "name": ["1-9人", "10-49人"]})
    with using_language("zh_CN"):
        _cells, heads = _shown(styled(pd.crosstab(orgs["region"], orgs["size_band"], margins=True)))
        assert {"1-9人", "250人及以上", "合计"} <= set(heads)
        assert _shown(styled(record))[0] == ["Acme", "采购商", "中国", "机械设备"]
        assert _shown(styled(bands, code_columns=["size band"]))[0] == ["micro", "1-9人", "small", "10-49人"]
        assert code_names(record).rename(record)["value"].tolist() == ["Acme", "采购商", "中国", "机械设备"]


def test_the_search_table_names_role_industry_size_and_country() -> None:
    found = pd.DataFrame({"id": [1], "company": ["测试公司"], "role": ["buyer"], "country": ["CN"],
                          "industry": ["electronics"], "size_band": ["medium"], "email": ["a@b.cn"]})
    with using_language("zh_CN"):
        shown = readable_codes(found)
    assert shown.iloc[0].tolist() == [1, "测试公司", "采购商", "中国", "电子电器", "50-249人", "a@b.cn"]
    with using_language("ko_KR"):
        assert readable_codes(found)["country"].iloc[0] == "중국"


@pytest.mark.parametrize(("tables", "texts", "found"), [
    ([{"rows": [["sms", "12"], ["phone", "3"]], "heads": []}], [], 2),            # channel codes as row labels
    ([{"rows": [["短信", "12"]], "heads": ["no_show"]}], [], 1),                   # a named column axis of codes
    ([{"rows": [["buyer = 采购商"], ["buyer", "采购商"]], "heads": []}], [], 0),   # a code beside its name
    ([{"rows": [["company", "公司名称"], ["email", "电子邮箱"]], "heads": []}], [], 0),  # a list of fields
    ([{"rows": [["sms"], ["email"]], "heads": []}], [], 2),                      # email among channel codes
    ([], ["营销活动 65（website）：报表 338", "电话不是 CN 的有效号码"], 2),          # printed codes
    ([], ["营销活动 65（网站）", "place_orders (下单采购)"], 0),
])
def test_the_lesson_check_finds_codes_shown_alone(tables, texts, found) -> None:
    assert len(codes_shown(tables, texts, "zh_CN")) == found


def test_a_refused_survey_answer_lists_the_codes_with_their_names() -> None:
    from labkit.surveys import load_questionnaire
    from labkit.widgets import answer_problems

    with using_language("zh_CN"):
        problems = answer_problems(load_questionnaire(), {"purpose": "shopping"})
    assert any("place_orders (下单采购)" in p for p in problems), problems
