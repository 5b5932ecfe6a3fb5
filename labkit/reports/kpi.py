"""KPI dashboard (客户关系绩效指标, 会议客户关系管理课件), one row per calendar year of editions.

A customer *takes part* in a year when it took part in an edition held that year (see
:mod:`labkit.facts`). Money is in the world's currency.

* satisfaction (客户满意度): mean ``overall_satisfaction`` (1-5) of the survey responses to
  that year's editions;
* retention rate (客户保持率): the share of last year's participants who take part again this
  year; the one definition of the kit, the same as the retention rate of the CLV formulas;
* value per customer (客户价值): booth revenue (confirmed bookings) / exhibitors taking
  part; buyers pay no fee, so only exhibitors are paying customers;
* acquisition cost (客户获取成本): actual cost of the year's recruitment campaigns (招展, 招商)
  / new customers (participants who never took part before); offers to known buyers
  (优惠或便利措施) keep customers rather than win them, so they count in the CRM cost only;
* cost to serve per customer (客户服务成本): cost of the year's contact log plus handling cost
  of complaints about the year's editions (``cost_to_serve_total``), per participant;
* the first year of data has no earlier year, so its retention rate and acquisition cost are
  left blank (NaN) rather than shown as 0 % and a cost spread over "new" regulars;
* CRM ROI (CRM投资回报率): (booth revenue - CRM cost) / CRM cost, CRM cost = campaign cost +
  contact-log cost + complaint handling. It credits all booth revenue to CRM and ignores venue
  costs, so read it as a gross upper bound and compare years, not organisers.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.facts import (
    RECRUITMENT_KINDS,
    cost_to_serve_by_year,
    participations,
    sold_bookings,
    table,
)
from labkit.reports.rates import ratio
from labkit.world.schema import Role


def kpi_dashboard(world: Any) -> pd.DataFrame:
    """The seed-003 KPIs per year (see the module docstring for each definition)."""
    eds = table(world, "editions")[["edition_id", "year"]]
    year_of = eds.set_index("edition_id")["year"]
    took_part = participations(world).assign(year=lambda f: f["edition_id"].map(year_of))
    first_year = took_part.groupby("org_id")["year"].min()
    per_year = took_part.drop_duplicates(["year", "org_id"]).assign(
        new=lambda f: f["org_id"].map(first_year) == f["year"])
    out = per_year.groupby("year").agg(
        participants=("org_id", "size"), new_customers=("new", "sum")).astype("int64")
    out["exhibitors"] = took_part.loc[took_part["role"] == Role.exhibitor].groupby("year")["org_id"].nunique()
    out["repeat_customers"] = out["participants"] - out["new_customers"]
    surveys = table(world, "survey_responses").assign(year=lambda f: f["edition_id"].map(year_of))
    sat = pd.to_numeric(surveys["overall_satisfaction"], errors="coerce").astype("float64")
    out["satisfaction"] = sat.groupby(surveys["year"]).mean()
    out["survey_responses"] = sat.notna().groupby(surveys["year"]).sum()
    out["revenue"] = sold_bookings(world).assign(year=lambda f: f["edition_id"].map(year_of)).groupby("year")["price"].sum()
    camps = table(world, "campaigns").assign(year=lambda f: f["edition_id"].map(year_of))
    out["campaign_cost"] = camps.groupby("year")["actual_cost"].sum()
    recruiting = camps["kind"].astype(str).isin(RECRUITMENT_KINDS)
    out["recruitment_cost"] = camps.loc[recruiting].groupby("year")["actual_cost"].sum()
    out["cost_to_serve_total"] = cost_to_serve_by_year(world).reindex(out.index).fillna(0.0)
    out = out.fillna({"exhibitors": 0, "survey_responses": 0, "revenue": 0.0, "campaign_cost": 0.0,
                     "recruitment_cost": 0.0})
    first = out.index == out.index.min()  # no earlier year: everyone looks new, so leave these blank
    members = per_year.groupby("year")["org_id"].agg(frozenset)
    kept = {year: len(members[year] & members[before]) / len(members[before])
            for before, year in zip(members.index, members.index[1:]) if members[before]}
    out["retention_rate"] = pd.Series(kept, dtype="float64").reindex(out.index)
    out["value_per_customer"] = ratio(out["revenue"], out["exhibitors"])
    out["acquisition_cost"] = np.where(first, np.nan, ratio(out["recruitment_cost"], out["new_customers"]))
    out["cost_to_serve_per_customer"] = ratio(out["cost_to_serve_total"], out["participants"])
    out["crm_cost"] = out["campaign_cost"] + out["cost_to_serve_total"]
    out["crm_roi"] = ratio(out["revenue"] - out["crm_cost"], out["crm_cost"])
    out = out.astype({"exhibitors": "int64", "survey_responses": "int64"})
    return out.reset_index()
