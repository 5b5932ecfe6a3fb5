"""The customer profile (客户档案; 案例: 上海光大会展 / 中国小商品城).

The case widens the customer file from contact details and credit to seven parts, kept for
every exhibition the customer takes part in, not one fair: background 客户背景情况, dynamics
客户的动态, cost and profit 客户费用和利润, regional competitors 区域竞争对手资料, visitors'
feedback 参观商意见反馈, service providers' feedback 会展服务提供商意见 and strategy 客户策略.
:func:`customer_profile` builds all seven for one customer from the world's tables. The world
has no service-provider survey, so that part shows the organiser's own service record
(complaints and how they were handled), which is what service providers report on; the contacts
per year are in the cost-and-profit part.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.errors import UsageError
from labkit.facts import SIGNED_STAGE, participations, sold_bookings, world_tables
from labkit.i18n import Label, LabelSet, _
from labkit.world.schema import Role, relationship_constructs

__all__ = ["SECTIONS", "customer_profile"]

SECTIONS = LabelSet({
    "background": Label("background", "客户背景情况"),
    "dynamics": Label("dynamics, edition by edition", "客户的动态"),
    "cost_profit": Label("cost and profit", "客户费用和利润"),
    "competitors": Label("regional competitors", "区域竞争对手资料"),
    "visitor_feedback": Label("visitors' feedback", "参观商意见反馈"),
    "service_feedback": Label("service record (service providers' feedback)", "会展服务提供商意见（服务记录）"),
    "strategy": Label("strategy", "客户策略"),
})
BACKGROUND = ("name", "role", "country", "province", "city", "region_group", "industry", "main_products",
              "business_nature", "employees", "size_band", "annual_revenue", "data_source", "customer_source", "created_at")
NEEDED = ("organisations", "contacts", "editions", "exhibitions", "booth_bookings", "registrations", "deals",
          "survey_responses", "complaints", "contact_log")


def _per_edition(frame: pd.DataFrame, key: str, value: str | None = None) -> pd.Series:
    grouped = frame.groupby(key)
    return grouped.size() if value is None else grouped[value].sum()


def customer_profile(world: Any, org_id: int, strategy: pd.DataFrame | None = None,
                     competitors: int = 5) -> dict[str, pd.DataFrame]:
    """The seven parts of one customer's profile (section code -> table; names in :data:`SECTIONS`).

    ``strategy`` is a table indexed by org_id whose columns are shown in the strategy part
    (e.g. the planner's target list, the loyalty type, the membership tier).
    """
    t = world_tables(world, NEEDED, "customer_profile")
    orgs = t["organisations"].set_index("org_id")
    if isinstance(org_id, bool) or not isinstance(org_id, int | np.integer) or org_id not in orgs.index:
        raise UsageError(_("no customer with org_id {org_id!r} in this world").format(org_id=org_id))
    me = orgs.loc[org_id]
    role = str(me["role"])
    out: dict[str, pd.DataFrame] = {}
    primary = t["contacts"][(t["contacts"]["org_id"] == org_id) & t["contacts"]["is_primary"]]
    background = me.reindex(list(BACKGROUND)).to_frame("value")
    for column in ("name", "title", "phone", "email"):
        background.loc[f"contact_{column}", "value"] = primary[column].iloc[0] if len(primary) else None
    out["background"] = background

    editions = t["editions"].merge(t["exhibitions"][["exhibition_id", "name"]].rename(columns={"name": "exhibition"}),
                                   on="exhibition_id", how="left").set_index("edition_id")
    took = participations(t)
    mine = set(took.loc[took["org_id"] == org_id, "edition_id"])
    sold = sold_bookings(t)
    sold = sold[sold["org_id"] == org_id]
    side = "exhibitor_org_id" if role == Role.exhibitor else "buyer_org_id"
    deals = t["deals"][t["deals"][side] == org_id]
    signed = deals[deals["stage"].astype(str) == SIGNED_STAGE]
    complaints = t["complaints"][t["complaints"]["org_id"] == org_id]
    answers = t["survey_responses"][t["survey_responses"]["org_id"] == org_id]
    dyn = editions[["exhibition", "name", "start_date"]].rename(columns={"name": "edition"})
    dyn["took_part"] = dyn.index.isin(mine)
    dyn["booths"] = _per_edition(sold, "edition_id", "booths").reindex(dyn.index).fillna(0).astype(np.int64)
    dyn["deals_signed"] = _per_edition(signed, "edition_id").reindex(dyn.index).fillna(0).astype(np.int64)
    dyn["deal_amount"] = _per_edition(signed, "edition_id", "amount").reindex(dyn.index).fillna(0.0)
    dyn["complaints"] = _per_edition(complaints, "edition_id").reindex(dyn.index).fillna(0).astype(np.int64)
    dyn["overall_satisfaction"] = answers.set_index("edition_id")["overall_satisfaction"].astype("float64").reindex(dyn.index)
    dyn["recommend"] = answers.set_index("edition_id")["recommend"].astype("float64").reindex(dyn.index)
    out["dynamics"] = dyn

    log = t["contact_log"][t["contact_log"]["org_id"] == org_id]
    year_of = editions["year"]
    contact_year = pd.to_datetime(log["at"]).dt.year
    years = sorted(set(editions["year"].astype(int)) | set(contact_year.astype(int)))
    cost = pd.DataFrame(index=pd.Index(years, name="year"))
    cost["spend"] = sold.groupby(sold["edition_id"].map(year_of))["price"].sum().reindex(cost.index).fillna(0.0)
    contact_cost = log.groupby(contact_year)["cost"].sum()
    handling = complaints.groupby(complaints["edition_id"].map(year_of))["handling_cost"].sum()
    cost["cost_to_serve"] = contact_cost.add(handling, fill_value=0.0).reindex(cost.index).fillna(0.0)
    cost["contribution"] = cost["spend"] - cost["cost_to_serve"]
    cost["contacts"] = log.groupby(contact_year).size().reindex(cost.index).fillna(0).astype(np.int64)
    out["cost_profit"] = cost

    area = orgs["province"].astype("object").fillna(orgs["city"].astype("object"))  # abroad: the same city
    peers = orgs[(orgs["role"] == me["role"]) & (orgs["country"] == me["country"]) & (area == area[org_id])
                 & (orgs["industry"] == me["industry"]) & (orgs.index != org_id)]
    counts = took[took["org_id"].isin(peers.index)].groupby("org_id").size()
    rivals = peers[["name", "city", "size_band"]].assign(participations=counts.reindex(peers.index).fillna(0).astype(np.int64))
    out["competitors"] = rivals.sort_values(["participations", "name"], ascending=[False, True]).head(competitors)

    if role == Role.exhibitor:  # what buyers said and did with this exhibitor
        partner = "buyer_org_id"
        buyers = deals.groupby("edition_id").agg(buyers=(partner, "nunique"), deals=("deal_id", "size"),
                                                  signed=("stage", lambda s: int((s.astype(str) == SIGNED_STAGE).sum())))
        met = deals[["edition_id", partner]].rename(columns={partner: "org_id"})
        said = t["survey_responses"].merge(met.drop_duplicates(), on=["edition_id", "org_id"])
        buyers["buyers_satisfaction"] = said.groupby("edition_id")["overall_satisfaction"].mean().astype("float64")
        out["visitor_feedback"] = buyers.reindex(editions.index)
    else:  # a buyer is a visitor: its own answers
        items = ["overall_satisfaction", "recommend", *relationship_constructs()["loyalty"]]
        out["visitor_feedback"] = answers.set_index("edition_id")[items]
    out["service_feedback"] = complaints[["edition_id", "channel", "category", "status", "resolution",
                                          "handling_cost"]].set_index("edition_id")
    if strategy is not None and org_id in strategy.index:
        out["strategy"] = strategy.loc[[org_id]].T.rename(columns={org_id: "value"})
    else:
        out["strategy"] = pd.DataFrame({"value": []})
    return out
