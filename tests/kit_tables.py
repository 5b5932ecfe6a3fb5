"""Every table the kit's own functions make (the analytics, reports, facts and customer database), on a small world.

:func:`kit_tables` calls each public function of those packages whose result holds a DataFrame or a
Series (directly, in a dict, or as a field of a result object) with arguments built from a small
world, and yields ``(function, what, frame)``. A required parameter no entry here can fill is
reported by :func:`unfilled`, so a new function cannot slip past the column-label test.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from functools import cache, cached_property
from typing import Any

import pandas as pd

import labkit
from labkit.i18n import LabelSet
from labkit.widgets.search_table import HEADERS

PACKAGES = ("facts", "classification", "clv", "surveys", "complaints", "relationship", "reports", "customerdb")
#: Functions whose tables are not the kit's columns: the user's own sheet, a world table as stored.
NOT_THE_KITS = {"customerdb.read_sheet", "customerdb.import_contacts", "facts.table", "facts.world_tables",
                "facts.require_columns"}
_TABLES = ("DataFrame", "Series")


class Inputs:
    """The arguments of the kit's functions, made once from one small world."""

    def __init__(self) -> None:
        self.world = labkit.generate_world(seed=3, scale=400)

    @cached_property
    def features(self) -> pd.DataFrame:
        from labkit.classification import customer_features

        return customer_features(self.world)

    @cached_property
    def responses(self) -> pd.DataFrame:
        return self.world.survey_responses

    @cached_property
    def scores(self) -> pd.DataFrame:
        from labkit.relationship import construct_scores

        return construct_scores(self.responses)

    @cached_property
    def rfm(self) -> pd.DataFrame:
        from labkit.classification import rfm_scores

        return rfm_scores(self.features)

    @cached_property
    def cdnow(self) -> pd.DataFrame:
        from labkit.clv import cdnow

        return cdnow()

    @cached_property
    def bgnbd(self) -> Any:
        from labkit.clv import fit_bgnbd

        return fit_bgnbd(self.cdnow)

    @cached_property
    def editions(self) -> pd.DataFrame:
        from labkit.clv import edition_summary

        return edition_summary(self.world, "buyer")

    @cached_property
    def lists(self) -> dict[str, pd.DataFrame]:
        from labkit.customerdb import customer_list

        orgs = customer_list(self.world.organisations, self.world.contacts)
        return {str(name): frame for name, frame in orgs.groupby(orgs["data_source"].astype(str))}

    @cached_property
    def plan(self) -> pd.DataFrame:
        from labkit.relationship import default_plan

        return default_plan()

    @cached_property
    def segments(self) -> pd.Series:
        from labkit.classification import exhibition_stage, value_matrix
        from labkit.relationship import crm_segment

        return crm_segment(self.features, value_matrix(self.features)["segment"], exhibition_stage(self.features))

    def by_name(self) -> dict[str, Callable[[], Any]]:
        """A parameter name -> its argument, for the names that mean the same in every function."""
        w = self.world
        return {
            "world": lambda: w, "source": lambda: w, "features": lambda: self.features,
            "org_ids": lambda: pd.Index(w.organisations["org_id"]), "responses": lambda: self.responses,
            "complaints": lambda: w.complaints, "rfm": lambda: self.rfm, "baskets": self._baskets,
            "organisations": lambda: w.organisations, "contacts": lambda: w.contacts,
            "summary": lambda: self.cdnow, "plan": lambda: self.plan, "outcomes": self._outcomes,
            "intention": self._intention, "lists": lambda: self.lists,
        }

    def _baskets(self) -> pd.DataFrame:
        from labkit.classification import interest_baskets

        return interest_baskets(self.world)

    def _outcomes(self) -> pd.DataFrame:
        from labkit.complaints import complaint_outcomes

        return complaint_outcomes(self.world)

    def _intention(self) -> pd.Series:
        from labkit.relationship import latest_intention

        return latest_intention(self.world)

    def calls(self) -> dict[str, Callable[[], Iterator[tuple[str, Any]]]]:
        """Functions whose arguments differ from one function to the next: each gives (what, result) pairs."""
        from labkit import classification as cls
        from labkit import clv, relationship, reports, surveys

        w, f = self.world, self.features
        items = ["content_exhibits", "content_range", "content_innovation"]
        base = {"margin": 100, "retention": 0.8, "discount_rate": 0.1, "periods": 10}

        def each(fn: Callable[..., Any], values: Any, *head: Any) -> Callable[[], Iterator[tuple[str, Any]]]:
            return lambda: ((str(v), fn(*head, v)) for v in values)

        def one(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Iterator[tuple[str, Any]]]:
            return lambda: iter([("", fn(*args, **kwargs))])

        def lazy(make: Callable[[], Any]) -> Callable[[], Iterator[tuple[str, Any]]]:
            return lambda: iter([("", make())])

        return {
            "classification.basic_class": each(cls.basic_class, ["region", "industry", "size"], f),
            "classification.classify": each(cls.classify, list(cls.TITLES), f),
            "classification.composition_table": each(cls.composition_table, list(cls.TITLES), f),
            "classification.composition": lazy(lambda: cls.composition(cls.classify(f, "region")[0], f["role"])),
            "classification.quantile_score": lazy(lambda: cls.quantile_score(f["spend"])),
            "classification.rfm_segment": lazy(lambda: cls.rfm_segment(self.rfm)),
            "classification.rfm_clusters": lazy(lambda: cls.rfm_clusters(self.rfm[f.loc[self.rfm.index, "role"] == "exhibitor"])),
            "classification.role_view": lazy(lambda: cls.role_view(cls.composition_table(f, "region"), "exhibitor")),
            "classification.stage_confusion": lazy(lambda: cls.stage_confusion(
                cls.lifecycle_stage(f), w.customer_truth.set_index("org_id")["lifecycle_stage"])),
            "clv.customer_values": lazy(lambda: clv.customer_values(self.bgnbd, clv.fit_gamma_gamma(self.cdnow), self.cdnow)),
            "clv.expected_purchases": lazy(lambda: clv.expected_purchases(self.bgnbd, self.cdnow.loc[[1]], 39)),
            "clv.group_clv": lazy(lambda: clv.group_clv(customers=1000, lost=200, total_annual_profit=500_000,
                                                        discount_rate=0.1)),
            "clv.sensitivity_table": lazy(lambda: clv.sensitivity_table(base, {"retention": [0.7, 0.9]})),
            "clv.tornado_data": lazy(lambda: clv.tornado_data(base, {"margin": (80, 120), "retention": (0.7, 0.9)})),
            "clv.value_tiers": lazy(lambda: clv.value_tiers(clv.world_clv(w))),
            "surveys.alpha_if_deleted": lazy(lambda: surveys.alpha_if_deleted(self.responses[items])),
            "surveys.compare_groups": each(lambda by: surveys.compare_groups(self._joined(), by, "overall_satisfaction"),
                                           ["role", "region_group"]),
            "surveys.crosstab_test": each(lambda by: surveys.crosstab_test(self._joined(), by, "overall_satisfaction"),
                                          ["role", "business_nature"]),
            "surveys.importance_performance": lazy(lambda: surveys.importance_performance(self.responses, items)),
            "surveys.item_distribution": lazy(lambda: surveys.item_distribution(self.responses, items)),
            "surveys.likert_frame": lazy(lambda: surveys.likert_frame(self.responses, items)),
            "surveys.response_rate": lazy(lambda: surveys.response_rate(
                self.responses, cls.participations(w.tables), by=["edition_id", "role"])),
            "relationship.path_regressions": lazy(lambda: relationship.path_regressions(self.scores)),
            "relationship.chain_estimates": lazy(lambda: relationship.chain_estimates(self.responses, n_boot=100, seed=0)),
            "relationship.compare_with_truth": lazy(lambda: relationship.compare_with_truth(
                relationship.chain_estimates(self.responses, n_boot=100, seed=0), w.chain_truth)),
            "relationship.corrected_paths": lazy(lambda: relationship.corrected_paths(
                self.scores, relationship.chain_reliability(self.responses)["alpha"])),
            "relationship.crm_segment": lazy(lambda: self.segments),
            "relationship.customer_profile": lazy(lambda: relationship.customer_profile(
                w, int(w.organisations.loc[w.organisations["role"] == "exhibitor", "org_id"].iloc[0]))),
            "relationship.target_list": lazy(lambda: relationship.target_list(self.plan, self.segments, w.organisations)),
            "relationship.tier_of": lazy(lambda: relationship.tier_of(relationship.member_points(w)["points"])),
            "reports.customer_composition": each(reports.customer_composition, list(reports.composition.DIMENSIONS), w),
            "reports.simulate_campaign": lazy(lambda: reports.simulate_campaign(
                w, w.organisations.loc[w.organisations["role"] == "buyer", "org_id"], "sms", 500, seed=1)),
            "classification.rule_measures": lazy(lambda: cls.rule_measures(self._baskets(), ["electronics"], ["machinery"])),
            "customerdb.precision_recall": lazy(lambda: __import__("labkit.customerdb").customerdb.precision_recall(
                [(1, 2)], [(1, 2), (3, 4)])),
            "customerdb.find_duplicates": lazy(lambda: __import__("labkit.customerdb").customerdb.find_duplicates(
                next(iter(self.lists.values())))),
        }

    def _joined(self) -> pd.DataFrame:
        return self.responses.merge(self.world.organisations[["org_id", "region_group", "business_nature"]], on="org_id")


