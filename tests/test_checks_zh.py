"""The public checks' form-error messages of issue #11 as a zh_CN student reads them (中文提示)."""
from __future__ import annotations

import pandas as pd
import pytest

from labkit.checks import feedback, for_exercise
from labkit.i18n import using_language
from tests.test_grading_checks import ORGS, WORLD


@pytest.mark.parametrize("question, answer, words", [
    ("q1", 2000.5, "个数应该是整数"),
    ("q4", 5.85, "你给的是百分数吗？请除以 100"),
    ("q2", pd.DataFrame({"region_group": ["华东"], "customers": [1], **{f"extra_{i}": [0] for i in range(18)}}),
     "只保留题目要求的列（region_group, customers）；去掉 extra_0"),
    ("q2", ORGS["region_group"].value_counts(), "这是一个 Series"),
])
def test_form_errors_are_told_in_chinese(question, answer, words) -> None:
    with using_language("zh_CN"):
        passed, message = feedback("lab1_classification", question, answer, WORLD)
    assert not passed and words in message, message
    assert "missing" not in message and "Series (" not in message


def test_a_check_before_its_answer_cell_says_so_in_chinese(capsys) -> None:
    check = for_exercise("lab1_classification")
    world = WORLD  # noqa: F841 - found by check() in the caller's namespace, as in a notebook
    with using_language("zh_CN"):
        assert check("q1") is False
    assert "q1_answer 还没有定义：请先运行上面的答题单元格" in capsys.readouterr().out
