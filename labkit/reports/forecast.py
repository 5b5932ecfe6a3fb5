"""Forecast next edition's attendance and exhibitor renewals (客户预测, 会展客户关系管理论文).

The model is a table of return probabilities (再次参与概率) learnt from history. For every
exhibition, after each edition every customer who has taken part at least once is put in a
segment by

* role (exhibitor / buyer),
* recency (最近一次): took part in the last edition, missed one, or missed two or more,
* frequency (频次): took part once, twice, or three or more times so far;

and the probability that a customer of that segment takes part in the next edition is the
share of such customers who did, over all past edition-to-edition steps (a segment never seen
falls back to its role's rate). The forecast for the next edition is

    returning customers = sum of their segments' probabilities,
    new customers       = mean number of first-time participants over the last 3 editions
                          (the first edition is left out: everyone is new there),
    exhibitor renewals  = sum of the probabilities of the last edition's exhibitors.

:func:`backtest` hides an exhibition's last edition, fits the table on the editions before,
forecasts the hidden one and reports the error, next to the naive forecast "same as last time".
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit.errors import UsageError
from labkit.facts import edition_sequence, participations, table
from labkit.i18n import _
from labkit.world.schema import Role

RECENCY = ("last edition", "missed 1", "missed 2+")
FREQUENCY = ("1", "2", "3+")
NEW_WINDOW = 3


def _history(world: Any, exhibition_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Took-part matrix (customers x editions in order, bool) and the editions of one exhibition."""
    eds = edition_sequence(world)
    eds = eds.loc[eds["exhibition_id"] == exhibition_id].sort_values("seq").reset_index(drop=True)
    took_part = participations(world)
    took_part = took_part.loc[took_part["edition_id"].isin(eds["edition_id"])]
    orgs = np.unique(took_part["org_id"])
    seen = np.zeros((len(orgs), len(eds)), dtype=bool)
    position = pd.Series(np.arange(len(eds)), index=eds["edition_id"])
    seen[np.searchsorted(orgs, took_part["org_id"]), took_part["edition_id"].map(position).to_numpy()] = True
    return pd.DataFrame(seen, index=pd.Index(orgs, name="org_id"), columns=eds["edition_id"]), eds


def _segments(matrix: pd.DataFrame, roles: pd.Series, t: int) -> pd.DataFrame:
    """Segment of every customer seen by edition index t (inclusive)."""
    seen = matrix.iloc[:, : t + 1].to_numpy()
    freq = seen.sum(axis=1)
    last = np.where(seen, np.arange(t + 1), -1).max(axis=1)
    keep = freq > 0
    recency = np.minimum(t - last[keep], 2)
    return pd.DataFrame({
        "org_id": matrix.index[keep],
        "role": roles.reindex(matrix.index[keep]).astype(str).to_numpy(),
        "recency": np.array(RECENCY)[recency],
        "frequency": np.array(FREQUENCY)[np.minimum(freq[keep], 3) - 1],
    })


def _transitions(matrix: pd.DataFrame, roles: pd.Series, upto: int) -> pd.DataFrame:
    """(segment at t, took part at t+1) for every step t -> t+1 with t+1 <= upto."""
    steps = []
    for t in range(upto):
        seg = _segments(matrix, roles, t)
        seg["returned"] = matrix.iloc[:, t + 1].reindex(seg["org_id"]).to_numpy()
        steps.append(seg)
    return pd.concat(steps, ignore_index=True) if steps else pd.DataFrame(
        columns=["org_id", "role", "recency", "frequency", "returned"])


def _fit(transitions: pd.DataFrame) -> pd.DataFrame:
    keys = ["role", "recency", "frequency"]
    table_ = transitions.groupby(keys)["returned"].agg(customers="size", returned="sum").reset_index()
    table_["probability"] = table_["returned"] / table_["customers"]
    return table_


def _probability(segments: pd.DataFrame, fitted: pd.DataFrame, transitions: pd.DataFrame) -> pd.Series:
    keys = ["role", "recency", "frequency"]
    p = segments.merge(fitted[[*keys, "probability"]], on=keys, how="left")["probability"]
    role_rate = transitions.groupby("role")["returned"].mean()
    return p.fillna(segments["role"].map(role_rate)).fillna(0.0)


def return_probabilities(world: Any) -> pd.DataFrame:
    """The fitted model: per exhibition and segment, customers seen, how many returned, probability."""
    parts = []
    roles = table(world, "organisations").set_index("org_id")["role"]
    for exhibition_id in table(world, "editions")["exhibition_id"].unique():
        matrix, eds = _history(world, exhibition_id)
        fitted = _fit(_transitions(matrix, roles, len(eds) - 1))
        parts.append(fitted.assign(exhibition_id=exhibition_id))
    out = pd.concat(parts, ignore_index=True)
    return out[["exhibition_id", "role", "recency", "frequency", "customers", "returned", "probability"]]


