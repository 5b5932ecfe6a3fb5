"""Student checks, the JSON answer round trip, comparison and the AST flagging of reference calls."""
from __future__ import annotations

import json
from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from labkit.checks import feedback, for_exercise, public_problems, student_id
from labkit.errors import UsageError
from labkit.grading.answers import decode
from labkit.grading.astscan import DYNAMIC_IMPORT, UNSCANNABLE, forbidden_uses
from labkit.grading.compare import compare
from labkit.grading.encoder import encode, encode_all
from labkit.grading.reference import lab1_classification as lab1

ORGS = pd.DataFrame({
    "org_id": [1, 2, 3, 4, 5],
    "name": ["A", "B", "C", "D", "E"],
    "city": ["杭州", "广州", "广州", "北京", "上海"],
    "role": ["exhibitor", "buyer", "buyer", "exhibitor", "buyer"],
    "region_group": ["华东", "华南", "华南", "华北", "华东"],
    "industry": pd.Categorical(["electronics", "electronics", "machinery", "machinery", "electronics"]),
    "employees": [300, 260, 20, 5, 100],
    "size_band": pd.Categorical(["large", "large", "small", None, "medium"]),
})
WORLD = SimpleNamespace(tables={"organisations": ORGS})


def test_region_check_names_the_rule_not_the_number() -> None:
    wrong = pd.DataFrame({"region_group": ["华东"] * 4, "customers": [1, 2, 3, 4]})
    passed, message = feedback("lab1_classification", "q2", wrong, WORLD)
    assert not passed
    assert "one row per region group" in message and "got 4 rows" in message
    assert " 3 " not in message and "3 rows" not in message  # the world has 3 region groups
    assert "Hidden checks" in message


def test_passing_check_says_hidden_checks_run_at_grading() -> None:
    right_shape = pd.DataFrame({"region_group": ["华东", "华南", "华北"], "customers": [9, 9, 9]})
    passed, message = feedback("lab1_classification", "q2", right_shape, WORLD)
    assert passed and "not a score" in message


def test_none_is_not_answered_and_does_not_raise(capsys) -> None:
    check = for_exercise("quiz")
    assert check("sc01", None) is False
    assert "not answered yet" in capsys.readouterr().out


@pytest.mark.parametrize("answer, ok", [("b", True), (" B ", True), ("AB", False), ("E", False), (2, False)])
def test_single_choice_form(answer, ok) -> None:
    assert (public_problems({"type": "choice", "options": "ABCD"}, answer) == []) is ok


def test_multiple_choice_accepts_a_set_or_letters() -> None:
    spec = {"type": "choices", "options": "ABCD"}
    assert public_problems(spec, {"c", "a", "b"}) == []
    assert compare(spec, {"c", "a", "b"}, "ABC")[0]
    assert compare(spec, "A, C, B", "ABC")[0]
    assert not compare(spec, "AB", "ABC")[0]


def test_student_id_from_the_environment_wins(monkeypatch) -> None:
    monkeypatch.setenv("LABKIT_STUDENT_ID", "s042")
    assert student_id("s001") == "s042"
    monkeypatch.delenv("LABKIT_STUDENT_ID")
    with pytest.raises(UsageError):
        student_id("../etc")


def test_reference_answers_on_a_hand_made_world() -> None:
    """Oracle: counted by hand from the five organisations above."""
    assert lab1.expected("q1", WORLD) == 2
    q2 = lab1.expected("q2", WORLD).set_index("region_group")["customers"].to_dict()
    assert q2 == {"华东": 2, "华南": 2, "华北": 1}
    q3 = lab1.expected("q3", WORLD).set_index("industry")
    assert q3.loc["electronics"].tolist() == [1, 2] and q3.loc["machinery"].tolist() == [1, 1]
    assert Fraction(lab1.expected("q4", WORLD)).limit_denominator(10) == Fraction(2, 4)
    assert lab1.expected("q5", WORLD)["org_id"].tolist() == [2]


@pytest.mark.parametrize("value", [
    3, 2.5, np.int64(7), np.float64(0.25), True, "文本", None, {"a": 1.5},
    pd.DataFrame({"x": [1, 2], "y": ["a", "b"]}),
])
def test_json_round_trip(value) -> None:
    encoded = json.loads(json.dumps(encode(value)))
    present, back = decode(encoded)
    assert present
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(back, value)
    else:
        assert back == value


def test_indexed_series_comes_back_as_a_frame() -> None:
    series = pd.Series([3, 4], index=pd.Index(["华东", "华南"], name="region_group"), name="customers")
    present, back = decode(encode(series))
    assert present and back.to_dict("list") == {"region_group": ["华东", "华南"], "customers": [3, 4]}


def test_unknown_objects_and_oversized_payloads_are_marked() -> None:
    assert encode(object())["kind"] == "unsupported"
    out = encode_all({"big": "x" * 5000, "small": 1}, ["big", "small", "absent"], max_bytes=1000)
    assert out == {"big": {"kind": "too_large"}, "small": {"kind": "too_large"}, "absent": {"kind": "too_large"}}
    assert encode_all({}, ["absent"], 1000) == {"absent": {"kind": "missing"}}


@pytest.mark.parametrize("bad", [[1, 2], {"kind": "frame", "columns": ["a"], "data": [[1, 2]]}, {"kind": "pickle", "value": "gASV"}])
def test_malformed_answers_are_not_present(bad) -> None:
    assert decode(bad) == (False, None)


