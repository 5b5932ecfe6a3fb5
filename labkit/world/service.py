"""The contact log (联系记录): every call, e-mail, visit … and what it cost (服务成本).

Exhibitors are contacted more than buyers; demanding customers call in often and get visits,
so their cost to serve is high.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world.behaviour import DECLINE, History
from labkit.world.config import WorldConfig
from labkit.world.customers import Customers
from labkit.world.draws import row_categorical
from labkit.world.fair import money
from labkit.world.participation import visiting_contact
from labkit.world.schema import ContactMedium, ContactResult

MEDIA = np.array(ContactMedium.codes(), dtype=object)
MEDIUM_P = np.array([[40, 25, 5, 8, 3, 2, 17], [25, 40, 15, 1, 2, 1, 16], [30, 15, 2, 30, 2, 1, 20]], dtype=float)
MEDIUM_COST = np.array([12.0, 1.5, 0.1, 800.0, 8.0, 3.0, 4.0])  # CNY per contact
RESULTS = np.array(ContactResult.codes(), dtype=object)
RESULT_P = np.array([[56, 15, 18, 10, 1], [30, 20, 15, 5, 30]], dtype=float)  # normal, asked not to be contacted
RATE = (2.5, 0.5)  # contacts per participating edition: exhibitors, buyers


def contact_log(rng: np.random.Generator, cfg: WorldConfig, cust: Customers, history: History,
                starts: np.ndarray, staff: np.ndarray) -> dict[str, object]:
    parts = []
    for rec in history.records:
        role = cust.role[rec.orgs]
        demanding = cust.demanding[rec.orgs]
        lam = np.take(RATE, role) * (1 + 3 * demanding) * np.where(rec.stage == DECLINE, 1.4, 1.0)
        k = rng.poisson(lam)
        org = np.repeat(rec.orgs, k)
        n = len(org)
        profile = np.where(cust.demanding[org], 2, cust.role[org])
        medium = row_categorical(rng, MEDIUM_P[profile])
        result = row_categorical(rng, RESULT_P[history.dnc[org].astype(np.int64)])
        day = starts[rec.edition] - rng.integers(-5, 150, n) * np.timedelta64(1, "D")
        at = day.astype("datetime64[s]") + (8 * 3600 + rng.integers(0, 10 * 3600, n)).astype("timedelta64[s]")
        inbound = rng.random(n) < np.where(cust.demanding[org], 0.65, 0.4)
        parts.append(pd.DataFrame({
            "org_id": org + 1, "contact_id": visiting_contact(rng, cust, org), "at": at, "medium": MEDIA[medium],
            "direction": np.where(inbound, "inbound", "outbound"), "result": RESULTS[result],
            "staff": staff[rng.integers(0, len(staff), n)],
            "cost": money(cfg, MEDIUM_COST[medium] * rng.uniform(0.8, 1.2, n))}))
    df = pd.concat(parts, ignore_index=True)
    df = df.take(np.lexsort((df["org_id"].to_numpy(), df["at"].to_numpy())))
    df.index = pd.RangeIndex(len(df))
    df.insert(0, "log_id", np.arange(1, len(df) + 1))
    return {k: df[k] for k in df.columns}
