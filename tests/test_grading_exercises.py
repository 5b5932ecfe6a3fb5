"""The lab exercises' reference answers: right on hand-made worlds (exact), equal to the kit's
analytics (a second implementation), of the form the public checks ask for, and personal."""
from __future__ import annotations

import json
import shutil
import sqlite3
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pandas as pd
import pytest

import labkit
from labkit.checks import public_problems, public_specs
from labkit.classification import forecast_participation, participation_examples
from labkit.clv import brand_switching_clv
from labkit.clv.formulas import group_clv
from labkit.grading import reference
from labkit.grading.grade import grade
from labkit.grading.reference import lab1_classification, lab2_clv, lab3_surveys, lab4_campaigns
from labkit.grading.release import default_masters
from labkit.surveys.nps import nps

pytestmark = pytest.mark.slow
LABS = ["lab1_classification", "lab2_clv", "lab3_surveys", "lab4_campaigns"]
STUDENTS = ["s001", "s002", "s003"]


@pytest.fixture(scope="module")
def worlds():
    return {s: labkit.load_world(student_id=s) for s in STUDENTS}


@pytest.mark.parametrize("exercise", LABS)
def test_references_pass_their_public_checks_and_are_personal(exercise, worlds) -> None:
    module = reference.module(exercise)
    specs = public_specs(exercise)
    personal = set()
    for question, spec in specs.items():
        if spec["type"] in ("text", "plan"):  # a plan's reference is the benchmark's outcome (test_campaign_simulator)
            continue
        values = []
        for student, world in worlds.items():
            value = module.expected(question, world)
            assert public_problems(spec, value, world) == [], (exercise, question, student)
            values.append(value.to_json() if isinstance(value, pd.DataFrame) else repr(value))
        if len(set(values)) > 1:
            personal.add(question)
    assert personal, f"{exercise}: every answer is the same for every student"


def test_group_clv_matches_the_kits_formula(worlds) -> None:
    world = worlds["s001"]
    customers, lost, revenue = lab2_clv._group(world)
    oracle = group_clv(customers, lost, lab2_clv.MARGIN * revenue, lab2_clv.DISCOUNT_RATE)
    assert lab2_clv.expected("q2", world) == pytest.approx(float(oracle.churn_rate), rel=1e-12)
    assert lab2_clv.expected("q3", world) == pytest.approx(float(oracle.clv_per_customer), rel=1e-12)


def test_group_clv_on_a_hand_made_world() -> None:
    """Three exhibitors book in 2023, one does not come back in 2024: churn 1/3, lifetime 3 years."""
    editions = pd.DataFrame({"edition_id": [1, 2], "year": [2023, 2024]})
    bookings = pd.DataFrame({"edition_id": [1, 1, 1, 2, 2, 1], "org_id": [10, 11, 12, 10, 11, 13],
                             "price": [100.0, 200.0, 300.0, 50.0, 50.0, 999.0],
                             "status": ["confirmed"] * 5 + ["cancelled"]})
    world = SimpleNamespace(tables={"editions": editions, "booth_bookings": bookings})
    assert lab2_clv.expected("q2", world) == pytest.approx(1 / 3)
    profit = Fraction(3, 10) * 600 / 3  # 60 a year per customer
    factor = (1 - Fraction(100, 108) ** 3) / Fraction(8, 100)
    assert lab2_clv.expected("q3", world) == pytest.approx(float(profit * factor), rel=1e-12)
    q1 = lab2_clv.expected("q1", world).set_index("edition_id")["revenue"].to_dict()
    assert q1 == {1: 600.0, 2: 100.0}


def test_brand_switching_clv_by_hand_and_by_the_kit() -> None:
    """Rival last: p(ours) in years 1-4 is 1/4, 3/8, 7/16, 15/32 (a = 3/4, b = 1/4), margin 200, d = 8 %."""
    chances = [Fraction(1, 4), Fraction(3, 8), Fraction(7, 16), Fraction(15, 32)]
    by_hand = sum(200 * p / Fraction(108, 100) ** t for t, p in enumerate(chances, start=1))
    assert lab2_clv.expected("q5", None) == pytest.approx(float(by_hand), rel=1e-12)
    kit = brand_switching_clv(1, lab2_clv.SWITCH_MARGIN, lab2_clv.DISCOUNT_RATE, lab2_clv.SWITCH_YEARS, "rival",
                              lab2_clv.P_OURS_AFTER_OURS, lab2_clv.P_OURS_AFTER_RIVAL)
    assert lab2_clv.expected("q5", None) == pytest.approx(kit, rel=1e-12)


