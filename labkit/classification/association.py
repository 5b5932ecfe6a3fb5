"""Association rules on buyers' product interests (关联分析), 会展客户关系管理论文's data mining.

A *basket* is one buyer's set of product categories of interest (``product_interests``). For a
rule A -> B ("buyers interested in A are also interested in B"):

* support (支持度) = share of buyers interested in both A and B;
* confidence (置信度) = support(A and B) / support(A): of the buyers interested in A, the share
  also interested in B;
* lift (提升度) = confidence / support(B): how many times likelier B is among A's buyers than
  among all buyers (1 = no association).

The frequent itemsets and rules come from mlxtend (Apriori); :func:`rule_measures` computes the
three numbers by hand for one rule, so a student can check a line of the table.
"""
from __future__ import annotations

import pandas as pd
from mlxtend.frequent_patterns import apriori, association_rules

from labkit.classification._checks import check_fraction
from labkit.errors import UsageError
from labkit.facts import require_columns, table
from labkit.i18n import _
from labkit.world.schema import ENUMS

__all__ = ["interest_baskets", "interest_rules", "rule_measures"]


def interest_baskets(world: object) -> pd.DataFrame:
    """One row per buyer, one True/False column per product category it is interested in."""
    interests = table(world, "product_interests")
    require_columns(interests, ["org_id", "product_category"], "interest_baskets (product_interests)")
    if interests.empty:
        raise UsageError(_("the world has no product interests: there are no baskets to mine"))
    baskets = pd.crosstab(interests["org_id"], interests["product_category"].astype(str)) > 0
    baskets.columns.name = None
    return baskets


def _label(items: frozenset) -> str:
    """Product categories in the display language (codes that are no category stay as they are)."""
    return _(" + ").join(ENUMS["industry"].labels.text(code) for code in sorted(items))


def interest_rules(baskets: pd.DataFrame, min_support: float = 0.03, min_confidence: float = 0.3) -> pd.DataFrame:
    """Rules A -> B with support, confidence and lift, strongest lift first (Apriori, mlxtend)."""
    min_support = check_fraction(min_support, "min_support")
    min_confidence = check_fraction(min_confidence, "min_confidence")
    if baskets.empty or not baskets.dtypes.eq(bool).all():
        raise UsageError(_("baskets must be a True/False table with one row per buyer (see interest_baskets)"))
    frequent = apriori(baskets, min_support=min_support, use_colnames=True)
    if frequent.empty or frequent["itemsets"].map(len).max() < 2:
        return pd.DataFrame(columns=["antecedent", "consequent", "support", "confidence", "lift",
                                     "antecedent_items", "consequent_items"])
    rules = association_rules(frequent, num_itemsets=len(baskets), metric="confidence", min_threshold=min_confidence)
    out = pd.DataFrame({
        "antecedent": rules["antecedents"].map(_label), "consequent": rules["consequents"].map(_label),
        "support": rules["support"], "confidence": rules["confidence"], "lift": rules["lift"],
        "antecedent_items": rules["antecedents"].map(lambda s: tuple(sorted(s))),
        "consequent_items": rules["consequents"].map(lambda s: tuple(sorted(s)))})
    order = out.assign(rank_lift=out["lift"].round(9), rank_items=out["antecedent_items"].map(" ".join))
    order = order.sort_values(["rank_lift", "support", "rank_items"], ascending=[False, False, True], kind="stable")
    return out.loc[order.index].reset_index(drop=True)


def rule_measures(baskets: pd.DataFrame, antecedent: list[str], consequent: list[str]) -> dict[str, float]:
    """Support, confidence and lift of one rule, counted directly from the baskets."""
    missing = [c for c in [*antecedent, *consequent] if c not in baskets.columns]
    if missing:
        raise UsageError(_("no buyer is interested in {items}: check the category codes").format(items=", ".join(missing)))
    has_a = baskets[list(antecedent)].all(axis=1)
    has_b = baskets[list(consequent)].all(axis=1)
    support = float((has_a & has_b).mean())
    confidence = support / float(has_a.mean()) if has_a.any() else float("nan")
    return {"support": support, "confidence": confidence, "lift": confidence / float(has_b.mean())}
