"""The forecast model worked out by hand on six customers over four editions (exact fractions).

Took part (1) per edition e1..e4; org 2's cancelled booking at e4 and org 6's no-show at e1
do not count:

    org 1 exhibitor  1 1 1 1        org 4 exhibitor  0 1 1 1
    org 2 exhibitor  1 1 0 0        org 5 buyer      1 1 0 1
    org 3 exhibitor  1 0 1 0        org 6 buyer      0 0 1 1
"""
from __future__ import annotations

from fractions import Fraction as F

import pandas as pd
import pytest

from labkit import reports
from labkit.errors import UsageError

PATTERN = {1: "1111", 2: "1100", 3: "1010", 4: "0111", 5: "1101", 6: "0011"}
ROLE = {1: "exhibitor", 2: "exhibitor", 3: "exhibitor", 4: "exhibitor", 5: "buyer", 6: "buyer"}


def tiny(pattern: dict[int, str] = PATTERN) -> dict[str, pd.DataFrame]:
    editions = pd.DataFrame({"edition_id": [1, 2, 3, 4], "exhibition_id": 1, "name": ["e1", "e2", "e3", "e4"],
                             "year": [2022, 2023, 2024, 2025],
                             "start_date": pd.to_datetime(["2022-04-01", "2023-04-01", "2024-04-01", "2025-04-01"])})
    book, reg = [(4, 2, "cancelled")], [(1, 6, "no_show")]
    for org, marks in pattern.items():
        for ed, mark in enumerate(marks, start=1):
            if mark == "1":
                (book if ROLE[org] == "exhibitor" else reg).append((ed, org, "confirmed" if ROLE[org] == "exhibitor" else "attended"))
    return {
        "editions": editions,
        "organisations": pd.DataFrame({"org_id": list(ROLE), "role": list(ROLE.values())}),
        "booth_bookings": pd.DataFrame(book, columns=["edition_id", "org_id", "status"]),
        "registrations": pd.DataFrame(reg, columns=["edition_id", "org_id", "status"]),
    }


def _close(value: float, expected: F) -> None:
    assert value == pytest.approx(float(expected), abs=1e-12)


def test_return_probabilities_by_hand():
    got = reports.return_probabilities(tiny()).set_index(["role", "recency", "frequency"])
    expected = {
        ("exhibitor", "last edition", "1"): F(3, 4), ("exhibitor", "last edition", "2"): F(1, 2),
        ("exhibitor", "last edition", "3+"): F(1), ("exhibitor", "missed 1", "1"): F(1),
        ("exhibitor", "missed 1", "2"): F(0), ("buyer", "last edition", "1"): F(1),
        ("buyer", "last edition", "2"): F(0), ("buyer", "missed 1", "2"): F(1),
    }
    assert set(got.index) == set(expected)
    for key, p in expected.items():
        _close(got.loc[key, "probability"], p)


def test_forecast_next_edition_by_hand():
    got = reports.forecast_next_edition(tiny()).set_index("role")
    # org 2 (missed 2+, twice) is a segment never seen: it gets the exhibitors' rate 7/11.
    _close(got.loc["exhibitor", "returning"], 1 + F(7, 11) + 0 + 1)
    _close(got.loc["exhibitor", "renewals"], 2)
    _close(got.loc["exhibitor", "new"], F(1, 3))  # first-timers at e2, e3, e4: 1, 0, 0
    _close(got.loc["exhibitor", "total"], 2 + F(7, 11) + F(1, 3))
    _close(got.loc["buyer", "returning"], F(3, 4) + 0)  # org 5 unseen segment -> buyers' rate 3/4
    _close(got.loc["buyer", "new"], F(1, 3))
    assert got.loc["exhibitor", "after_edition"] == "e4"


def test_backtest_by_hand():
    got = reports.backtest(tiny()).set_index(["role", "measure"])
    _close(got.loc[("exhibitor", "returning"), "forecast"], 2 * F(5, 7) + F(1, 2) + F(1, 2))
    _close(got.loc[("exhibitor", "renewals"), "forecast"], F(5, 7) + 1)
    _close(got.loc[("buyer", "returning"), "forecast"], F(1, 2) + 1)
    assert got.loc[("exhibitor", "total"), "actual"] == 2
    assert got.loc[("exhibitor", "renewals"), "actual"] == 2
    assert got.loc[("exhibitor", "total"), "naive"] == 3
    _close(got.loc[("exhibitor", "total"), "error"], F(17, 7) + F(1, 2) - 2)
    _close(got.loc[("exhibitor", "total"), "abs_pct_error"], (F(17, 7) + F(1, 2) - 2) / 2)


def test_backtest_does_not_peek_at_the_hidden_edition():
    changed = {**PATTERN, 1: "1110", 3: "1011"}
    a = reports.backtest(tiny()).set_index(["role", "measure"])["forecast"]
    b = reports.backtest(tiny(changed)).set_index(["role", "measure"])["forecast"]
    pd.testing.assert_series_equal(a, b)


def test_backtest_needs_three_editions():
    short = tiny({org: marks[:2] for org, marks in PATTERN.items()})
    short["editions"] = short["editions"].head(2)
    with pytest.raises(UsageError, match="at least three editions"):
        reports.backtest(short)
