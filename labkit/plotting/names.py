"""Codes written for people (显示名称): the codes a table holds, shown by their names in the display language.

The world stores codes (``buyer``, ``sms``, ``no_show``, ``CN``) and students filter on them; what a
lesson shows names them (采购商, 短信, 未到场, 中国). :func:`code_names` finds the columns and index
levels of a table that hold only the codes of one enumeration and gives each its ``{code: name}``;
:func:`~labkit.plotting.numbers.styled` and the customer search table show every table through it, so
the data keep their codes. :func:`name_of` names one code in a sentence.

An enumeration is one of the schema's (``ENUMS``) or a class list the analytics return (value
matrix, lifecycle stages, loyalty rungs, RFM segments, CLV tiers, loyalty types, strategies, ...):
:data:`NAME_SETS`. A column is named by the one enumeration holding all its codes; when several
hold them and name them differently (``medium``: a size band or a priority), the column's name
decides (``size_band``), otherwise the codes stay as they are.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from labkit.classification.lifecycle import CONFERENCE_LABELS, EXHIBITION_LABELS
from labkit.classification.loyalty import LABELS as LOYALTY_RUNGS
from labkit.classification.rfm import LABELS as RFM_SEGMENTS
from labkit.classification.track_care import LABELS as TRACK_CARE
from labkit.classification.value_matrix import VALUE_LABELS
from labkit.clv.sensitivity import DRIVER_LABELS
from labkit.clv.world_clv import TIER_LABELS
from labkit.complaints.outcomes import COMPLAINT_GROUPS
from labkit.i18n import Label, LabelSet, _
from labkit.relationship.loyalty_types import LABELS as LOYALTY_TYPES
from labkit.relationship.membership import TIER_NAMES
from labkit.relationship.strategies import GROUPS, STRATEGIES
from labkit.reports.attendance import STEP_LABELS
from labkit.surveys.drivers import CORRELATIONS, OUTCOME_LABELS
from labkit.surveys.ipa import QUADRANTS
from labkit.surveys.questionnaire import load_questionnaire
from labkit.surveys.summary import BREAKDOWN_LABELS
from labkit.world.geography import countries, shown_country
from labkit.world.schema import ENUMS, TABLES

__all__ = ["COUNTRY_COLUMNS", "NAME_SETS", "CodeNames", "code_names", "name_of", "names_for", "shown_name"]

_SURVEY = load_questionnaire()
#: Every enumeration whose codes tables hold, by name: the schema's, those the analytics return and
#: the survey's dimensions and relationship constructs (满意度维度, 关系构念).
NAME_SETS: dict[str, LabelSet] = {
    **{name: enum.labels for name, enum in ENUMS.items()},
    "value_matrix": VALUE_LABELS, "exhibition_stage": EXHIBITION_LABELS, "conference_stage": CONFERENCE_LABELS,
    "loyalty_rung": LOYALTY_RUNGS, "rfm_segment": RFM_SEGMENTS, "track_care": TRACK_CARE, "clv_tier": TIER_LABELS,
    "clv_driver": DRIVER_LABELS, "loyalty_type": LOYALTY_TYPES, "membership_tier": TIER_NAMES, "crm_group": GROUPS,
    "strategy": STRATEGIES, "funnel_step": STEP_LABELS, "ipa_quadrant": QUADRANTS, "correlation": CORRELATIONS,
    "survey_outcome": OUTCOME_LABELS, "complaint_group": COMPLAINT_GROUPS,
    "survey_breakdown": BREAKDOWN_LABELS,
    "survey_dimension": LabelSet({d.name: Label(d.en, d.zh) for d in _SURVEY.dimensions}),
    "relationship_construct": LabelSet({"satisfaction": Label("customer satisfaction", "客户满意感"),
                                        **{d.name: Label(d.en, d.zh) for d in _SURVEY.constructs}}),
}
#: What a crosstab's margins are called (``margins=True``), shown as the total.
MARGINS = frozenset({"All"})
#: Columns holding ISO country codes (``CN``), named in the display language (中国).
COUNTRY_COLUMNS = frozenset({"country"})
# Column names that say which enumeration a column holds when its codes alone do not.
_HINTS: dict[str, frozenset[str]] = {
    "segment": frozenset({"value_matrix", "rfm_segment", "crm_group"}),
    "stage": frozenset({"lifecycle_stage", "exhibition_stage", "conference_stage"}),
    "tier": frozenset({"clv_tier", "membership_tier"}), "type": frozenset({"loyalty_type"}),
    "rung": frozenset({"loyalty_rung"}), "step": frozenset({"funnel_step"}), "quadrant": frozenset({"ipa_quadrant"}),
    "business_type": frozenset({"business_nature"}), "complaint": frozenset({"complaint_group"}),
    "breakdown": frozenset({"survey_breakdown"}), "outcome": frozenset({"survey_outcome"}),
    "dimension": frozenset({"survey_dimension", "relationship_construct"}), "construct": frozenset({"relationship_construct"}),
}


@cache
def _hints() -> dict[str, frozenset[str]]:
    """Column name -> the enumerations a column of that name holds (the schema's columns, then the analytics')."""
    found: dict[str, set[str]] = {}
    for table in TABLES:
        for column in table.columns:
            if column.enum is not None:
                found.setdefault(column.name, set()).add(column.enum)
    return {**{name: frozenset(enums) for name, enums in found.items()}, **_HINTS}


@cache
def _codes(name: str) -> frozenset[str]:
    return frozenset(NAME_SETS[name].codes)


def _blank(value: Any) -> bool:
    """A missing value (None, NaN, pd.NA): shown as nothing, never a code."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _plain(column: Hashable) -> str:
    """The name that hints a column's enumeration: the last part of a tuple name, as text."""
    if isinstance(column, tuple):
        column = column[-1] if column else ""
    return "" if column is None else str(column)


