"""Numbers for people: money, shares, ratios and tables, never a Python repr."""
from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from labkit.plotting.numbers import figure, is_p_value_name, money, p_statement, p_value, ratio, share, styled


def test_money_has_currency_and_thousands_separators() -> None:
    assert money(12600, "CNY") == "¥12,600.00"
    assert money(Fraction(12600, 121), "USD") == "$104.13"
    assert money(-1234567.8, "KRW") == "-₩1,234,568"
    assert money(5, "EUR") == "5.00 EUR"
    assert money(-0.001) == "¥0.00"


def test_shares_ratios_and_figures_hide_the_reprs() -> None:
    assert share(0.29425) == "29.4%" and share(np.float64(0.0585), 2) == "5.85%"
    assert ratio(29.5149) == "29.51×"
    assert figure(Fraction(4, 15)) == "0.27" and figure(np.int64(22000)) == "22,000" and figure(2.0) == "2"
    with pytest.raises(TypeError):
        figure("12")


def test_styled_tables_format_each_kind_of_column() -> None:
    frame = pd.DataFrame({"campaign_id": [7], "cost": [1234.5], "rate": [0.125], "roi": [2951.49], "n": [12000]})
    html = styled(frame, money_columns=["cost"], share_columns=["rate"], ratio_columns=["roi"]).to_html()
    for text in ("¥1,234.50", "12.5%", "2,951.49×", "12,000", ">7<"):
        assert text in html, text


def test_styled_recognises_columns_by_their_names() -> None:
    frame = pd.DataFrame({"org_id": [10234], "exhibitor_share": [0.29425], "actual_cost": [12600.0], "clv": [104.13],
                          "value": [0.6], "customers": [22000], "p_alive": [0.95], "negative_value": [57],
                          "potential_value": [0.25], "lifetime_value": [516.06]})
    html = styled(frame, currency="USD").to_html()
    for text in (">10234<", "29.4%", "$12,600.00", "$104.13", ">0.60<", "22,000", "95.0%", ">57<", ">0.25<", "$516.06"):
        assert text in html, text
    assert "0.29425" not in html and "$0.60" not in html


def test_styled_shows_series_fractions_and_long_frames_readably() -> None:
    html = styled(pd.Series([np.float64(0.1138839), Fraction(4, 15)], index=["r", "f"], dtype=object, name="x")).to_html()
    assert "0.11" in html and "0.27" in html and "np.float64" not in html and "Fraction" not in html
    long = styled(pd.DataFrame({"n": range(500)})).to_html()
    assert long.count("<tr>") <= 26 and "First 25 of 500 rows" in long


def test_styled_dates_drop_the_midnight() -> None:
    html = styled(pd.DataFrame({"created_at": pd.to_datetime(["2021-01-29", None]),
                                "sent": pd.to_datetime(["2021-01-29 09:30:12", "2021-02-01 00:00:00"])})).to_html()
    assert "2021-01-29<" in html and "00:00:00" not in html and "2021-01-29 09:30<" in html


def test_p_values_read_as_a_statistics_textbook_writes_them() -> None:
    assert p_value(0.0342) == "0.034" and p_value(0.05) == "0.050" and p_value(1.0) == "1.000"
    assert p_value(0.001) == "0.001"
    for tiny in (0.0, 2e-5, 0.00096):  # 0.00096 would round to 0.001, but it is below it
        assert p_value(tiny) == "< 0.001"
    assert p_value(np.float64(2e-5), 4) == "< 0.0001" and p_value(0.00012, 4) == "0.0001"
    assert p_statement(0.0342) == "p = 0.034" and p_statement(3e-12) == "p < 0.001"
    for impossible in (-0.1, 1.2, float("nan")):
        with pytest.raises(ValueError):
            p_value(impossible)


def test_p_value_oracle_the_textbook_critical_value() -> None:
    """chi2 = 3.841 with 1 degree of freedom is the 5% critical value of every statistics table."""
    assert p_value(stats.chi2.sf(3.841459, 1)) == "0.050"
    assert p_value(stats.chi2.sf(10.827, 1)) == "0.001"  # just above the table's 0.1% value, 10.828
    assert p_value(stats.chi2.sf(10.828, 1)) == "< 0.001"


@pytest.mark.parametrize("name, is_p", [
    ("p", True), ("p_value", True), ("P-value", True), ("rank p", True), ("Sobel p", True), ("sobel_p", True),
    ("p值", True), ("p_alive", False), ("top", False), ("group", False), ("probability", False), ("chi2", False)])
def test_p_value_names(name: str, is_p: bool) -> None:
    assert is_p_value_name(name) is is_p


def test_styled_shows_p_values_never_as_zero() -> None:
    table = [[120, 10], [15, 130]]  # a strong association: p far below 0.001
    tiny = stats.chi2_contingency(table, correction=False)[1]
    assert tiny < 1e-30
    frame = pd.DataFrame({"by": ["role", "region"], "chi2": [181.2, 3.9], "p": [tiny, 0.0483], "rank p": [0.0, 0.21],
                          "p_value": [0.00049, 0.5], "p_alive": [0.95, 0.5]})
    html = styled(frame, column_decimals={"p": 4}).to_html()
    assert html.count(">< 0.001<") == 3, html
    for text in (">0.048<", ">0.210<", ">0.500<", ">95.0%<", ">181.20<"):
        assert text in html, text
    assert "0.0000" not in html and ">0.000<" not in html
    sobel = pd.Series({"a": 0.5123, "Sobel z": 6.75, "Sobel p": 1.5e-11, "p": 6.25}, name="mediation")
    html = styled(sobel, decimals=4).to_html()
    assert ">< 0.001<" in html and ">0.5123<" in html and ">6.7500<" in html
    assert ">6.2500<" in html, "a p-name with a number outside 0-1 (the Gamma-Gamma p) is no p-value"
    assert ">0.0000<" not in html
    assert ">0.333<" in styled(pd.DataFrame({"p": [1 / 3, None]})).to_html()


HAND_P = re.compile(r"p\s*=\s*\{[^}]*:\.\d+f\}|round\([^()]*p_value|p_value:\.\d|pvalue:\.\d")


def test_lessons_write_p_values_through_the_one_rule() -> None:
    """A p-value in a lesson or exercise goes through styled() / p_value / p_statement, never a
    hand-made "p = {p:.4f}" or round(p, 4) (which shows 0.0000 for a tiny p)."""
    root = Path(__file__).resolve().parents[1]
    found = []
    for path in [*root.glob("notebooks/source/*.ipynb"), *root.glob("exercises/source/*.ipynb")]:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code" and HAND_P.search("".join(cell["source"])):
                found.append(f"{path.name}: {cell.get('id')}")
    for path in (root / "labkit").rglob("*.py"):
        found += [f"{path.name}: {m.group()}" for m in HAND_P.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