def _returns_tables(fn: Callable[..., Any]) -> bool:
    return any(word in str(inspect.signature(fn).return_annotation) for word in _TABLES)


def _holds_tables(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` is declared to return a table: a DataFrame or Series (alone, in a dict or tuple), named figures
    (``dict[str, float]``), a result object with a table field, or one with ``as_dict()``."""
    returns = inspect.signature(fn).return_annotation
    if _returns_tables(fn) or str(returns) == "dict[str, float]":
        return True
    result = fn.__globals__.get(str(returns).split(".")[-1])
    if dataclasses.is_dataclass(result):
        return hasattr(result, "as_dict") or any(word in str(f.type) for f in dataclasses.fields(result) for word in _TABLES)
    return isinstance(result, type) and any(word in str(a) for a in getattr(result, "__annotations__", {}).values()
                                            for word in _TABLES)


@cache
def kit_codes() -> frozenset[str]:
    """Codes: values that can head a column or a row (a crosstab of industries, segments in an index), named by
    their own label sets (the enumerations, the questionnaire's options, every LabelSet of the package but the
    column labels), not as columns: whether they are shown by name is the code check's business."""
    from labkit.complaints.outcomes import COMPLAINT_GROUPS
    from labkit.reports.layout import COLUMN_LABELS
    from labkit.surveys import load_questionnaire
    from labkit.world import schema

    codes = {code for enum in schema.ENUMS.values() for code in enum.codes} | set(COMPLAINT_GROUPS)
    codes |= {code for question in load_questionnaire().questions for code in question.options}
    for info in pkgutil.walk_packages(labkit.__path__, "labkit."):
        if ".grading" in info.name or info.name.endswith(("__main__", "commands")):
            continue
        for value in vars(importlib.import_module(info.name)).values():
            if isinstance(value, LabelSet) and value is not COLUMN_LABELS and value is not HEADERS:
                codes |= set(value)
    return frozenset(codes)


def table_functions() -> dict[str, Callable[..., Any]]:
    """``package.name`` -> every public function of the packages whose result holds a table."""
    found = {}
    for package in PACKAGES:
        module = importlib.import_module(f"labkit.{package}")
        for name in module.__all__:
            fn = getattr(module, name)
            if not inspect.isfunction(fn) or f"{package}.{name}" in NOT_THE_KITS:
                continue
            if _holds_tables(fn):
                found[f"{package}.{name}"] = fn
    return found


def _required(fn: Callable[..., Any]) -> list[str]:
    return [p.name for p in inspect.signature(fn).parameters.values()
            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def unfilled(inputs: Inputs) -> list[str]:
    """Functions with a required parameter neither :meth:`Inputs.calls` nor :meth:`Inputs.by_name` fills."""
    calls, named = inputs.calls(), inputs.by_name()
    return sorted(f"{key}({', '.join(p for p in _required(fn) if p not in named)})"
                  for key, fn in table_functions().items()
                  if key not in calls and not set(_required(fn)) <= set(named))


def tables_in(result: Any) -> Iterator[tuple[str, pd.DataFrame | pd.Series]]:
    """The DataFrames and Series a result holds: itself, a dict's values, a tuple's items, a result object's fields."""
    if isinstance(result, (pd.DataFrame, pd.Series)):
        yield "", result
    elif isinstance(result, dict) and all(isinstance(v, (int, float)) for v in result.values()):
        yield "", pd.Series(result, dtype="float64")  # named figures, shown as the rows of a Series
    elif isinstance(result, dict):
        for key, value in result.items():
            yield from ((f"[{key!r}]{what}", t) for what, t in tables_in(value))
    elif isinstance(result, tuple) and not dataclasses.is_dataclass(result):
        for i, value in enumerate(result):
            yield from ((f"[{i}]{what}", t) for what, t in tables_in(value))
    elif hasattr(result, "__dict__"):
        for name, value in vars(result).items():
            if isinstance(value, (pd.DataFrame, pd.Series)):
                yield f".{name}", value
        for name, member in inspect.getmembers(type(result)):
            shown = isinstance(member, property) or (inspect.isfunction(member) and not name.startswith("_")
                                                     and _required(member) == ["self"] and _returns_tables(member))
            value = getattr(result, name) if shown else None
            value = value() if callable(value) else value
            if isinstance(value, (pd.DataFrame, pd.Series)):
                yield f".{name}" if isinstance(member, property) else f".{name}()", value
        if hasattr(result, "as_dict"):
            yield ".as_dict()", pd.Series(result.as_dict())


def kit_tables(inputs: Inputs) -> Iterator[tuple[str, str, pd.DataFrame | pd.Series]]:
    """``(function, what, table)`` for every table the kit's functions make from the small world."""
    calls, named = inputs.calls(), inputs.by_name()
    for key, fn in table_functions().items():
        if key in calls:
            results = list(calls[key]())
        elif set(_required(fn)) <= set(named):
            results = [("", fn(*(named[p]() for p in _required(fn))))]
        else:
            continue
        for argument, result in results:
            for what, table in tables_in(result):
                yield key + (f"({argument})" if argument else ""), what, table


def _unnamed_labels(index: pd.Index) -> set[Any]:
    """The labels of the levels without a name (``styled`` shows them as names: columns, named figures)."""
    return {v for level, name in enumerate(index.names) if name is None for v in index.get_level_values(level)}


def column_names(table: pd.DataFrame | pd.Series) -> set[str]:
    """The names ``styled`` shows a table's headers by: the columns, the names of the index and the columns, a
    Series' name, and the labels of every level without a name (rows of named figures)."""
    names: set[Any] = set(table.index.names) | _unnamed_labels(table.index)
    if isinstance(table, pd.DataFrame):
        names |= set(table.columns) if table.columns.nlevels == 1 else _unnamed_labels(table.columns)
        names |= set(table.columns.names)
    else:
        names.add(table.name)
    return {n for n in names if isinstance(n, str) and n}
