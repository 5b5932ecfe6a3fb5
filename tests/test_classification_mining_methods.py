"""Data mining beyond k-means (决策树、关联分析、偏差分析), each against an independent check."""
from __future__ import annotations

import pandas as pd
import pytest

import labkit
from labkit.classification.association import interest_baskets, interest_rules, rule_measures
from labkit.classification.deviation import behaviour_changes
from labkit.classification.participation_tree import forecast_participation, participation_examples
from labkit.errors import UsageError
from labkit.i18n import using_language


@pytest.fixture(scope="module")
def world() -> labkit.World:
    return labkit.load_world()


# --- decision tree -------------------------------------------------------------------------

def test_tree_beats_the_commonest_outcome_on_the_held_out_edition(world: labkit.World) -> None:
    f = forecast_participation(world)
    assert f.holdout_edition == int(world.editions["edition_id"].max())
    assert f.accuracy > f.baseline_accuracy
    # the baseline, counted independently: the commonest outcome of the training rows
    ex = participation_examples(world)
    train = ex[ex["edition_id"] < f.holdout_edition]
    common = train["came"].value_counts().idxmax()
    assert f.baseline == common
    assert f.baseline_accuracy == pytest.approx((f.holdout["came"] == common).mean())


def test_examples_follow_the_participations(world: labkit.World) -> None:
    ex = participation_examples(world)
    took = set(zip(labkit.facts.participations(world)["org_id"], labkit.facts.participations(world)["edition_id"], strict=True))
    assert ex["came"].to_numpy().tolist() == [(o, e) in took for o, e in zip(ex["org_id"], ex["edition_id"], strict=True)]
    assert (ex["times"] >= 1).all() and (ex["since_last"] >= 1).all()
    assert ((ex["since_last"] == 1) == (ex["came_last"] == 1)).all()


def test_rules_are_one_sentence_per_leaf_in_the_display_language(world: labkit.World) -> None:
    f = forecast_participation(world)
    rules = f.rules()
    assert len(rules) == f.tree.get_n_leaves()
    assert all(r.startswith("If ") and r.endswith(".") for r in rules)
    with using_language("zh_CN"):
        zh = f.rules()
    assert all(r.startswith("如果") for r in zh) and not any("took part" in r for r in zh)


def test_tree_is_deterministic(world: labkit.World) -> None:
    a, b = forecast_participation(world, seed=3), forecast_participation(world, seed=3)
    assert a.rules() == b.rules() and a.accuracy == b.accuracy


# --- association rules ---------------------------------------------------------------------

def _textbook_baskets() -> pd.DataFrame:
    rows = [{"A", "B"}, {"A", "C"}, {"A", "B", "C"}, {"B"}, {"A", "B"}]
    return pd.DataFrame([{i: i in r for i in "ABC"} for r in rows])


def test_rule_numbers_match_a_hand_computed_case() -> None:
    # five baskets: A in 4, B in 4, A and B together in 3
    # support(A->B) = 3/5, confidence = 3/4, lift = (3/4) / (4/5) = 0.9375
    b = _textbook_baskets()
    assert rule_measures(b, ["A"], ["B"]) == pytest.approx({"support": 0.6, "confidence": 0.75, "lift": 0.9375})
    rules = interest_rules(b, min_support=0.2, min_confidence=0.1)
    row = rules[(rules["antecedent_items"] == ("A",)) & (rules["consequent_items"] == ("B",))].iloc[0]
    assert (row["support"], row["confidence"], row["lift"]) == pytest.approx((0.6, 0.75, 0.9375))
    # C -> A: support 2/5, confidence 2/2 = 1, lift 1 / (4/5) = 1.25
    row = rules[(rules["antecedent_items"] == ("C",)) & (rules["consequent_items"] == ("A",))].iloc[0]
    assert (row["support"], row["confidence"], row["lift"]) == pytest.approx((0.4, 1.0, 1.25))


def test_world_rules_find_the_planted_pairs(world: labkit.World) -> None:
    baskets = interest_baskets(world)
    assert len(baskets) == world.product_interests["org_id"].nunique()
    rules = interest_rules(baskets)
    top = set(zip(rules["antecedent_items"].head(8), rules["consequent_items"].head(8), strict=True))
    assert (("furniture_home",), ("building_materials",)) in top
    for _, r in rules.head(5).iterrows():
        assert r["lift"] == pytest.approx(rule_measures(baskets, list(r["antecedent_items"]),
                                                        list(r["consequent_items"]))["lift"])


def test_association_bad_input_is_one_sentence() -> None:
    with pytest.raises(UsageError, match="min_support must be a number strictly between 0 and 1"):
        interest_rules(_textbook_baskets(), min_support=5)
    with pytest.raises(UsageError, match="no buyer is interested in toys"):
        rule_measures(_textbook_baskets(), ["toys"], ["A"])


# --- deviation analysis --------------------------------------------------------------------

def _planted_world() -> dict[str, pd.DataFrame]:
    """Six editions; exhibitor 1 steady, 2 stops after four, 3 pays 40% lately; buyer 4 buys five times more."""
    editions = pd.DataFrame({"edition_id": range(1, 7), "exhibition_id": 1,
                             "start_date": pd.to_datetime([f"{2023 + i // 2}-{'04' if i % 2 == 0 else '10'}-15" for i in range(6)])})
    book = [(o, e, 10_000.0) for e in range(1, 7) for o in (1,)] + [(2, e, 8_000.0) for e in range(1, 5)]
    book += [(3, e, 10_000.0 if e <= 4 else 4_000.0) for e in range(1, 7)]
    bookings = pd.DataFrame(book, columns=["org_id", "edition_id", "price"]).assign(status="confirmed")
    registrations = pd.DataFrame({"org_id": 4, "edition_id": range(1, 7), "status": "attended"})
    deals = pd.DataFrame({"buyer_org_id": 4, "edition_id": range(1, 7),
                          "amount": [1_000.0] * 4 + [5_000.0] * 2, "stage": "signed"})
    return {"editions": editions, "booth_bookings": bookings, "registrations": registrations, "deals": deals}


def test_deviation_flags_exactly_the_planted_customers() -> None:
    got = behaviour_changes(_planted_world()).set_index("org_id")
    assert got["deviation"].to_dict() == {2: "stopped", 3: "spend_down", 4: "spend_up"}
    assert got.loc[3, "change"] == pytest.approx(4_000 / 10_000 - 1)
    assert got.loc[4, "change"] == pytest.approx(5_000 / 1_000 - 1)
    assert got.loc[2, "recent_editions"] == 0 and got.loc[2, "baseline_editions"] == 4


def test_deviation_thresholds_are_the_rule() -> None:
    # a 60% drop is flagged at drop=0.5, not at drop=0.3 (recent spend must fall below 30% then)
    assert 3 not in set(behaviour_changes(_planted_world(), drop=0.3)["org_id"])
    with pytest.raises(UsageError, match="drop must lie between 0 and 1"):
        behaviour_changes(_planted_world(), drop=1.5)


def test_stopped_customers_churn_more_often_in_the_world(world: labkit.World) -> None:
    flagged = behaviour_changes(world)
    truth = world.customer_truth.set_index("org_id")["churned"]
    stopped = flagged.loc[flagged["deviation"] == "stopped", "org_id"]
    assert truth.loc[stopped].mean() > truth.mean()