def names_for(values: Iterable[Any], column: Hashable = None, *, by_name_only: bool = False) -> dict[str, str] | None:
    """``{code: name}`` in the display language when ``values`` (blanks apart) are all codes of one
    enumeration (or countries, in a column named ``country``); ``None`` otherwise. ``column``, the
    column's name, decides between enumerations that name the same code differently;
    ``by_name_only``: only the enumerations a column of that name holds count (one field of a record)."""
    codes: set[str] = set()
    for value in values:
        if _blank(value):
            continue
        if not isinstance(value, str):
            return None
        codes.add(str(value))  # a StrEnum member as its plain code
    if not codes:
        return None
    hint = _plain(column)
    if hint in COUNTRY_COLUMNS:
        known = set(countries())
        return {code: shown_country(code) for code in codes} if codes <= known else None
    holding = [name for name in NAME_SETS if codes <= _codes(name)]
    hinted = [name for name in holding if name in _hints().get(hint, ())]
    if by_name_only and not hinted:
        return None
    readings = {tuple(sorted(NAME_SETS[name].text(code) for code in codes)): name for name in hinted or holding}
    if len(readings) != 1:
        return None
    (chosen,) = readings.values()
    return {code: NAME_SETS[chosen].text(code) for code in codes}


def name_of(code: Any, column: Hashable = None) -> str:
    """One code's name in the display language (``name_of("sms")`` is 短信 in zh_CN); ``column``
    says which enumeration when the code alone does not (``name_of("medium", "size_band")``).
    A value that is no code shows as it is."""
    names = names_for([str(code)], column) if isinstance(code, str) else None
    return str(code) if names is None else names[str(code)]