def test_frames_compare_regardless_of_row_order_and_within_tolerance() -> None:
    spec = {"type": "frame", "key": ["g"]}
    expected = pd.DataFrame({"g": ["a", "b"], "v": [1.0, 2.0]})
    assert compare(spec, pd.DataFrame({"g": ["b", "a"], "v": [2.0 + 1e-9, 1.0]}), expected)[0]
    ok, message = compare(spec, pd.DataFrame({"g": ["a", "b"], "v": [1.0, 2.5]}), expected)
    assert not ok and "v" in message and "2.0" not in message
    assert not compare(spec, expected.iloc[:1], expected)[0]


def test_numbers_compare_with_the_spec_tolerance() -> None:
    assert compare({"type": "number", "rel_tol": 1e-3}, 0.50049, 0.5)[0]
    ok, message = compare({"type": "number"}, 0.51, 0.5)
    assert not ok and "0.5" not in message


@pytest.mark.parametrize("source, flagged", [
    ("from labkit.classification import dimensions", ["labkit.classification"]),
    ("import labkit as lk\nq2_answer = lk.classification.composition_table(f, 'region')", ["labkit.classification"]),
    ("import importlib\nm = importlib.import_module('labkit.grading.reference')", ["labkit.grading"]),
    ("import labkit\nworld = labkit.load_world(student_id='s1')", []),
    ("import importlib\nm = importlib.import_module('labkit' + '.classification')", ["labkit.classification"]),
    ("import importlib as il\nm = il.import_module(f'labkit.{\"grading\"}')", ["labkit.grading"]),
    ("m = __import__('.'.join(['labkit', 'classification']))", ["labkit.classification"]),
    ("import labkit\nf = getattr(labkit, 'classi' + 'fication')", ["labkit.classification"]),
    ("import labkit as lk\nf = getattr(lk.classification, 'dimensions')", ["labkit.classification"]),
    ("import importlib\nname = input()\nm = importlib.import_module(name)", [DYNAMIC_IMPORT]),
    ("exec(open('x.py').read())", [DYNAMIC_IMPORT]),
    ("x = " + "-" * 20000 + "1", [UNSCANNABLE]),  # deeper than any recursion limit (pytensor raises it to 3000)
    ("import pandas as pd\ncol = getattr(frame, 'region_group')", []),
    ("this is not python (", []),
])
def test_reference_calls_are_found(source, flagged) -> None:
    assert forbidden_uses(source, lab1.FORBIDDEN) == flagged


# -- form errors a student makes (答案格式错误), none of them revealing a value ---------------------
from labkit.i18n import set_language  # noqa: E402


@pytest.fixture()
def english():
    set_language("en_US")
    yield
    set_language(None)


@pytest.mark.parametrize("question, answer, words", [
    ("q1", 2000.5, "a count is a whole number"),
    ("q1", np.float64(3.25), "fractional part"),
    ("q1", float("nan"), "NaN"),
    ("q4", 5.85, "did you give a percentage"),
    ("q4", -0.2, "between 0 and 1"),
])
def test_number_form_errors(english, question, answer, words) -> None:
    passed, message = feedback("lab1_classification", question, answer, WORLD)
    assert not passed and words in message


@pytest.mark.parametrize("question, answer", [("q1", 2000), ("q1", np.int64(7)), ("q1", 12.0), ("q4", 0.0585),
                                              ("q4", np.float64(1.0))])
def test_numbers_of_the_right_form_pass(question, answer) -> None:
    assert feedback("lab1_classification", question, answer, WORLD)[0]


def test_an_nps_outside_its_range_is_named(english) -> None:
    passed, message = feedback("lab3_surveys", "q1", 140.0, WORLD)
    assert not passed and "between -100 and 100" in message


def test_extra_columns_are_named(english) -> None:
    wide = pd.DataFrame({"region_group": ["华东", "华南", "华北"], "customers": [1, 2, 3],
                         **{f"extra_{i}": [0, 0, 0] for i in range(18)}})
    passed, message = feedback("lab1_classification", "q2", wide, WORLD)
    assert not passed and "keep exactly the columns asked (region_group, customers)" in message
    assert "extra_0" in message and "and 12 more" in message


def test_a_value_counts_series_is_told_to_become_a_dataframe(english) -> None:
    counts = ORGS["region_group"].value_counts()
    passed, message = feedback("lab1_classification", "q2", counts, WORLD)
    assert not passed and "this is a Series" in message and "region_group, customers" in message
    assert "missing" not in message


def test_a_well_named_series_passes_as_at_grading() -> None:
    counts = ORGS.groupby("region_group").size().rename("customers")
    assert feedback("lab1_classification", "q2", counts, WORLD)[0]


def test_count_and_share_columns(english) -> None:
    halves = pd.DataFrame({"region_group": ["华东", "华南", "华北"], "customers": [1.5, 2, 3]})
    assert "holds counts" in feedback("lab1_classification", "q2", halves, WORLD)[1]
    percent = pd.DataFrame({"channel": ["email", "phone"], "response_rate": [12.5, 30.0]})
    assert "did you give percentages" in feedback("lab4_campaigns", "q2", percent, WORLD)[1]


def test_check_looks_up_the_answer_and_says_to_run_the_answer_cell(english, capsys) -> None:
    check = for_exercise("lab1_classification")
    world = WORLD  # noqa: F841 - found by check() in the caller's namespace, as in a notebook
    assert check("q1") is False
    out = capsys.readouterr().out
    assert "q1_answer is not defined yet: run the answer cell above first" in out
    q1_answer = 2  # noqa: F841
    assert check("q1") is True
    q2_answer = pd.DataFrame({"region_group": ["华东"], "customers": [5]})  # noqa: F841
    assert check("q2") is False and "one row per region group" in capsys.readouterr().out
    assert check("q1", 2, WORLD) is True  # the old call form still works