def test_brand_switching_question_is_graded(tmp_path: Path) -> None:
    """The right CLV gets q5's points; the CLV of a customer who bought ours last does not."""
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(default_masters() / "lab2_clv.ipynb", masters)
    right = lab2_clv.expected("q5", None)
    wrong = brand_switching_clv(1, 200, 0.08, 4, "ours", 0.75, 0.25)
    for student, value in {"s001": right, "s002": wrong}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f"q5_answer = {value!r}")]
        (tmp_path / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, tmp_path / "subs" / student / "lab2_clv.ipynb")
    grade(tmp_path / "subs", tmp_path / "out", masters, workers=1, progress=False)
    rows = dict(sqlite3.connect(tmp_path / "out" / "gradebook.sqlite").execute(
        "SELECT student_id, score FROM grades WHERE question = 'q5'").fetchall())
    assert rows == {"s001": 3.0, "s002": 0.0}, rows


def test_tree_answers_match_the_kits_forecast(worlds) -> None:
    """The reference builds its examples apart from the kit; both agree, and the tree beats the baseline."""
    world = worlds["s001"]
    mine = lab1_classification._participation_examples(world).sort_values(["position", "org_id"])
    kit = participation_examples(world).sort_values(["position", "org_id"])
    columns = ["org_id", "position", "came_last", "times", "is_exhibitor", "came"]
    assert mine[columns].to_numpy().tolist() == kit[columns].to_numpy().tolist()
    forecast = forecast_participation(world)
    assert lab1_classification.expected("q9", world) == pytest.approx(forecast.baseline_accuracy, rel=1e-12)
    assert lab1_classification.expected("q10", world) > lab1_classification.expected("q9", world)


def test_tree_answers_on_a_hand_made_world() -> None:
    """Edition 2 follows 10, 13 (came) and 11 (only registered); edition 3 follows 10, 11 (came), 12
    (cancelled) and 13 (stayed away). Training: 2 of 3 came, so the commonest outcome is "came"; held out
    it is right for 2 of 4. Too few examples for a leaf of 20: the tree cannot split and forecasts the
    commonest outcome too."""
    editions = pd.DataFrame({"edition_id": [1, 2, 3], "start_date": ["2024-04-01", "2024-10-01", "2025-04-01"]})
    bookings = pd.DataFrame({"edition_id": [1, 2, 2, 3, 3], "org_id": [10, 10, 12, 12, 10],
                             "status": ["confirmed", "confirmed", "confirmed", "cancelled", "confirmed"]})
    registrations = pd.DataFrame({"edition_id": [1, 2, 3, 1, 2], "org_id": [11, 11, 11, 13, 13],
                                  "status": ["attended", "registered", "attended", "attended", "attended"]})
    orgs = pd.DataFrame({"org_id": [10, 11, 12, 13], "role": ["exhibitor", "buyer", "exhibitor", "buyer"]})
    world = SimpleNamespace(tables={"editions": editions, "booth_bookings": bookings,
                                    "registrations": registrations, "organisations": orgs})
    assert lab1_classification.expected("q9", world) == pytest.approx(1 / 2)
    assert lab1_classification.expected("q10", world) == pytest.approx(1 / 2)


def test_tree_questions_are_graded(tmp_path: Path, worlds) -> None:
    """Right accuracies get q9's and q10's points; swapped ones get none."""
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(default_masters() / "lab1_classification.ipynb", masters)
    world = worlds["s001"]
    baseline, tree = (lab1_classification.expected(q, world) for q in ("q9", "q10"))
    for student, (q9, q10) in {"s001": (baseline, tree), "s002": (tree, baseline)}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f"q9_answer = {q9!r}\nq10_answer = {q10!r}")]
        (tmp_path / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, tmp_path / "subs" / student / "lab1_classification.ipynb")
    grade(tmp_path / "subs", tmp_path / "out", masters, workers=1, progress=False)
    rows = {(s, q): score for s, q, score in sqlite3.connect(tmp_path / "out" / "gradebook.sqlite").execute(
        "SELECT student_id, question, score FROM grades WHERE question IN ('q9', 'q10')")}
    assert rows[("s001", "q9")] == 2.0 and rows[("s001", "q10")] == 3.0, rows
    assert rows[("s002", "q9")] == 0.0 and rows[("s002", "q10")] == 0.0, rows


