"""``labkit survey``: one-line errors, and the overview text on hand-made answers."""
from __future__ import annotations

import pandas as pd

from labkit.cli import main
from labkit.surveys.commands import _overview
from labkit.world.schema import LIKERT_ITEMS


def test_unknown_edition_is_one_line(capsys) -> None:
    assert main(["survey", "--edition", "99999"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("labkit survey: error:") and "\n" not in err


def test_overview_lists_alpha_nps_and_csat() -> None:
    rows = [(1, 2, 10), (2, 2, 9), (3, 3, 6), (4, 5, 8), (5, 4, 10), (3, 4, 0)]
    data = {col: [a + (i % 2) if a < 5 else a for a, _s, _r in rows] for i, col in enumerate(LIKERT_ITEMS)}
    data["overall_satisfaction"] = [s for _a, s, _r in rows]
    frame = pd.DataFrame(data).assign(recommend=[r for *_x, r in rows], role=["buyer"] * 3 + ["exhibitor"] * 3)
    text = _overview(frame)
    assert "survey responses: 6" in text
    assert "alpha content:" in text and "alpha overall:" in text
    assert "buyer: NPS 33.3, CSAT 0.0%" in text  # 10, 9 promoters, 6 detractor; satisfaction 2, 2, 3
    assert "exhibitor: NPS 0.0, CSAT 100.0%" in text  # 8 passive, 10 promoter, 0 detractor; 5, 4, 4
