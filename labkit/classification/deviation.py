"""Deviation analysis (偏差分析): customers whose behaviour changed, 会展客户关系管理论文's data mining.

The rule compares each customer's **recent** editions (the last ``recent`` editions) with its
**baseline** (the editions before them), on two things it does:

* **stopped coming** (不再参加): it took part in at least ``min_baseline`` baseline editions,
  in at least half of them, and in none of the recent ones;
* **spends less / more** (消费下降 / 消费上升): it took part both in the baseline and recently,
  and its average spend per edition it took part in fell below ``drop`` times (default half) or
  rose above ``rise`` times (default double) its baseline average. Spend is the price of its
  sold booths for an exhibitor and the amount of its signed deals for a buyer (购买量).

A customer is flagged once, with the first of these that applies. Early warning, not a verdict:
the lesson asks the student to look at each flagged customer's history.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.classification._checks import check_count
from labkit.errors import UsageError
from labkit.facts import edition_sequence, participations, signed_deals, sold_bookings
from labkit.i18n import N_, _

__all__ = ["DEVIATIONS", "behaviour_changes"]

DEVIATIONS: dict[str, str] = {
    "stopped": N_("stopped coming"),
    "spend_down": N_("spends much less"),
    "spend_up": N_("spends much more"),
}


def _by_edition(org_ids: pd.Index, positions: pd.Series, frame: pd.DataFrame, org_col: str, n: int,
                values: np.ndarray | None = None) -> np.ndarray:
    out = np.zeros((len(org_ids), n))
    rows = org_ids.get_indexer(frame[org_col])
    keep = rows >= 0
    np.add.at(out, (rows[keep], frame["edition_id"].map(positions).to_numpy()[keep]),
              1.0 if values is None else values[keep])
    return out


def behaviour_changes(world: object, recent: int = 2, min_baseline: int = 2,
                      drop: float = 0.5, rise: float = 2.0) -> pd.DataFrame:
    """Flagged customers: baseline and recent participation and spend, the change and the deviation."""
    recent = check_count(recent, "recent")
    min_baseline = check_count(min_baseline, "min_baseline")
    if not (isinstance(drop, (int, float)) and isinstance(rise, (int, float)) and 0 < drop < 1 < rise):
        raise UsageError(_("drop must lie between 0 and 1 and rise above 1 (e.g. 0.5 and 2), got {drop!r} and {rise!r}")
                         .format(drop=drop, rise=rise))
    positions = edition_sequence(world).set_index("edition_id")["position"]
    n = len(positions)
    if n < recent + min_baseline:
        raise UsageError(_("{n} editions are too few for {base} baseline and {recent} recent editions").format(
            n=n, base=min_baseline, recent=recent))
    part = participations(world)
    orgs = pd.Index(sorted(part["org_id"].unique()), name="org_id")
    role = part.drop_duplicates("org_id").set_index("org_id")["role"].reindex(orgs)
    took = _by_edition(orgs, positions, part, "org_id", n) > 0
    booths = sold_bookings(world)
    deals = signed_deals(world)
    spend = (_by_edition(orgs, positions, booths, "org_id", n, booths["price"].to_numpy(float))
             + _by_edition(orgs, positions, deals, "buyer_org_id", n, deals["amount"].to_numpy(float)))
    base, last = slice(0, n - recent), slice(n - recent, n)
    base_times, last_times = took[:, base].sum(axis=1), took[:, last].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        base_spend = np.where(base_times > 0, spend[:, base].sum(axis=1) / base_times, np.nan)
        last_spend = np.where(last_times > 0, spend[:, last].sum(axis=1) / last_times, np.nan)
        change = last_spend / base_spend - 1
    stopped = (base_times >= min_baseline) & (base_times * 2 >= n - recent) & (last_times == 0)
    both = (base_times > 0) & (last_times > 0) & (base_spend > 0)
    down = both & (last_spend < drop * base_spend)
    up = both & (last_spend > rise * base_spend)
    deviation = np.select([stopped, down, up], ["stopped", "spend_down", "spend_up"], "")
    out = pd.DataFrame({
        "org_id": orgs, "role": role.to_numpy(), "baseline_editions": base_times, "recent_editions": last_times,
        "baseline_spend": base_spend, "recent_spend": last_spend, "change": change, "deviation": deviation})
    out = out[out["deviation"] != ""].reset_index(drop=True)
    out["meaning"] = [_(DEVIATIONS[d]) for d in out["deviation"]]
    return out
