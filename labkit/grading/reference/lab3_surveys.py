"""Reference answers for satisfaction surveys (满意度调查), in plain pandas."""
from __future__ import annotations

from typing import Any

import pandas as pd

from labkit.world.schema import LIKERT_ITEMS

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
        for dimension in dict.fromkeys(dim for dim, _en, _zh in LIKERT_ITEMS.values()):
            columns = [c for c, (dim, _en, _zh) in LIKERT_ITEMS.items() if dim == dimension]
            pooled = answers[columns].stack().astype(float)
            rows.append({"dimension": dimension, "mean": float(pooled.mean())})
        return pd.DataFrame(rows)
    if question == "q4":
        buyers = answers.loc[answers["role"] == "buyer", "future_visit"].dropna().astype(str)
        return float(buyers.isin(["definitely", "probably"]).mean())
    raise KeyError(question)