def _forecast_at(matrix: pd.DataFrame, roles: pd.Series, t: int) -> pd.DataFrame:
    """Forecast edition t+1 from editions 0..t: returning, new, total and renewals per role."""
    transitions = _transitions(matrix, roles, t)
    if transitions.empty:
        raise UsageError(_("a forecast needs at least two past editions of the exhibition"))
    seg = _segments(matrix, roles, t)
    seg["p"] = _probability(seg, _fit(transitions), transitions).to_numpy()
    new = _new_customers(matrix, roles)
    rows = []
    for role in Role.codes():
        mine = seg.loc[seg["role"] == role]
        returning = mine["p"].sum()
        new_mean = new.loc[max(1, t - NEW_WINDOW + 1): t, role].mean()
        rows.append({"role": role, "returning": returning, "new": new_mean, "total": returning + new_mean,
                     "renewals": mine.loc[mine["recency"] == RECENCY[0], "p"].sum() if role == Role.exhibitor else np.nan})
    return pd.DataFrame(rows)


def _new_customers(matrix: pd.DataFrame, roles: pd.Series) -> pd.DataFrame:
    """First-time participants per edition index and role (edition 0 counts everyone)."""
    first = matrix.to_numpy().argmax(axis=1)
    frame = pd.DataFrame({"t": first, "role": roles.reindex(matrix.index).astype(str).to_numpy()})
    counts = frame.groupby(["t", "role"]).size().unstack("role", fill_value=0)
    return counts.reindex(index=range(matrix.shape[1]), columns=list(Role.codes()), fill_value=0)


def _actual(matrix: pd.DataFrame, roles: pd.Series, t: int) -> pd.DataFrame:
    """What happened at edition t, in the forecast's terms."""
    role = roles.reindex(matrix.index).astype(str)
    now, before = matrix.iloc[:, t], matrix.iloc[:, :t].any(axis=1)
    rows = []
    for r in Role.codes():
        mine = role == r
        rows.append({"role": r, "returning": int((now & before & mine).sum()), "new": int((now & ~before & mine).sum()),
                     "total": int((now & mine).sum()),
                     "renewals": int((now & matrix.iloc[:, t - 1] & mine).sum()) if r == Role.exhibitor else np.nan})
    return pd.DataFrame(rows)


def forecast_next_edition(world: Any) -> pd.DataFrame:
    """Expected participants at each exhibition's next edition (returning, new, total, renewals)."""
    roles = table(world, "organisations").set_index("org_id")["role"]
    parts = []
    for exhibition_id in table(world, "editions")["exhibition_id"].unique():
        matrix, eds = _history(world, exhibition_id)
        fc = _forecast_at(matrix, roles, len(eds) - 1)
        parts.append(fc.assign(exhibition_id=exhibition_id, after_edition=eds["name"].iloc[-1]))
    out = pd.concat(parts, ignore_index=True)
    return out[["exhibition_id", "after_edition", "role", "returning", "new", "total", "renewals"]]


def backtest(world: Any) -> pd.DataFrame:
    """Forecast each exhibition's last edition from the ones before; error and naive baseline."""
    roles = table(world, "organisations").set_index("org_id")["role"]
    parts = []
    for exhibition_id in table(world, "editions")["exhibition_id"].unique():
        matrix, eds = _history(world, exhibition_id)
        t = len(eds) - 1
        if t < 2:
            continue
        fc = _forecast_at(matrix, roles, t - 1).melt("role", var_name="measure", value_name="forecast")
        actual = _actual(matrix, roles, t).melt("role", var_name="measure", value_name="actual")
        naive = _actual(matrix, roles, t - 1).melt("role", var_name="measure", value_name="naive")
        both = fc.merge(actual, on=["role", "measure"]).merge(naive, on=["role", "measure"]).dropna(subset=["actual"])
        parts.append(both.assign(exhibition_id=exhibition_id, edition=eds["name"].iloc[t]))
    if not parts:
        raise UsageError(_("a backtest needs an exhibition with at least three editions"))
    out = pd.concat(parts, ignore_index=True)
    out["error"] = out["forecast"] - out["actual"]
    out["abs_pct_error"] = (out["error"].abs() / out["actual"].where(out["actual"] != 0)).astype("float64")
    out["naive_error"] = out["naive"] - out["actual"]
    return out[["exhibition_id", "edition", "role", "measure", "forecast", "actual", "error", "abs_pct_error",
                "naive", "naive_error"]]
