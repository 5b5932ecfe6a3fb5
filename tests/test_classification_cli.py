"""``labkit classify``: the table on stdout and in the CSV; bad arguments give one line."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from classification_tiny_world import tiny_tables

import labkit
from labkit.cli import main


@pytest.fixture
def tiny_world(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(seed: int = 0, locale: str = "zh_CN", student_id: str | None = None, **_: object) -> SimpleNamespace:
        if locale != "zh_CN":
            raise ValueError(f"unknown locale {locale!r}")
        return SimpleNamespace(tables=tiny_tables())
    monkeypatch.setattr(labkit, "generate_world", fake)


def test_classify_prints_and_writes_the_table(tiny_world: None, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "region.csv"
    assert main(["classify", "region", "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "华东" in printed and "66.7%" in printed  # 2 of 3 exhibitors are in 华东
    table = pd.read_csv(out, index_col=0)
    assert table.loc["华东", "exhibitor"] == 2 and table["total"].sum() == 5


def test_bad_locale_is_one_line(tiny_world: None, capsys: pytest.CaptureFixture) -> None:
    assert main(["classify", "loyalty", "--locale", "xx"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown locale 'xx'" in err and "Traceback" not in err


def test_unwritable_csv_is_one_line(tiny_world: None, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["classify", "size", "--csv", str(tmp_path / "missing" / "x.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_unknown_dimension_is_refused_by_the_parser(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["classify", "colour"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
