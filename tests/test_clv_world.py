"""World CLV and value tiers on a hand-made world whose answers are worked out by hand."""
from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from labkit.clv.world_clv import TIER_LABELS, ValueAssumptions, value_tiers, world_clv, world_summary
from labkit.world import schema
from labkit.world.container import conform
from labkit.world.schema import Role

DAY = pd.Timestamp("2022-01-01")
DEFAULTS = {"int": 1, "Int": None, "float": 0.0, "bool": False, "string": "x", "date": DAY, "datetime": DAY}


def table(name: str, **columns) -> pd.DataFrame:
    """A schema-conforming table from the given columns; the others get a harmless default."""
    spec = schema.table(name)
    data = {}
    for col in spec.columns:
        if col.name in columns:
            data[col.name] = columns[col.name]
        elif col.dtype == "category":
            data[col.name] = None if col.nullable else schema.ENUMS[col.enum].codes[0]
        else:
            data[col.name] = DEFAULTS[col.dtype]
    n = max(len(v) for v in columns.values())
    return conform(name, {k: (v if not pd.api.types.is_scalar(v) and v is not None else [v] * n)
                          for k, v in data.items()})


def hand_world() -> dict[str, pd.DataFrame]:
    years = [2022, 2023, 2024]
    return {
        "organisations": table("organisations", org_id=[1, 2, 3, 4],
                               role=["exhibitor", "exhibitor", "buyer", "buyer"], created_at=[DAY] * 4),
        "editions": table("editions", edition_id=[1, 2, 3], year=years,
                          start_date=[pd.Timestamp(f"{y}-04-15") for y in years]),
        "booth_bookings": table(
            "booth_bookings", booking_id=[1, 2, 3, 4, 5], edition_id=[1, 2, 3, 1, 2], org_id=[1, 1, 1, 2, 2],
            price=[10_000.0, 10_000.0, 10_000.0, 5_000.0, 5_000.0],
            status=["confirmed", "confirmed", "confirmed", "confirmed", "cancelled"]),
        "registrations": table(
            "registrations", registration_id=[1, 2, 3, 4], edition_id=[2, 3, 1, 2], org_id=[3, 3, 4, 4],
            status=["attended", "attended", "attended", "no_show"]),
        "deals": table("deals", deal_id=[1, 2], edition_id=[3, 3], buyer_org_id=[3, 3], exhibitor_org_id=[1, 1],
                       amount=[100_000.0, 50_000.0], stage=["signed", "intention"]),
        "contact_log": table("contact_log", log_id=[1, 2, 3], org_id=[1, 2, 3], cost=[100.0, 3000.0, 10.0],
                             at=[pd.Timestamp("2024-02-01"), pd.Timestamp("2023-02-01"), pd.Timestamp("2024-03-01")]),
        "complaints": table("complaints", complaint_id=[1], org_id=[1], edition_id=[2], handling_cost=[200.0],
                            opened_at=[pd.Timestamp("2023-04-16")]),
    }


ASSUME = ValueAssumptions(booth_margin=0.4, deal_share=0.02, value_per_visit=50.0, discount_rate=0.1)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return world_clv(hand_world(), ASSUME)


def test_history_and_cost_to_serve(values) -> None:
    assert values.loc[1, ["margin", "cost_to_serve", "net_value"]].tolist() == pytest.approx([12_000, 300, 11_700])
    # the cancelled booking brings nothing; the contacts cost more than the booth earned
    assert values.loc[2, ["margin", "cost_to_serve", "net_value"]].tolist() == pytest.approx([2_000, 3_000, -1_000])
    # buyer: 2 visits x 50 + 2 % of the signed 100,000 (the intention does not count)
    assert values.loc[3, ["margin", "cost_to_serve"]].tolist() == pytest.approx([2_100, 10])
    assert values.loc[4, "net_value"] == pytest.approx(50)


def test_retention_is_measured_per_role(values) -> None:
    # exhibitors: 1 came back after 2022 and 2023, 2 did not after 2022 -> 2/3; buyers 1/2
    assert values.loc[1, "retention"] == pytest.approx(2 / 3)
    assert values.loc[3, "retention"] == pytest.approx(1 / 2)


