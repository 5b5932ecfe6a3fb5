"""``labkit clv``: answers on stdout, one-line errors without a traceback."""
from __future__ import annotations

import pytest

from labkit.cli import main


def test_customer_command(capsys) -> None:
    assert main(["clv", "customer", "--margin", "100", "--retention", "0.8", "--discount-rate", "0.1",
                 "--periods", "3"]) == 0
    out = capsys.readouterr().out
    assert "164.09" in out and "266.67" in out  # 218400/1331 and 800/3


def test_group_command_prints_the_four_steps(capsys) -> None:
    assert main(["clv", "group", "--customers", "1000", "--lost", "200", "--total-annual-profit", "500000",
                 "--discount-rate", "0.1"]) == 0
    out = capsys.readouterr().out
    assert "churn_rate: 0.2000" in out and "lifetime: 5.0000" in out and "clv_per_customer: 1,895.3934" in out


@pytest.mark.parametrize("argv, words", [
    (["clv", "group", "--customers", "10", "--lost", "0", "--total-annual-profit", "1", "--discount-rate", "0.1"],
     "no customer was lost"),
    (["clv", "customer", "--margin", "1", "--retention", "1.5", "--discount-rate", "0.1", "--periods", "3"],
     "below 1"),
])
def test_bad_numbers_give_one_line(capsys, argv, words) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and err.count("\n") == 1
