"""Reference answers for satisfaction surveys (满意度调查), in plain pandas."""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.world.schema import LIKERT_ITEMS, RELATIONSHIP_ITEMS, Role

TRUST = [c for c, item in RELATIONSHIP_ITEMS.items() if item.group == "trust"]
OVERALL = [c for c, item in LIKERT_ITEMS.items() if item.group == "overall"]

NEEDS_WORLD = True
FORBIDDEN: tuple[str, ...] = ("labkit.surveys", "labkit.reports", "labkit.grading", "labkit.widgets")


def expected(question: str, world: Any) -> Any:
    answers = world.tables["survey_responses"]
    if question == "q1":
        scores = answers["recommend"].dropna().astype(float)
        return 100.0 * ((scores >= 9).sum() - (scores <= 6).sum()) / len(scores)
    if question == "q2":
        means = answers.groupby(answers["role"].astype(str))["overall_satisfaction"].mean()
        return pd.DataFrame({"role": means.index, "mean_overall": means.astype(float).to_numpy()})
    if question == "q3":
        rows = []
        for dimension in dict.fromkeys(item.group for item in LIKERT_ITEMS.values()):
            columns = [c for c, item in LIKERT_ITEMS.items() if item.group == dimension]
            pooled = answers[columns].stack().astype(float)
            rows.append({"dimension": dimension, "mean": float(pooled.mean())})
        return pd.DataFrame(rows)
    if question == "q4":
        buyers = answers.loc[answers["role"] == Role.buyer, "future_visit"].dropna().astype(str)
        return float(buyers.isin(["definitely", "probably"]).mean())
    if question == "q6":  # Cronbach's alpha of the trust scale, listwise
        items = answers[TRUST].astype(float).dropna()
        k = len(TRUST)
        return float(k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1)))
    if question == "q7":  # Pearson r of the satisfaction and trust scale scores, complete respondents
        both = answers[OVERALL + TRUST].astype(float).dropna()
        return float(both[OVERALL].mean(axis=1).corr(both[TRUST].mean(axis=1)))
    if question == "q8":  # share of organisations at silver tier (500 points) or above, the lesson's rule
        t = world.tables
        booked = t["booth_bookings"][t["booth_bookings"]["status"].astype(str) == "confirmed"]
        came = t["registrations"][t["registrations"]["status"].astype(str) == "attended"]
        editions = pd.concat([booked[["org_id", "edition_id"]], came[["org_id", "edition_id"]]]).drop_duplicates()
        signed = t["deals"][t["deals"]["stage"].astype(str) == "signed"]
        orgs = t["organisations"]["org_id"]
        def count(ids: pd.Series) -> pd.Series:
            return ids.value_counts().reindex(orgs, fill_value=0)
        spend = booked.groupby("org_id")["price"].sum().reindex(orgs, fill_value=0.0)
        points = (100 * count(editions["org_id"]) + (spend // 100).astype(int)
                  + 50 * (count(signed["buyer_org_id"]) + count(signed["exhibitor_org_id"]))
                  + 20 * count(answers["org_id"]))
        return float((points >= 500).mean())
    raise KeyError(question)