def test_nps_matches_the_kits_survey_module(worlds) -> None:
    world = worlds["s002"]
    assert lab3_surveys.expected("q1", world) == pytest.approx(nps(world.survey_responses["recommend"]), rel=1e-12)


def test_survey_answers_on_a_hand_made_world() -> None:
    from labkit.world.schema import LIKERT_ITEMS

    answers = pd.DataFrame({c: pd.array([4, 2, None, 5], dtype="Int64") for c in LIKERT_ITEMS})
    answers["recommend"] = pd.array([10, 9, 7, 3], dtype="Int64")
    answers["role"] = ["buyer", "buyer", "exhibitor", "buyer"]
    answers["future_visit"] = ["definitely", "no", "probably", None]
    world = SimpleNamespace(tables={"survey_responses": answers})
    assert lab3_surveys.expected("q1", world) == 25.0  # (2 promoters - 1 detractor) / 4
    assert lab3_surveys.expected("q4", world) == 0.5  # buyers who answered: definitely, no
    q3 = lab3_surveys.expected("q3", world).set_index("dimension")["mean"]
    assert q3.to_dict() == {d: pytest.approx(11 / 3) for d in ("content", "organisation", "interaction", "overall")}


def test_campaign_answers_on_a_hand_made_world() -> None:
    campaigns = pd.DataFrame({"campaign_id": [1, 2], "edition_id": [1, 1], "kind": ["buyer_recruitment", "exhibitor_recruitment"],
                              "channel": ["email", "phone"], "theme": ["t1", "t2"], "budget": [1000.0, 500.0],
                              "actual_cost": [900.0, 400.0]})
    invitations = pd.DataFrame({"invitation_id": [1, 2, 3, 4, 5], "campaign_id": [1, 1, 1, 2, 2],
                                "org_id": [10, 11, 12, 20, 21],
                                "responded": [True, True, True, True, False],
                                "confirmed": [True, True, True, False, False],
                                "attended": [True, True, True, False, False]})
    # campaign 1 won buyers 10 and 11 (both checked in; 11 registered twice) and 12 (a no-show);
    # buyer 13 came without a campaign. Campaign 2 won exhibitor 20 (two confirmed booths) and 21
    # (reserved only, so it did not actually come).
    registrations = pd.DataFrame({"org_id": [10, 11, 11, 12, 13], "edition_id": [1] * 5,
                                  "campaign_id": pd.array([1, 1, 1, 1, None], dtype="Int64"),
                                  "status": ["attended", "attended", "attended", "no_show", "attended"]})
    bookings = pd.DataFrame({"org_id": [20, 20, 21], "edition_id": [1] * 3, "price": [100.0, 100.0, 50.0],
                             "campaign_id": pd.array([2, 2, 2], dtype="Int64"),
                             "status": ["confirmed", "confirmed", "reserved"]})
    world = SimpleNamespace(tables={"campaigns": campaigns, "invitations": invitations,
                                    "registrations": registrations, "booth_bookings": bookings})
    q1 = lab4_campaigns.expected("q1", world).set_index("kind")
    assert q1.loc["buyer_recruitment"].tolist() == [3, 3, 3, 3]
    assert q1.loc["exhibitor_recruitment"].tolist() == [2, 1, 0, 0]
    q2 = lab4_campaigns.expected("q2", world).set_index("channel")["response_rate"].to_dict()
    assert q2 == {"email": 1.0, "phone": 0.5}
    # cost per attendee: campaign 1 900 / 2 buyers who came (not 3 attended invitations: 300),
    # campaign 2 400 / 1 exhibitor (it has no attended invitation at all)
    q3 = lab4_campaigns.expected("q3", world)
    assert q3.to_dict("list") == {"campaign_id": [1, 2], "cost_per_attendee": [450.0, 400.0]}


