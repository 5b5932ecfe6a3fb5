"""Customer composition report (客户构成报表): how many exhibitors and buyers by each dimension.

Dimensions (教材第六章): product category (industry 行业/产品类别), business nature (业务性质),
main sales venue (主要销售场所), size band (企业规模), region group (地理区域组), data source
(数据来源) and its detail (数据来源明细: the list or form the record came from), customer
source (客户来源), role (角色), exhibitions attended (到场展会项目: customers who took part in
at least one edition of each exhibition, see :mod:`labkit.facts`) and interest type (兴趣类型:
the product categories buyers ticked on their registration form, ``product_interests``).
For the last two a customer counts once per value it has, so shares may add up to more than 1.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.errors import UsageError
from labkit.facts import participations, table
from labkit.i18n import _
from labkit.reports.rates import ratio
from labkit.world.schema import ENUMS, Role

#: dimension -> enumeration of its codes (None: free values such as region groups).
DIMENSIONS: dict[str, str | None] = {
    "industry": "industry",
    "business_nature": "business_nature",
    "sales_venue": "sales_venue",
    "size_band": "size_band",
    "region_group": None,
    "data_source": "data_source",
    "data_source_detail": "data_source_detail",
    "customer_source": "channel",
    "role": "role",
    "exhibition": None,
    "interest": "industry",
}

COLUMNS = ["value", "label", "exhibitors", "buyers", "customers", "share"]


def _counts(frame: pd.DataFrame, key: str, total: int) -> pd.DataFrame:
    rows = pd.DataFrame({"value": frame[key].astype("string"), "role": frame["role"].astype(str), "org_id": frame["org_id"]})
    counts = rows.groupby(["value", "role"])["org_id"].nunique().unstack("role", fill_value=0)
    out = counts.reindex(columns=list(Role.codes()), fill_value=0).set_axis(["exhibitors", "buyers"], axis=1)
    out["customers"] = rows.groupby("value")["org_id"].nunique()
    out["share"] = ratio(out["customers"], total)
    return out


def customer_composition(world: Any, dimension: str) -> pd.DataFrame:
    """Customers by one dimension: exhibitors, buyers, all customers and share of all customers.

    Enumerated dimensions list every code (zero rows included), in schema order. For
    ``exhibition`` a customer counts once per exhibition it took part in, for ``interest`` once
    per product category it is interested in, so shares may add up to more than 1.
    """
    if dimension not in DIMENSIONS:
        raise UsageError(_("Unknown composition dimension {dimension!r}; choose one of: {choices}.").format(
            dimension=dimension, choices=", ".join(DIMENSIONS)))
    orgs = table(world, "organisations")
    total = orgs["org_id"].nunique()
    if dimension == "exhibition":
        took_part = participations(world).drop(columns="role").merge(orgs[["org_id", "role"]], on="org_id")
        took_part = took_part.merge(table(world, "editions")[["edition_id", "exhibition_id"]], on="edition_id")
        took_part = took_part.merge(table(world, "exhibitions")[["exhibition_id", "name"]], on="exhibition_id")
        out = _counts(took_part.rename(columns={"name": "exhibition"}), "exhibition", total)
    elif dimension == "interest":
        rows = table(world, "product_interests").merge(orgs[["org_id", "role"]], on="org_id")
        out = _counts(rows.rename(columns={"product_category": "interest"}), "interest", total)
    else:
        out = _counts(orgs, dimension, total)
    enum = DIMENSIONS[dimension]
    if enum is None:  # exhibitions and region groups: their values are names already
        out["label"] = out.index
    else:
        codes = list(ENUMS[enum].codes)
        out = out.reindex(codes, fill_value=0)
        out["share"] = ratio(out["customers"], total)
        out["label"] = [ENUMS[enum].labels.text(c) for c in codes]  # in the display language
    out = out.rename_axis("value").reset_index()
    return out[COLUMNS].astype({"exhibitors": "int64", "buyers": "int64", "customers": "int64"})


def composition_report(world: Any) -> pd.DataFrame:
    """All dimensions stacked in one table, with a ``dimension`` column to filter on."""
    parts = [customer_composition(world, d).assign(dimension=d) for d in DIMENSIONS]
    return pd.concat(parts, ignore_index=True)[["dimension", *COLUMNS]]
