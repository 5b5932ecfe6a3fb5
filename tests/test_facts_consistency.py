"""Each business fact computed through every package that uses it: they must agree (业务事实一致性).

A fact is computed once in labkit.facts; the classifications, lifetime value, complaint
analysis and reports each turn it into their own figures. Every case below computes the same
quantity from labkit.facts and from one package's public output, on the default world. A
failure names the fact and the package that counts differently.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from labkit import clv, facts, reports
from labkit.classification import customer_features, value_matrix
from labkit.complaints import complaint_outcomes

World = Any
Fact = Callable[[World], pd.Series]


def _orgs(w: World) -> pd.Index:
    return pd.Index(w.tables["organisations"]["org_id"])


def _year_of(w: World) -> pd.Series:
    return w.tables["editions"].set_index("edition_id")["year"]


def _took_part(w: World) -> pd.DataFrame:
    return facts.participations(w)


def _clv_with(w: World, **assumptions: float) -> pd.DataFrame:
    """world_clv with every value assumption 0 except the ones given: isolates one ingredient."""
    base = {"booth_margin": 0.0, "deal_share": 0.0, "value_per_visit": 0.0}
    return clv.world_clv(w, clv.ValueAssumptions(**{**base, **assumptions}))


# --- participations (参展/参会) --------------------------------------------------------------

def participations_per_org(w: World) -> pd.Series:
    return _took_part(w).groupby("org_id").size().reindex(_orgs(w), fill_value=0)


def participants_per_year(w: World) -> pd.Series:
    p = _took_part(w)
    return p.assign(year=p["edition_id"].map(_year_of(w))).groupby("year")["org_id"].nunique()


def exhibitors_per_edition(w: World) -> pd.Series:
    p = _took_part(w)
    per = p.loc[p["role"] == "exhibitor"].groupby("edition_id")["org_id"].nunique()
    return per.reindex(w.tables["editions"]["edition_id"], fill_value=0)


def active_in_last_year(w: World) -> pd.Series:
    p = _took_part(w)
    last = p["edition_id"].map(_year_of(w)) == _year_of(w).max()
    return pd.Series(_orgs(w).isin(p.loc[last, "org_id"]), index=_orgs(w))


def returned_next_edition(w: World) -> pd.Series:
    out = complaint_outcomes(w)
    came = pd.MultiIndex.from_frame(_took_part(w)[["org_id", "edition_id"]])
    key = pd.MultiIndex.from_arrays([out["org_id"], out["next_edition_id"]])
    return pd.Series(key.isin(came), index=pd.MultiIndex.from_frame(out[["org_id", "edition_id"]]))


def renewed_per_edition(w: World) -> pd.Series:
    seq = facts.edition_sequence(w).set_index("edition_id")
    p = _took_part(w)
    ex = p.loc[p["role"] == "exhibitor"].groupby("edition_id")["org_id"].agg(set)
    def renewed(e: int) -> int:
        prev = seq.loc[e, "prev_edition_id"]
        return 0 if pd.isna(prev) else len(ex.get(e, set()) & ex.get(int(prev), set()))
    return pd.Series({e: renewed(e) for e in seq.index})


def renewed_via_complaints(w: World) -> pd.Series:
    """Exhibitors that took part at e and came back at the next edition, per next edition (from complaints)."""
    out = complaint_outcomes(w)
    took = pd.MultiIndex.from_frame(_took_part(w)[["org_id", "edition_id"]])
    here = out.loc[(out["role"] == "exhibitor") & pd.MultiIndex.from_frame(out[["org_id", "edition_id"]]).isin(took)]
    return here.loc[here["returned"]].groupby("next_edition_id")["org_id"].nunique()


def renewed_via_reports(w: World) -> pd.Series:
    return reports.exhibitor_renewal(w).set_index("edition_id")["renewed"]


def renewed_among_heard(w: World) -> pd.Series:
    """Renewals restricted to the exhibitors the complaint analysis heard from (survey or complaint)."""
    out = complaint_outcomes(w)
    heard = out.loc[out["role"] == "exhibitor", ["org_id", "edition_id", "next_edition_id"]]
    p = _took_part(w)
    ex = pd.MultiIndex.from_frame(p.loc[p["role"] == "exhibitor", ["org_id", "edition_id"]])
    now = pd.MultiIndex.from_frame(heard[["org_id", "edition_id"]]).isin(ex)
    nxt = pd.MultiIndex.from_arrays([heard["org_id"], heard["next_edition_id"]]).isin(ex)
    return heard.loc[now & nxt].groupby("next_edition_id")["org_id"].nunique()


def edition_history(w: World) -> pd.Series:
    """Per buyer who took part: editions it came back to after its first (frequency)."""
    pos = facts.edition_sequence(w).set_index("edition_id")["position"]
    p = _took_part(w)
    p = p.loc[p["role"] == "buyer"]
    return (p["edition_id"].map(pos).groupby(p["org_id"].to_numpy()).nunique() - 1).rename_axis("customer_id")


def edition_span(w: World) -> pd.Series:
    """Per buyer who took part: editions held after its first (n_periods)."""
    pos = facts.edition_sequence(w).set_index("edition_id")["position"]
    p = _took_part(w)
    p = p.loc[p["role"] == "buyer"]
    return (len(pos) - 1 - p["edition_id"].map(pos).groupby(p["org_id"].to_numpy()).min()).rename_axis("customer_id")


# --- edition sequence (届次顺序) ---------------------------------------------------------------

def prev_edition(w: World) -> pd.Series:
    return facts.edition_sequence(w).set_index("edition_id")["prev_edition_id"]


def next_edition_of_heard(w: World) -> pd.Series:
    out = complaint_outcomes(w)
    following = facts.edition_sequence(w).set_index("edition_id")["next_edition_id"]
    return pd.Series(out["edition_id"].map(following).astype("int64").to_numpy(),
                     index=pd.MultiIndex.from_frame(out[["org_id", "edition_id"]]))


def last_edition_per_org(w: World) -> pd.Series:
    pos = facts.edition_sequence(w).set_index("edition_id")["position"]
    p = _took_part(w)
    last = p.assign(position=p["edition_id"].map(pos)).sort_values("position").groupby("org_id")["edition_id"].last()
    return last.reindex(_orgs(w)).astype("Int64")


# --- money (金额) ------------------------------------------------------------------------------

def spend_per_org(w: World) -> pd.Series:
    return facts.booth_spend(w, _orgs(w))


def revenue_per_edition(w: World) -> pd.Series:
    return facts.sold_bookings(w).groupby("edition_id")["price"].sum()


def revenue_per_year(w: World) -> pd.Series:
    sold = facts.sold_bookings(w)
    return sold.groupby(sold["edition_id"].map(_year_of(w)))["price"].sum()


def visits_per_org(w: World) -> pd.Series:
    return facts.attended_visits(w).groupby("org_id").size().reindex(_orgs(w), fill_value=0).astype("float64")


def deals_bought_per_org(w: World) -> pd.Series:
    return facts.signed_deals(w).groupby("buyer_org_id")["amount"].sum().reindex(_orgs(w), fill_value=0.0)


def cost_per_org(w: World) -> pd.Series:
    return facts.cost_to_serve(w, _orgs(w))


def cost_per_year(w: World) -> pd.Series:
    kpi_years = reports.kpi_dashboard(w)["year"]
    return facts.cost_to_serve_by_year(w).reindex(kpi_years.to_numpy())


def contribution_per_org(w: World) -> pd.Series:
    return facts.contribution(w, _orgs(w))


def current_value_per_org(w: World) -> pd.Series:
    f = customer_features(w)
    volume = facts.booth_spend(w, _orgs(w)).where(f["role"] == "exhibitor", deals_bought_per_org(w) + _deals_sold(w))
    return volume - facts.cost_to_serve(w, _orgs(w))


def _deals_sold(w: World) -> pd.Series:
    return facts.signed_deals(w).groupby("exhibitor_org_id")["amount"].sum().reindex(_orgs(w), fill_value=0.0)


def _features_col(name: str) -> Fact:
    return lambda w: customer_features(w)[name]


def _kpi_col(name: str) -> Fact:
    return lambda w: reports.kpi_dashboard(w).set_index("year")[name]


#: (fact, package, the fact from labkit.facts, the same figure from the package's output)
CASES: list[tuple[str, str, Fact, Fact]] = [
    ("participations per customer", "classification", participations_per_org, _features_col("participations")),
    ("participants per year", "reports.kpi_dashboard", participants_per_year, _kpi_col("participants")),
    ("exhibitors per edition", "reports.exhibitor_renewal", exhibitors_per_edition,
     lambda w: reports.exhibitor_renewal(w).set_index("edition_id")["exhibitors"]),
    ("active in the latest year", "clv.world_clv", active_in_last_year,
     lambda w: clv.world_clv(w)["active_last_year"]),
    ("returned = took part in the next edition", "complaints", returned_next_edition,
     lambda w: complaint_outcomes(w).set_index(["org_id", "edition_id"])["returned"]),
    ("renewed exhibitors per edition", "reports.exhibitor_renewal", renewed_per_edition, renewed_via_reports),
    ("renewed exhibitors among those heard from", "complaints", renewed_among_heard, renewed_via_complaints),
    ("previous edition", "reports.exhibitor_renewal", prev_edition,
     lambda w: reports.exhibitor_renewal(w).set_index("edition_id")["prev_edition_id"]),
    ("next edition", "complaints", next_edition_of_heard,
     lambda w: complaint_outcomes(w).set_index(["org_id", "edition_id"])["next_edition_id"]),
    ("last edition taken part in", "classification", last_edition_per_org, _features_col("last_edition")),
    ("editions a buyer came back to", "clv.edition_summary", edition_history,
     lambda w: clv.edition_summary(w)["frequency"]),
    ("editions held after a buyer's first", "clv.edition_summary", edition_span,
     lambda w: clv.edition_summary(w)["n_periods"]),
    ("booth spend per customer", "classification", spend_per_org, _features_col("spend")),
    ("booth spend per customer", "clv.world_clv", spend_per_org, lambda w: _clv_with(w, booth_margin=1.0)["margin"]),
    ("booth revenue per edition", "reports.space_sales", revenue_per_edition,
     lambda w: reports.space_sales(w).set_index("edition_id")["revenue"]),
    ("booth revenue per year", "reports.kpi_dashboard", revenue_per_year, _kpi_col("revenue")),
    ("attended visits per customer", "clv.world_clv", visits_per_org,
     lambda w: _clv_with(w, value_per_visit=1.0)["margin"]),
    ("signed deals bought per customer", "clv.world_clv", deals_bought_per_org,
     lambda w: _clv_with(w, deal_share=1.0)["margin"]),
    ("signed deals per customer (bought + sold)", "classification",
     lambda w: deals_bought_per_org(w) + _deals_sold(w), _features_col("deal_amount")),
    ("cost to serve per customer", "classification", cost_per_org, _features_col("cost_to_serve")),
    ("cost to serve per customer", "clv.world_clv", cost_per_org, lambda w: clv.world_clv(w)["cost_to_serve"]),
    ("cost to serve per year", "reports.kpi_dashboard", cost_per_year, _kpi_col("cost_to_serve_total")),
    ("contribution per customer", "classification", contribution_per_org, _features_col("contribution")),
    ("current value per customer", "classification.value_matrix", current_value_per_org,
     lambda w: value_matrix(customer_features(w))["current_value"]),
]


def _numbers(values: pd.Series) -> np.ndarray:
    """Counts, flags, ids and money as floats, missing as NaN (so 3, 3.0 and True/1 compare equal)."""
    return pd.to_numeric(values.astype("object").where(values.notna(), np.nan)).to_numpy(dtype="float64")


@pytest.mark.parametrize(("fact", "package", "from_facts", "from_package"), CASES,
                         ids=[f"{fact} / {package}" for fact, package, *_ in CASES])
def test_every_package_counts_the_fact_the_same(default_world, fact, package, from_facts, from_package) -> None:
    ours, theirs = from_facts(default_world), from_package(default_world)
    assert len(ours) == len(theirs) and set(ours.index) == set(theirs.index), \
        f"{package} and labkit.facts do not have the same rows for {fact}"
    np.testing.assert_allclose(_numbers(ours), _numbers(theirs.reindex(ours.index)), rtol=1e-9, atol=1e-6,
                               err_msg=f"{package} disagrees with labkit.facts on {fact}")


def test_the_two_money_measures_have_different_names(default_world) -> None:
    """Contribution (spend - cost to serve) and CLV's margin are different measures: never one name."""
    features = customer_features(default_world)
    values = clv.world_clv(default_world)
    assert "profit" not in features and "profit" not in values
    assert "service_cost" not in features
    differ = np.sign(features["contribution"]) != np.sign(values["net_value"].reindex(features.index))
    assert differ.mean() > 0.1  # they really differ, which is why they are named apart
