"""Numbers for people: money, shares, ratios and tables, never a Python repr."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from labkit.plotting.numbers import figure, money, ratio, share, styled


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
