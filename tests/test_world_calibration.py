"""The classroom world matches public magnitudes and its behaviour is coherent (believable data)."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import labkit
from labkit.world import schema
from labkit.world.fair import RAW_SPACE, STANDARD
from labkit.world.schema import Role


@pytest.fixture(scope="module")
def w(default_world: labkit.World) -> labkit.World:
    return default_world


def _cronbach_alpha(items: pd.DataFrame) -> float:
    """k/(k-1) * (1 - sum of item variances / variance of the total), complete cases."""
    x = items.dropna().to_numpy(dtype=float)
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def test_cronbach_alpha_helper_matches_a_hand_computed_example() -> None:
    # item variances 20/12, 19/12, 11/12; totals 6, 8, 10, 14 have variance 35/3
    df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 3, 3, 5], "c": [3, 3, 4, 5]})
    expected = Fraction(3, 2) * (1 - Fraction(20 + 19 + 11, 12) / Fraction(35, 3))
    assert expected == Fraction(27, 28)
    assert _cronbach_alpha(df) == pytest.approx(float(expected))


def test_scale_of_the_classroom_world(w: labkit.World) -> None:
    roles = w.organisations["role"].value_counts()
    assert roles["exhibitor"] == 2_000 and roles["buyer"] == 20_000
    assert len(w.editions) == 6
    assert list(w.editions["session"].astype(str)) == ["spring", "autumn"] * 3


def test_first_time_shares(w: labkit.World) -> None:
    buyers = w.registrations.groupby("edition_id")["is_first_time"].mean()
    assert buyers.between(0.45, 0.72).all(), buyers
    booked = w.booth_bookings[w.booth_bookings["status"].isin(["confirmed", "cancelled"])]
    # exhibitors: from the fourth edition on, first appearance in the data ~ first time
    first_seen = booked.groupby("org_id")["edition_id"].min()
    late = booked[booked["edition_id"] >= 4]
    share = (late["org_id"].map(first_seen) == late["edition_id"]).groupby(late["edition_id"]).mean()
    assert share.between(0.08, 0.32).all(), share


def test_about_seventy_percent_show_up(w: labkit.World) -> None:
    show = (w.registrations["status"] == "attended").mean()
    assert 0.64 <= show <= 0.76
    attended = w.registrations["status"] == "attended"
    assert w.registrations.loc[attended, "checked_in_at"].notna().all()
    assert w.registrations.loc[~attended, "checked_in_at"].isna().all()


def test_booths_and_prices(w: labkit.World) -> None:
    b = w.booth_bookings
    confirmed = b[b["status"] == "confirmed"]
    per_exhibitor = confirmed["booths"].sum() / len(confirmed)
    assert 1.4 <= per_exhibitor <= 1.9
    np.testing.assert_allclose(b["price"], b["list_price"] * (1 - b["discount_rate"]), atol=0.01)
    cats = w.booth_categories.set_index("category_id")
    std = b[b["category_id"] == STANDARD]
    np.testing.assert_allclose(std["list_price"], std["booths"] * cats.loc[STANDARD, "unit_price"])
    raw = b[b["category_id"] == RAW_SPACE]
    np.testing.assert_allclose(raw["list_price"], raw["area_m2"] * cats.loc[RAW_SPACE, "unit_price"])
    assert (raw["area_m2"] >= cats.loc[RAW_SPACE, "area_m2"]).all()
    assert (b["area_m2"] == 9 * b["booths"]).all()
    assert set(cats["price_basis"].astype(str)) == {"per_booth", "per_m2"}
    sold = confirmed.groupby("edition_id")["booths"].sum()
    assert (sold <= w.editions.set_index("edition_id")["capacity_booths"]).all()


def test_campaign_cost_is_the_sum_of_its_activities(w: labkit.World) -> None:
    sums = w.campaign_activities.groupby("campaign_id")["cost"].sum()
    np.testing.assert_allclose(w.campaigns.set_index("campaign_id")["actual_cost"], sums.reindex(w.campaigns["campaign_id"]))
    assert set(w.campaigns["kind"].astype(str)) == {"exhibitor_recruitment", "buyer_recruitment", "visitor_incentive"}


def test_invitation_funnel_is_monotone_and_matches_registrations(w: labkit.World) -> None:
    inv = w.invitations
    assert not (inv["responded"] & ~inv["delivered"]).any()
    assert not (inv["confirmed"] & ~inv["responded"]).any()
    assert not (inv["attended"] & ~inv["confirmed"]).any()
    assert (inv.loc[inv["confirmed"], "response"] == "will_attend").all()
    assert inv.loc[~inv["responded"], "response"].isna().all()
    edition = inv["campaign_id"].map(w.campaigns.set_index("campaign_id")["edition_id"])
    came = set(zip(w.registrations["edition_id"], w.registrations["org_id"], strict=True)) | set(
        zip(w.booth_bookings["edition_id"], w.booth_bookings["org_id"], strict=True))
    confirmed = inv["confirmed"].to_numpy()
    pairs = list(zip(edition[confirmed], inv.loc[confirmed, "org_id"], strict=True))
    assert all(p in came for p in pairs)
    # a registration credited to a targeted campaign has that campaign's confirmed invitation
    credited = w.registrations.dropna(subset=["campaign_id"])
    targeted = credited[credited["campaign_id"].isin(inv["campaign_id"])]
    yes = set(zip(inv.loc[confirmed, "campaign_id"], inv.loc[confirmed, "org_id"], strict=True))
    assert all(p in yes for p in zip(targeted["campaign_id"], targeted["org_id"], strict=True))
    assert (inv["responded_at"].dropna() >= inv.loc[inv["responded_at"].notna(), "sent_at"]).all()


def test_channels_differ_in_cost_per_attendee(w: labkit.World) -> None:
    inv = w.invitations.merge(w.campaigns[["campaign_id", "channel"]], on="campaign_id")
    attended = inv.groupby(inv["channel"].astype(str))["attended"].sum()
    cost = w.campaigns[w.campaigns["campaign_id"].isin(inv["campaign_id"])].groupby(
        w.campaigns["channel"].astype(str))["actual_cost"].sum()
    per = (cost / attended).dropna()
    assert len(per) >= 4 and per.max() / per.min() > 3
    rate = inv.groupby(inv["channel"].astype(str))["responded"].mean()
    assert rate["phone"] > 2 * rate["email"]


def test_survey_dimensions_are_reliable_scales_with_some_gaps(w: labkit.World) -> None:
    s = w.survey_responses
    for dim, cols in schema.likert_dimensions().items():
        assert _cronbach_alpha(s[cols]) > 0.7, dim
    gaps = s[list(schema.LIKERT_ITEMS)].isna().mean()
    assert (gaps > 0.01).all() and (gaps < 0.1).all()
    values = s[list(schema.LIKERT_ITEMS)].stack()
    assert values.between(1, 5).all()
    assert s["recommend"].dropna().between(0, 10).all()


def _came(w: labkit.World) -> set[tuple[int, int]]:
    r, b = w.registrations, w.booth_bookings
    return set(zip(r.loc[r["status"] == "attended", "edition_id"], r.loc[r["status"] == "attended", "org_id"], strict=True)) | set(
        zip(b.loc[b["status"] == "confirmed", "edition_id"], b.loc[b["status"] == "confirmed", "org_id"], strict=True))


def test_satisfied_customers_come_back_more(w: labkit.World) -> None:
    s = w.survey_responses[w.survey_responses["edition_id"] < 6].dropna(subset=["overall_satisfaction"])
    came = _came(w)
    back = np.array([(e + 1, o) in came for e, o in zip(s["edition_id"], s["org_id"], strict=True)])
    high = back[s["overall_satisfaction"].to_numpy() >= 4].mean()
    low = back[s["overall_satisfaction"].to_numpy() <= 2].mean()
    assert high > low + 0.15


def test_unresolved_complaints_go_with_not_coming_back(w: labkit.World) -> None:
    c = w.complaints[w.complaints["edition_id"] < 6].merge(w.organisations[["org_id", "role"]], on="org_id")
    came = _came(w)
    back = np.array([(e + 1, o) in came for e, o in zip(c["edition_id"], c["org_id"], strict=True)])
    unresolved = ~c["status"].isin(["resolved", "feedback_given", "followed_up"]).to_numpy()
    for role in Role.codes():  # within a role: exhibitors complain more and return more
        mine = (c["role"] == role).to_numpy()
        assert back[mine & ~unresolved].mean() > back[mine & unresolved].mean() + 0.1, role


def test_lifecycle_stage_drives_spend_and_churn(w: labkit.World) -> None:
    truth = w.customer_truth.merge(w.organisations[["org_id", "role"]], on="org_id")
    spend = w.booth_bookings[w.booth_bookings["status"] == "confirmed"].groupby("org_id")["price"].sum()
    ex = truth[truth["role"] == "exhibitor"].assign(spend=lambda d: d["org_id"].map(spend).fillna(0))
    by_stage = ex.groupby(ex["lifecycle_stage"].astype(str))["spend"].mean()
    assert by_stage["stability"] > 1.5 * by_stage["exploration"]
    last = set(w.registrations.loc[w.registrations["edition_id"] == 6, "org_id"]) | set(
        w.booth_bookings.loc[(w.booth_bookings["edition_id"] == 6) & (w.booth_bookings["status"] == "confirmed"), "org_id"])
    churned = truth.loc[truth["churned"], "org_id"]
    assert churned.isin(last).mean() < 0.15
    assert (truth.loc[truth["churned"], "lifecycle_stage"] == "decline").all()
    assert 0.05 < truth["churned"].mean() < 0.5


def test_long_tail_and_customers_that_cost_more_than_they_bring(w: labkit.World) -> None:
    revenue = w.booth_bookings[w.booth_bookings["status"] == "confirmed"].groupby("org_id")["price"].sum()
    cost = w.contact_log.groupby("org_id")["cost"].sum().add(w.complaints.groupby("org_id")["handling_cost"].sum(), fill_value=0)
    value = revenue.sub(cost.reindex(revenue.index, fill_value=0))
    top = value.sort_values(ascending=False)
    assert top.head(len(top) // 10).sum() > 0.3 * top.sum()
    assert top.skew() > 1
    negative = (value < 0).mean()
    assert 0.003 < negative < 0.2


def test_international_buyers_come_mostly_from_the_big_origins(w: labkit.World) -> None:
    buyers = w.organisations[w.organisations["role"] == "buyer"]
    foreign = buyers[buyers["country"] != "CN"]
    assert 0.2 < len(foreign) / len(buyers) < 0.5
    counts = foreign["country"].value_counts()
    assert len(counts) >= 20
    assert counts.head(5).sum() > 0.35 * counts.sum()
    assert foreign["province"].isna().all()
    assert set(foreign["region_group"]) <= {"亚洲", "欧洲", "北美洲", "拉丁美洲", "中东", "非洲", "大洋洲"}


def test_money_is_in_the_locale_currency() -> None:
    cn = labkit.generate_world(scale=300, locale="zh_CN").booth_categories["unit_price"]
    kr = labkit.generate_world(scale=300, locale="ko_KR").booth_categories["unit_price"]
    assert (kr > 50 * cn).all()  # won amounts are two orders of magnitude larger than yuan