def test_future_value_uses_the_margin_multiple(values) -> None:
    # exhibitor 1: 3,900 a year x (2/3) / (1.1 - 2/3) = 3,900 x 20/13 = 6,000
    assert values.loc[1, "expected_future_value"] == pytest.approx(6_000)
    assert values.loc[1, "lifetime_value"] == pytest.approx(17_700)
    # buyer 3: 2,090 / 3 a year x 0.5 / 0.6
    assert values.loc[3, "lifetime_value"] == pytest.approx(float(2090 + F(2090, 3) * F(5, 6)))
    # lapsed customers have no future value
    assert values.loc[[2, 4], "expected_future_value"].tolist() == [0, 0]


def test_value_tiers(values) -> None:
    tiers = value_tiers(values, top_share=0.5)
    assert tiers.to_dict() == {1: "most_valuable", 2: "negative_value", 3: "most_valuable", 4: "second_tier"}
    assert set(tiers.cat.categories) == set(TIER_LABELS) and TIER_LABELS["negative_value"].zh == "负值客户"
    # ranked together, the exhibitor outranks both buyers
    together = value_tiers(values, top_share=0.3, within=None)
    assert together.to_dict() == {1: "most_valuable", 2: "negative_value", 3: "second_tier", 4: "second_tier"}


def test_tier_errors_are_clear(values) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        value_tiers(values, top_share=20)
    with pytest.raises(ValueError, match="no column"):
        value_tiers(values, by="profit_margin")


def test_bad_assumptions_and_missing_tables() -> None:
    with pytest.raises(ValueError, match="share between 0 and 1"):
        world_clv(hand_world(), ValueAssumptions(booth_margin=40))
    world = hand_world()
    del world["deals"]
    with pytest.raises(ValueError, match="no .deals. table"):
        world_clv(world)


def test_world_summary_of_buyers() -> None:
    s = world_summary(hand_world(), "buyer")
    # buyer 3 came in 2023 and 2024 (one repeat, 2024 deals 100,000); buyer 4 once in 2022
    assert s.loc[3, "frequency"] == 1 and s.loc[3, "monetary_value"] == 100_000
    assert s.loc[3, "recency"] == pytest.approx(366 / 7) and s.loc[3, "T"] == pytest.approx(366 / 7)
    assert s.loc[4, "frequency"] == 0 and s.loc[4, "T"] == pytest.approx(731 / 7)


def test_agrees_with_the_naive_loop_on_a_random_world() -> None:
    from bench.bench_clv import synthetic_world
    from bench.naive_clv import naive_world_clv

    world = synthetic_world(n_buyers=3000, n_exhibitors=300, seed=7)
    a = ValueAssumptions(booth_margin=0.3, deal_share=0.05, value_per_visit=20.0, discount_rate=0.06)
    ours = world_clv(world, a)
    naive = naive_world_clv(world, a.booth_margin, a.deal_share, a.value_per_visit, a.discount_rate)
    assert ours["lifetime_value"].to_dict() == pytest.approx(naive, rel=1e-9, abs=1e-6)
    tiers = value_tiers(ours)
    assert (tiers[ours["lifetime_value"] < 0] == "negative_value").all()
    # within each role the most valuable are worth at least as much as every second-tier customer
    for _role, group in ours.groupby("role"):
        t = tiers[group.index]
        assert group.loc[t == "most_valuable", "lifetime_value"].min() >= group.loc[t == "second_tier", "lifetime_value"].max()
        assert (t == "most_valuable").sum() == np.ceil(0.2 * (group["lifetime_value"] >= 0).sum())


@given(st.lists(st.tuples(st.sampled_from(Role.codes()),
                          st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=60, unique_by=lambda t: t[1]),
       st.floats(0.01, 0.99))
def test_tier_rules_hold_for_any_values(rows, share) -> None:
    values = pd.DataFrame(rows, columns=["role", "lifetime_value"])
    tiers = value_tiers(values, top_share=share)
    assert ((tiers == "negative_value") == (values["lifetime_value"] < 0)).all()
    for _, group in values.groupby("role"):
        t = tiers[group.index]
        kept = group["lifetime_value"] >= 0
        assert (t == "most_valuable").sum() == math.ceil(round(share * kept.sum(), 9))
        if (t == "most_valuable").any() and (t == "second_tier").any():
            assert group.loc[t == "most_valuable", "lifetime_value"].min() > group.loc[t == "second_tier", "lifetime_value"].max()


def test_top_28_percent_of_25_is_7_not_8() -> None:
    values = pd.DataFrame({"role": "buyer", "lifetime_value": np.arange(25.0)})
    assert (value_tiers(values, top_share=0.28) == "most_valuable").sum() == 7  # 0.28 x 25 = 7.000000000000001
