"""Survey and complaint charts draw what the tables say."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from labkit.complaints import pareto_table  # noqa: E402
from labkit.plotting import diverging_likert_chart, ipa_chart, missing_glyphs, pareto_chart  # noqa: E402
from labkit.surveys import importance_performance, item_distribution, load_questionnaire  # noqa: E402


def _texts(ax) -> str:
    return " ".join(t.get_text() for t in ax.figure.findobj(matplotlib.text.Text))


def test_diverging_bars_split_at_the_neutral_midpoint() -> None:
    answers = pd.DataFrame({"content_exhibits": [1, 2, 3, 3, 5], "organisation_venue": [4, 4, 4, 5, 3]})
    ax = diverging_likert_chart(item_distribution(answers, list(answers)), scale=load_questionnaire().likert)
    bars = [p for p in ax.patches if p.get_width() > 0]
    first = [b for b in bars if abs(b.get_y() + b.get_height() / 2 - 0) < 0.5]
    # item 1: 1 and 2 (40 %) plus half of neutral (20 %) lie left of zero
    assert min(b.get_x() for b in first) == pytest.approx(-0.6)
    assert sum(b.get_width() for b in first) == pytest.approx(1.0)
    assert "Very satisfied" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert missing_glyphs(_texts(ax)) == set()
    plt.close(ax.figure)


def test_ipa_chart_crosshairs_where_the_result_says() -> None:
    frame = pd.DataFrame({"a": [5, 4, 2], "b": [2, 2, 1], "overall_satisfaction": [5, 3, 1]})
    ipa = importance_performance(frame, ["a", "b"])
    ax = ipa_chart(ipa)
    lines = ax.get_lines()
    assert lines[0].get_xdata()[0] == pytest.approx(ipa.performance_line)
    assert lines[1].get_ydata()[0] == pytest.approx(ipa.importance_line)
    plt.close(ax.figure)


def test_pareto_chart_bars_follow_the_table() -> None:
    table = pareto_table(pd.DataFrame({"category": list("aaabbc")}))
    ax = pareto_chart(table)
    heights = [p.get_height() for p in ax.patches]
    assert heights == [3, 2, 1]
    plt.close(ax.figure)
