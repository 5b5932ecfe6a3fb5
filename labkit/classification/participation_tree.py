"""Forecasting next-edition participation with a decision tree (决策树), 会展客户关系管理论文's data mining.

Each example is one customer before one edition: what it did at the editions before (did it
take part in the previous one, how often so far, how many editions since it last came, its
last overall satisfaction, its complaints so far, exhibitor or buyer), and whether it then
took part (:func:`labkit.facts.participations`). Customers count from the first edition
they took part in. The tree learns from every edition but the last, which is held out: its
forecast there is compared with always predicting the commonest outcome of the training data
(the baseline a forecast has to beat). The tree's branches are printed as rules in words.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

from labkit.classification._checks import check_count
from labkit.errors import UsageError
from labkit.facts import edition_sequence, participations, table
from labkit.i18n import N_, _
from labkit.world.schema import Role

__all__ = ["FEATURES", "TreeForecast", "forecast_participation", "participation_examples", "tree_rules"]

#: feature column -> its name in words (translated at use)
FEATURES: dict[str, str] = {
    "is_exhibitor": N_("exhibitor (not buyer)"),
    "came_last": N_("took part in the previous edition"),
    "times": N_("editions taken part in so far"),
    "since_last": N_("editions since it last took part"),
    "satisfaction": N_("last overall satisfaction (0 = never answered)"),
    "complaints": N_("complaints so far"),
}
YES_NO = ("is_exhibitor", "came_last")
WHOLE = ("times", "since_last", "complaints")  # counts: a split at 1.5 reads "at most 1" / "at least 2"


def participation_examples(world: object) -> pd.DataFrame:
    """One row per (customer, edition) after the customer's first participation: features and ``came``."""
    eds = edition_sequence(world)
    pos = eds.set_index("edition_id")["position"]
    n = len(eds)
    if n < 3:
        raise UsageError(_("a participation forecast needs at least three editions, got {n}").format(n=n))
    part = participations(world)
    orgs = pd.Index(sorted(part["org_id"].unique()), name="org_id")
    took = np.zeros((len(orgs), n), dtype=bool)
    took[orgs.get_indexer(part["org_id"]), part["edition_id"].map(pos).to_numpy()] = True
    role = part.drop_duplicates("org_id").set_index("org_id")["role"].reindex(orgs)
    sat = np.zeros((len(orgs), n))  # last overall satisfaction answered up to each edition
    surveys = table(world, "survey_responses")
    answered = surveys.dropna(subset=["overall_satisfaction"])
    answered = answered[answered["org_id"].isin(orgs)]
    sat[orgs.get_indexer(answered["org_id"]), answered["edition_id"].map(pos).to_numpy()] = \
        answered["overall_satisfaction"].astype(float).to_numpy()
    comp = np.zeros((len(orgs), n))
    complaints = table(world, "complaints")
    complaints = complaints[complaints["org_id"].isin(orgs)]
    np.add.at(comp, (orgs.get_indexer(complaints["org_id"]), complaints["edition_id"].map(pos).to_numpy()), 1)
    rows = []
    last_sat = np.zeros(len(orgs))
    last_seen = np.full(len(orgs), -1)
    times = np.zeros(len(orgs), dtype=np.int64)
    for e in range(n):
        if e > 0:
            known = times > 0
            rows.append(pd.DataFrame({
                "org_id": orgs[known], "edition_id": eds["edition_id"].iloc[e], "position": e,
                "is_exhibitor": (role.to_numpy()[known] == Role.exhibitor).astype(int),
                "came_last": took[known, e - 1].astype(int), "times": times[known],
                "since_last": e - last_seen[known], "satisfaction": last_sat[known],
                "complaints": comp[known, :e].sum(axis=1), "came": took[known, e]}))
        times = times + took[:, e]
        last_seen = np.where(took[:, e], e, last_seen)
        last_sat = np.where(sat[:, e] > 0, sat[:, e], last_sat)
    return pd.concat(rows, ignore_index=True)


@dataclass(frozen=True)
class TreeForecast:
    """The fitted tree, its held-out edition and how it did there against the baseline."""

    tree: DecisionTreeClassifier
    holdout_edition: int
    holdout: pd.DataFrame        # held-out examples with the tree's ``forecast``
    accuracy: float              # share of held-out customers forecast right
    baseline: bool               # commonest outcome in the training examples
    baseline_accuracy: float     # share right when always forecasting the baseline

    def rules(self) -> list[str]:
        """The tree's branches as rules in words (in the display language)."""
        return tree_rules(self.tree)


def forecast_participation(world: object, max_depth: int = 3, min_leaf: int = 20, seed: int = 0) -> TreeForecast:
    """Fit a decision tree on every edition but the last and forecast the last one."""
    max_depth = check_count(max_depth, "max_depth")
    min_leaf = check_count(min_leaf, "min_leaf")
    seed = check_count(seed, "seed", minimum=0)
    ex = participation_examples(world)
    last = int(ex["position"].max())
    train, test = ex[ex["position"] < last], ex[ex["position"] == last].copy()
    if train["came"].nunique() < 2:
        raise UsageError(_("the earlier editions show only one outcome: there is nothing for a tree to learn"))
    cols = list(FEATURES)
    tree = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=min_leaf, random_state=seed)
    tree.fit(train[cols].to_numpy(float), train["came"].to_numpy())
    test["forecast"] = tree.predict(test[cols].to_numpy(float))
    baseline = bool(train["came"].mean() >= 0.5)
    return TreeForecast(tree, int(test["edition_id"].iloc[0]), test,
                        float((test["forecast"] == test["came"]).mean()), baseline,
                        float((test["came"] == baseline).mean()))


def _condition(feature: str, threshold: float, left: bool) -> str:
    name = _(FEATURES[feature])
    if feature in YES_NO:
        return _("{feature}: no").format(feature=name) if left else _("{feature}: yes").format(feature=name)
    if feature in WHOLE:
        below = int(np.floor(threshold))
        if left:
            return _("{feature} is at most {value}").format(feature=name, value=below)
        return _("{feature} is at least {value}").format(feature=name, value=below + 1)
    value = f"{threshold:.2f}".rstrip("0").rstrip(".")
    if left:
        return _("{feature} is at most {value}").format(feature=name, value=value)
    return _("{feature} is more than {value}").format(feature=name, value=value)


def tree_rules(tree: DecisionTreeClassifier) -> list[str]:
    """One sentence per leaf: the conditions on the way to it and what it forecasts."""
    t = tree.tree_
    names = list(FEATURES)
    out: list[str] = []

    def walk(node: int, conditions: list[str]) -> None:
        if t.children_left[node] == t.children_right[node]:  # a leaf
            counts = t.value[node][0]
            share = float(counts[list(tree.classes_).index(True)] / counts.sum()) if True in tree.classes_ else 0.0
            n = int(t.n_node_samples[node])
            verdict = (_("it will take part ({share:.0%} of {n} such customers did)") if share >= 0.5
                       else _("it will not take part (only {share:.0%} of {n} such customers did)"))
            when = _(" and ").join(conditions) if conditions else _("always")
            out.append(_("If {conditions}, then {verdict}.").format(
                conditions=when, verdict=verdict.format(share=share, n=n)))
            return
        feature, threshold = names[t.feature[node]], float(t.threshold[node])
        walk(t.children_left[node], [*conditions, _condition(feature, threshold, True)])
        walk(t.children_right[node], [*conditions, _condition(feature, threshold, False)])

    walk(0, [])
    return out
