"""The questionnaire file agrees with the world's schema."""
from __future__ import annotations

import json

import pytest

from labkit.surveys import load_questionnaire
from labkit.surveys.questionnaire import QUESTIONNAIRE_FILE
from labkit.world.schema import ENUMS, LIKERT_ITEMS, likert_dimensions, table


def test_likert_items_match_schema() -> None:
    q = load_questionnaire()
    assert q.dimension_items() == likert_dimensions()
    for item in (i for d in q.dimensions for i in d.items):
        spec = LIKERT_ITEMS[item.column]
        assert (item.dimension, item.en, item.zh) == (spec.group, spec.wording.en, spec.wording.zh)


def test_every_question_is_a_survey_column() -> None:
    q = load_questionnaire()
    columns = set(table("survey_responses").column_names)
    assert {x.column for x in q.questions} <= columns
    assert {"recommend", "purpose", "heard_from", "purchase_volume_change", "future_visit", "future_exhibit"} <= {
        x.column for x in q.others
    }


def test_scales_and_options() -> None:
    q = load_questionnaire()
    assert (q.likert.low, q.likert.high, q.likert.midpoint) == (1, 5, 3.0)
    assert len(q.likert.labels) == 5 and all(p.en and p.zh for p in q.likert.labels)
    assert q.question("recommend").scale.values == tuple(range(11))
    purpose = q.question("purpose")
    assert list(purpose.options) == list(ENUMS["visit_purpose"].codes)
    seven = load_questionnaire(likert_scale="likert7")
    assert seven.likert.points == 7 and seven.likert.midpoint == 4.0
    assert seven.question("content_exhibits").scale.high == 7


def test_bad_files_are_explained(tmp_path) -> None:
    raw = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="no scale"):
        load_questionnaire(likert_scale="likert9")
    raw["questions"][1]["enum"] = "colours"
    path = tmp_path / "q.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown answer list"):
        load_questionnaire(path)


def test_relationship_constructs_match_schema() -> None:
    from labkit.world.schema import RELATIONSHIP_ITEMS, relationship_constructs

    q = load_questionnaire()
    assert q.construct_items() == relationship_constructs()
    assert list(relationship_constructs()) == ["trust", "belonging", "friendship", "loyalty"]
    for item in (i for d in q.constructs for i in d.items):
        spec = RELATIONSHIP_ITEMS[item.column]
        assert (item.dimension, item.en, item.zh) == (spec.group, spec.wording.en, spec.wording.zh)
        assert item.scale.name == "agree5" and item.scale.labels[-1].en == "Strongly agree"
    assert load_questionnaire(likert_scale="likert7").question("trust_promises").scale.high == 5  # own scale
    assert set(RELATIONSHIP_ITEMS) <= {x.column for x in q.questions}


def test_constructs_without_their_scale_are_explained(tmp_path) -> None:
    raw = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    del raw["relationship_scale"]
    path = tmp_path / "q.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="relationship_scale"):
        load_questionnaire(path)
