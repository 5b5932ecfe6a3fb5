"""The survey summary report of 教材第六章 (客户调查汇总报表).

"Combining the respondents' attributes, such as role, region group and business type,
count the customer source, purchase-volume change, satisfaction, purpose, future visiting
plans and future exhibiting plans." One table per question; rows are the groups of each
breakdown (role 角色, region group 区域, business type 业务类型 = business_nature), columns the
answers in the schema's order, plus the number who answered and who skipped it.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.errors import DataError
from labkit.facts import require_columns, world_tables
from labkit.i18n import Label, LabelSet, _
from labkit.world.schema import ENUMS

#: Report question -> (survey_responses column, enumeration or None for the 1-5 scale).
QUESTIONS: dict[str, tuple[str, str | None]] = {
    "source": ("heard_from", "channel"),
    "purchase_volume_change": ("purchase_volume_change", "volume_change"),
    "satisfaction": ("overall_satisfaction", None),
    "purpose": ("purpose", "visit_purpose"),
    "future_visiting": ("future_visit", "future_plan"),
    "future_exhibiting": ("future_exhibit", "future_plan"),
}
#: Breakdown -> column of the joined responses.
BREAKDOWNS: dict[str, str] = {"role": "role", "region_group": "region_group", "business_type": "business_nature"}
#: The breakdowns' names (客户角色, 区域, 业务类型).
BREAKDOWN_LABELS = LabelSet(role=Label("role", "客户角色"), region_group=Label("region group", "区域"),
                            business_type=Label("business type", "业务类型"))


def _count(frame: pd.DataFrame, group: str, column: str, levels: list[Any]) -> pd.DataFrame:
    groups = frame[group].astype("object")
    counts = pd.crosstab(groups, frame[column].astype("object"))
    counts = counts.reindex(index=sorted(groups.dropna().unique()), columns=levels, fill_value=0)
    counts["answered"] = counts.sum(axis=1)
    skipped = frame[frame[column].isna()].groupby(groups).size()
    counts["missing"] = skipped.reindex(counts.index, fill_value=0)
    return counts


def survey_summary(world: Any, edition_id: int | None = None) -> dict[str, pd.DataFrame]:
    """Counts of each answer by role, region group and business type, one DataFrame per question.

    Keys: source, purchase_volume_change, satisfaction, purpose, future_visiting,
    future_exhibiting. Each DataFrame has a (breakdown, group) row index and one column per
    answer code (1-5 for satisfaction), then ``answered`` and ``missing``. ``edition_id``
    limits the report to one edition; by default all responses are counted.
    """
    tables = world_tables(world, ["survey_responses", "organisations"], "survey_summary")
    responses = tables["survey_responses"]
    if edition_id is not None:
        responses = responses[responses["edition_id"] == edition_id]
        if responses.empty:
            raise DataError(_("no survey responses for edition {edition_id}").format(edition_id=edition_id))
    orgs = tables["organisations"]
    require_columns(orgs, ["org_id", "region_group", "business_nature"], "survey_summary (organisations)")
    joined = responses.merge(orgs[["org_id", "region_group", "business_nature"]], on="org_id", how="left")
    report: dict[str, pd.DataFrame] = {}
    for name, (column, enum) in QUESTIONS.items():
        require_columns(joined, [column], "survey_summary")
        levels: list[Any] = list(ENUMS[enum].codes) if enum else [1, 2, 3, 4, 5]
        values = joined[column] if enum else pd.to_numeric(joined[column], errors="coerce").astype("Int64")
        frame = joined.assign(**{column: values})
        blocks = {label: _count(frame, col, column, levels) for label, col in BREAKDOWNS.items()}
        report[name] = pd.concat(blocks, names=["breakdown", "group"])
    return report