def test_numbers_copied_from_another_students_world_are_flagged(tmp_path: Path, worlds) -> None:
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(default_masters() / "lab1_classification.ipynb", masters)
    theirs = reference.expected("lab1_classification", "q2", worlds["s001"]).to_dict("list")
    mine = reference.expected("lab1_classification", "q2", worlds["s002"]).to_dict("list")
    assert theirs != mine
    for student, source in {"s001": f"import pandas as pd\nq2_answer = pd.DataFrame({theirs!r})",
                           "s002": f"import pandas as pd\nq2_answer = pd.DataFrame({theirs!r})  # copied"}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source)]
        (tmp_path / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, tmp_path / "subs" / student / "lab1_classification.ipynb")
    grade(tmp_path / "subs", tmp_path / "out", masters, workers=2, progress=False)
    rows = {(s, st): m for s, st, m in sqlite3.connect(tmp_path / "out" / "gradebook.sqlite").execute(
        "SELECT student_id, status, message FROM grades WHERE question = 'q2'")}
    assert ("s001", "correct") in rows, rows
    assert "another student's world" in rows.get(("s002", "flagged"), ""), rows  # never names s001 to s002
    assert "s001" not in rows[("s002", "flagged")]
    for suffix in (".md", ".html"):  # nor does the copier's feedback, in either form
        assert "s001" not in (tmp_path / "out" / "feedback" / f"s002{suffix}").read_text(encoding="utf-8")
    log = json.loads((tmp_path / "out" / "grading_log.json").read_text(encoding="utf-8"))
    assert any("world of s001" in w for w in log["warnings"]), log  # the instructor gets the name


def test_relationship_answers_match_the_kit_and_pingouin(worlds) -> None:
    import pingouin as pg

    from labkit.surveys import cronbach_alpha

    world = worlds["s002"]
    trust = world.survey_responses[["trust_promises", "trust_honest", "trust_interests"]]
    assert lab3_surveys.expected("q6", world) == pytest.approx(cronbach_alpha(trust).alpha, rel=1e-12)
    assert lab3_surveys.expected("q6", world) == pytest.approx(pg.cronbach_alpha(trust.astype(float).dropna())[0], rel=1e-9)
    cols = ["overall_satisfaction", "overall_value", "trust_promises", "trust_honest", "trust_interests"]
    both = world.survey_responses[cols].astype(float).dropna()
    r = np.corrcoef(both[cols[:2]].mean(axis=1), both[cols[2:]].mean(axis=1))[0, 1]
    assert lab3_surveys.expected("q7", world) == pytest.approx(r, rel=1e-12)
    assert 0.2 < r < 0.8  # the world's chain makes trust grow with satisfaction


def test_membership_answer_matches_the_kit(worlds) -> None:
    from labkit.relationship import membership

    world = worlds["s002"]
    kit = membership(world)["tier"].astype(str)
    assert lab3_surveys.expected("q8", world) == pytest.approx((kit != "member").mean(), rel=1e-12)


@pytest.mark.parametrize(("language", "script"), [("zh_CN", r"[\u4e00-\u9fff]"), ("ko_KR", r"[\uac00-\ud7a3]"),
                                                  ("en_US", r"^[^\u4e00-\u9fff\uac00-\ud7a3]+$")])
def test_open_model_answers_speak_the_answer_keys_language(language: str, script: str) -> None:
    """The model answer of every open question of a lab and of the quiz is in the language of its answer key (参考答案)."""
    import re

    from labkit.i18n import using_language

    answers = {}
    keys = Path(__file__).resolve().parents[1] / "exercises" / language
    for path in [*sorted(keys.glob("lab*.ipynb")), keys / "quiz.ipynb"]:
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("labkit", {})
            if meta.get("kind") == "open":
                namespace: dict[str, object] = {}
                with using_language(language):
                    exec(cell.source, namespace)  # the solution block: an import and the assignment
                answers[f"{path.stem}.{meta['question']}"] = namespace[meta["variable"]]
    assert len(answers) == 7  # lab1 q6, lab2 q4, lab3 q5, lab4 q4; the quiz's sa01, sa02, case01
    wrong = {q: a for q, a in answers.items() if not (isinstance(a, str) and re.search(script, a) and len(a) >= 40)}
    assert wrong == {}
