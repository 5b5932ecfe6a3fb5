"""Survey form: validation and storing as pure functions, and the widget's submit flow."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit.surveys import load_questionnaire
from labkit.widgets.survey_form import (
    SurveyForm,
    answer_problems,
    append_response,
    save_csv,
)
from labkit.world.container import conform
from labkit.world.schema import LIKERT_ITEMS, RELATIONSHIP_ITEMS

Q = load_questionnaire()
GOOD = {**{col: 4 for col in [*LIKERT_ITEMS, *RELATIONSHIP_ITEMS]}, "recommend": 9, "purpose": "find_suppliers", "heard_from": "email",
        "purchase_volume_change": "increase", "future_visit": "definitely", "future_exhibit": "no"}


def _existing() -> pd.DataFrame:
    row = {**GOOD, "response_id": 41, "edition_id": 6, "org_id": 7, "role": "buyer", "submitted_at": "2025-10-20"}
    return conform("survey_responses", {k: [v] for k, v in row.items()})


def test_valid_answers_have_no_problems() -> None:
    assert answer_problems(Q, GOOD) == []
    assert answer_problems(Q, {**GOOD, "content_range": np.int64(2), "recommend": 0.0}) == []


@pytest.mark.parametrize(("change", "expected"), [
    ({"content_exhibits": 6}, "content exhibits: 6 is outside 1-5"),
    ({"recommend": 11}, "recommend: 11 is outside 0-10"),
    ({"recommend": 8.5}, "recommend: 8.5 is not a whole number"),
    ({"overall_value": "good"}, "overall value: 'good' is not a whole number"),
    ({"purpose": "shopping"}, "purpose: 'shopping' is not one of"),
    ({"overall_satisfaction": None}, "overall satisfaction: this question must be answered"),
    ({"recommend": np.nan}, "recommend: this question must be answered"),
    ({"favourite_colour": "blue"}, "favourite_colour: not a question"),
])
def test_each_problem_is_named(change: dict, expected: str) -> None:
    problems = answer_problems(Q, {**GOOD, **change})
    assert len(problems) == 1 and problems[0].startswith(expected)


def test_problems_name_the_question_in_the_display_language() -> None:
    from labkit.i18n import using_language

    with using_language("zh_CN"):
        assert answer_problems(Q, {**GOOD, "recommend": 11}) == ["推荐意愿(0-10)：11 不在 0-10 之间"]
        assert answer_problems(Q, {**GOOD, "overall_satisfaction": None}) == ["总体满意度：这道题必须回答"]
    with using_language("ko_KR"):
        assert answer_problems(Q, {**GOOD, "recommend": 11}) == ["추천 의향(0-10): 11은(는) 0-10 범위를 벗어납니다"]


def test_optional_questions_may_be_skipped() -> None:
    assert answer_problems(Q, {"overall_satisfaction": 3, "recommend": 5}) == []


def test_append_keeps_schema_dtypes_and_numbers_the_row(tmp_path) -> None:
    before = _existing()
    after = append_response(before, Q, {"overall_satisfaction": 2, "recommend": 3, "purpose": "networking"},
                            edition_id=6, org_id=8, role="exhibitor", submitted_at=pd.Timestamp("2025-10-21 15:30"))
    assert len(before) == 1 and len(after) == 2  # the input is not changed
    new = after.iloc[-1]
    assert new["response_id"] == 42 and new["role"] == "exhibitor"
    assert new["submitted_at"] == pd.Timestamp("2025-10-21")
    assert pd.isna(new["content_exhibits"]) and new["overall_satisfaction"] == 2
    assert after.dtypes.equals(before.dtypes)
    path = save_csv(after, tmp_path / "responses.csv")
    assert pd.read_csv(path)["response_id"].tolist() == [41, 42]


def test_append_refuses_invalid_answers_whole() -> None:
    with pytest.raises(ValueError, match="recommend: 12 is outside 0-10"):
        append_response(_existing(), Q, {**GOOD, "recommend": 12}, edition_id=6, org_id=8, role="buyer")
    with pytest.raises(ValueError, match="role must be"):
        append_response(_existing(), Q, GOOD, edition_id=6, org_id=8, role="visitor")
    with pytest.raises(ValueError, match="1-5 scale"):
        append_response(_existing(), load_questionnaire(likert_scale="likert7"), GOOD, edition_id=6, org_id=8, role="buyer")


def test_widget_submit_flow() -> None:
    form = SurveyForm(Q, _existing(), edition_id=6, org_id=9, role="buyer")
    assert set(form.inputs) == {q.column for q in Q.questions}
    assert form.submit_answers() is False  # nothing chosen: required questions missing
    assert "must be answered" in form.message.value and len(form.responses) == 1
    form.inputs["overall_satisfaction"].value = 5
    form.inputs["recommend"].value = 10
    form.inputs["future_visit"].value = "probably"
    assert form.submit_answers() is True
    assert len(form.responses) == 2 and form.responses["future_visit"].iloc[-1] == "probably"
    assert all(v is None for v in form.answers().values()), "the form is cleared after Submit"
    assert all(box.index == 0 for box in form.inputs.values()), "each dropdown shows — again"
    assert "Saved as response 42" in form.message.value


def test_pressing_submit_twice_stores_one_response() -> None:
    form = SurveyForm(Q, _existing(), edition_id=6, org_id=9, role="buyer")
    for column, value in GOOD.items():
        form.inputs[column].value = value
    form.submit.click()
    form.submit.click()
    assert len(form.responses) == 2
    assert "already saved as response 42" in form.message.value


def test_a_failing_submit_is_shown_in_the_form(monkeypatch) -> None:
    form = SurveyForm(Q, _existing(), edition_id=6, org_id=9, role="buyer")
    for column, value in GOOD.items():
        form.inputs[column].value = value
    monkeypatch.setattr("labkit.widgets.survey_form.append_response",
                        lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    form.submit.click()
    assert "Something went wrong" in form.message.value and "disk full" in form.message.value


@pytest.mark.parametrize("language, shown, hidden", [
    ("zh_CN", ["展后客户满意度调查问卷", "展品质量", "提交", "非常满意"], ["Quality of the exhibits", "Submit", "Very satisfied"]),
    ("en_US", ["Post-show satisfaction survey", "Quality of the exhibits", "Submit"], ["展品质量", "提交"]),
    ("ko_KR", ["제출"], ["展品质量", "Quality of the exhibits", "Submit", "提交"]),
])
def test_the_form_speaks_the_display_language_only(language: str, shown: list[str], hidden: list[str]) -> None:
    """Title, questions, answer labels and the button: one language, not English above Chinese."""
    from ipywidgets import HTML, Button, Dropdown

    from labkit.i18n import using_language

    with using_language(language):
        form = SurveyForm(Q, _existing(), edition_id=6, org_id=9, role="buyer")
    texts: list[str] = []
    stack = [form.widget]
    while stack:
        widget = stack.pop()
        stack += list(getattr(widget, "children", ()))
        if isinstance(widget, HTML):
            texts.append(widget.value)
        elif isinstance(widget, Button):
            texts.append(widget.description)
        elif isinstance(widget, Dropdown):
            texts += [label for label, _value in widget.options]
    text = "\n".join(texts)
    assert all(word in text for word in shown), text
    assert not any(word in text for word in hidden), text