@dataclass(frozen=True)
class CodeNames:
    """Where a table holds codes, and their names (:func:`code_names`): per column, per index level
    and per level of the column labels, ``{code: name}``."""

    cells: dict[Hashable, dict[str, str]] = field(default_factory=dict)
    index: dict[int, dict[str, str]] = field(default_factory=dict)
    columns: dict[int, dict[str, str]] = field(default_factory=dict)
    #: single cells of a record shown as rows (field name -> value): ``(row, column) -> {code: name}``
    fields: dict[tuple[Hashable, Hashable], dict[str, str]] = field(default_factory=dict)

    def rename(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its codes replaced by their names (cells, index and column labels)."""
        out = frame.copy()
        for column, names in self.cells.items():
            out[column] = out[column].astype(object).map(lambda v, n=names: n.get(v, v) if isinstance(v, str) else v)
        for (row, column), names in self.fields.items():
            out.loc[row, column] = names.get(out.loc[row, column], out.loc[row, column])
        for axis, levels in ((0, self.index), (1, self.columns)):
            for level, names in levels.items():
                out = out.rename(names.get, axis=axis, level=level if out.axes[axis].nlevels > 1 else None)
        return out


def _level(values: pd.Index, name: Hashable) -> dict[str, str] | None:
    """The names of an index level's codes: most of its labels are codes of one enumeration, the
    others no enumeration's codes (a crosstab's ``All``, a summary's ``answered``)."""
    labels = list(values.categories if isinstance(values, pd.CategoricalIndex) else values.unique())
    codes = [v for v in labels if isinstance(v, str) and any(v in _codes(n) for n in NAME_SETS)]
    if not codes or 2 * len(codes) < len(labels):
        return None
    names = names_for(codes, name)
    if names is not None and any(v in MARGINS for v in labels):
        names.update({margin: _("Total") for margin in MARGINS})
    return names


def _levels(axis: pd.Index) -> dict[int, dict[str, str]]:
    """The names of each level of ``axis`` that holds codes; in a hierarchy, a level whose codes
    belong to several enumerations is named group by group, by the level above (``role`` /
    ``business_type`` beside their codes in a survey summary)."""
    found = {}
    for level in range(axis.nlevels):
        names = _level(axis.get_level_values(level), axis.names[level])
        if names is None and level > 0:
            names = {}
            for parent, group in pd.Series(axis.get_level_values(level), index=axis.get_level_values(level - 1)).groupby(
                    level=0, sort=False):
                named = names_for(group.unique(), parent, by_name_only=True) if isinstance(parent, str) else None
                names.update(named or {})
        if names:
            found[level] = names
    return found


def code_names(frame: pd.DataFrame) -> CodeNames:
    """The columns and index levels of ``frame`` that hold codes, with their names (see the module).

    Cells of text or category columns, every index level, and the levels of the column labels that
    carry a name (what ``unstack``, ``pivot`` and ``crosstab`` make: the codes of ``status`` as
    columns); plain column names (``email``, ``phone``) are headers, not codes. A record shown as
    rows (one field per row: ``role``, ``country``, ``industry`` ...) has each field's cell named
    by the field."""
    cells: dict[Hashable, dict[str, str]] = {}
    fields: dict[tuple[Hashable, Hashable], dict[str, str]] = {}
    fields_shown = [row for row in frame.index if isinstance(row, str) and (row in _hints() or row in COUNTRY_COLUMNS)] \
        if frame.index.nlevels == 1 and frame.index.is_unique else []
    for column in frame.columns:
        data = frame[column]
        if isinstance(data.dtype, pd.CategoricalDtype):
            values: Iterable[Any] = data.cat.categories
        elif pd.api.types.is_object_dtype(data.dtype) or pd.api.types.is_string_dtype(data.dtype):
            values = data.unique()
        else:
            continue
        names = names_for(values, column)
        if names is not None:
            cells[column] = names
        else:
            for row in fields_shown:
                value = data[row]
                names = names_for([value], row, by_name_only=True) if isinstance(value, str) else None
                if names is not None:
                    fields[row, column] = names
    index = _levels(frame.index)
    if frame.columns.equals(frame.index):  # a matrix (correlations): its columns are its rows
        columns = index
    else:
        columns = _levels(frame.columns) if any(name is not None for name in frame.columns.names) else {}
    return CodeNames(cells, index, columns, fields)


def shown_name(names: Mapping[str, str], other: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """A cell or label formatter showing a code by its name, a blank as nothing, anything else as it
    is (or as ``other`` shows it: a header among the codes of an unnamed level)."""
    def show(value: Any) -> Any:
        if isinstance(value, str) and value in names:
            return names[value]
        if _blank(value):
            return ""
        return value if other is None else other(value)
    return show
