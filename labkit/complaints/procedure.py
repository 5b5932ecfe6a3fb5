"""The complaint handling procedure (客户投诉处理程序) and how long each step takes.

教材第六章 and 会议客户关系管理课件: record (登记) -> confirm (确认) -> investigate (调查) -> resolve (解决) ->
give feedback (反馈) -> follow up (回访). The ``complaints`` table holds one timestamp per
step; a step not reached yet is empty. Durations are in hours.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from labkit.errors import DataError
from labkit.facts import require_columns
from labkit.i18n import _

#: Handling steps in order: (status code reached, timestamp column, English, 中文).
STEPS: tuple[tuple[str, str, str, str], ...] = (
    ("recorded", "opened_at", "record", "登记"),
    ("confirmed", "confirmed_at", "confirm", "确认"),
    ("investigating", "investigated_at", "investigate", "调查"),
    ("resolved", "resolved_at", "resolve", "解决"),
    ("feedback_given", "feedback_at", "feedback", "反馈"),
    ("followed_up", "followed_up_at", "follow up", "回访"),
)
TIMESTAMPS: tuple[str, ...] = tuple(step[1] for step in STEPS)


def _timestamps(complaints: pd.DataFrame) -> pd.DataFrame:
    require_columns(complaints, ["complaint_id", *TIMESTAMPS], "complaint handling")
    times = complaints.set_index("complaint_id")[list(TIMESTAMPS)].apply(pd.to_datetime)
    backwards = []
    for earlier, later in zip(TIMESTAMPS, TIMESTAMPS[1:]):
        wrong = times.index[times[later] < times[earlier]]
        backwards += [_("{cid} ({later} before {earlier})").format(cid=cid, later=later, earlier=earlier) for cid in wrong]
        gap = times.index[times[later].notna() & times[earlier].isna()]
        backwards += [_("{cid} ({later} without {earlier})").format(cid=cid, later=later, earlier=earlier) for cid in gap]
    if backwards:
        raise DataError(_("complaint steps out of order: {steps}").format(
            steps=", ".join(backwards[:5]) + (" …" if len(backwards) > 5 else "")))
    return times


def stage_durations(complaints: pd.DataFrame) -> pd.DataFrame:
    """Hours each step took, one row per complaint (index complaint_id), NaN where not reached.

    Column ``confirm`` is opened_at -> confirmed_at, ``investigate`` confirmed_at ->
    investigated_at, and so on to ``follow up``. Raises ValueError when a step's time lies
    before the previous step's, or a step is stamped while the one before is empty.
    """
    times = _timestamps(complaints)
    out = pd.DataFrame(index=times.index)
    for earlier, later, name in zip(TIMESTAMPS, TIMESTAMPS[1:], (step[2] for step in STEPS[1:])):
        out[name] = (times[later] - times[earlier]).dt.total_seconds() / 3600
    return out


def time_to_resolve(complaints: pd.DataFrame, by: Sequence[str] = ("category",)) -> pd.DataFrame:
    """Hours from record to resolution per group (解决时长): count, resolved share, median and mean.

    Unresolved complaints count in ``complaints`` and lower ``resolved_share``; the hours are
    over resolved complaints only (an open complaint has no resolution time yet).
    """
    require_columns(complaints, list(by), "time_to_resolve")
    times = _timestamps(complaints)
    hours = (times["resolved_at"] - times["opened_at"]).dt.total_seconds() / 3600
    frame = complaints.set_index("complaint_id")[list(by)].astype("object").assign(hours=hours)
    grouped = frame.groupby(list(by))["hours"]
    out = grouped.agg(complaints="size", resolved="count", median_hours="median", mean_hours="mean")
    out["resolved_share"] = out["resolved"] / out["complaints"]
    return out.sort_values("median_hours", ascending=False)
