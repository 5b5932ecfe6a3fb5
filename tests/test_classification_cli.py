"""``labkit classify``: the table on stdout and in the CSV; bad arguments give one line."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from classification_tiny_world import tiny_tables

import labkit.world.loading
from labkit.cli import main
from labkit.files import EXCEL_CSV_ENCODING


@pytest.fixture
def tiny_world(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default world (seed 0, cached like load_world) replaced by a tiny hand-made one."""
    def fake(locale: str = "zh_CN", student_id: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(tables=tiny_tables())
    monkeypatch.setattr(labkit.world.loading, "load_world", fake)


def test_classify_prints_and_writes_the_table(tiny_world: None, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "region.csv"
    assert main(["classify", "region", "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "华东" in printed and "66.7%" in printed  # 2 of 3 exhibitors are in 华东
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel on Chinese Windows shows Chinese
    table = pd.read_csv(out, index_col=0, encoding=EXCEL_CSV_ENCODING)
    assert table.loc["华东", "exhibitor"] == 2 and table["total"].sum() == 5


def test_bad_locale_is_one_line(tiny_world: None, capsys: pytest.CaptureFixture) -> None:
    assert main(["classify", "loyalty", "--locale", "xx"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'xx'" in err and "Traceback" not in err


def test_unwritable_csv_is_one_line(tiny_world: None, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a-file").write_text("x")
    assert main(["classify", "size", "--csv", str(tmp_path / "a-file" / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit classify: error: cannot use") and err.count("\n") == 1
    assert "a-file" in err and "Traceback" not in err


def test_unknown_dimension_is_refused_by_the_parser(capsys: pytest.CaptureFixture) -> None:
    assert main(["classify", "colour"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and err.count("\n") == 1
