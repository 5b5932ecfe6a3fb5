"""``labkit import-contacts`` and ``labkit customers``: exit codes, one-line errors, no tracebacks."""
from __future__ import annotations

import pandas as pd

from labkit.cli import main
from labkit.customerdb import CustomerDB
from tests.customer_records import numbered


def test_import_then_search_from_the_command_line(tmp_path, capsys) -> None:
    sheet = tmp_path / "contacts.csv"
    pd.DataFrame([numbered(1), numbered(2, phone="123")]).to_csv(sheet, index=False)
    db = str(tmp_path / "g.db")
    assert main(["import-contacts", db, str(sheet)]) == 1  # one row refused
    out = capsys.readouterr().out
    assert "1 rows imported, 1 refused" in out and "phone" in out
    assert (tmp_path / "contacts.refused.csv").exists()
    assert main(["customers", db, "--name", "公司1", "--region", "华东"]) == 0
    assert "测试公司1" in capsys.readouterr().out


def test_bad_input_is_one_line_without_traceback(tmp_path, capsys) -> None:
    assert main(["import-contacts", str(tmp_path / "g.db"), str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err


def test_a_database_written_by_labkit_generate_opens_and_takes_new_customers(tmp_path, capsys) -> None:
    path = tmp_path / "world.sqlite"
    assert main(["generate", "--scale", "300", "--defects", "--format", "sqlite", "--out", str(path)]) == 0
    with CustomerDB(path) as db:
        before = db.count()
        assert before > 300 and db.integrity_check() == "ok"
        new = db.add(numbered(1))
        assert db.count() == before + 1 and db.get(new)["region_group"] == "华东"
    assert main(["customers", str(path), "--region", "华东", "--size-band", "large"]) == 0
    assert "customer(s)" in capsys.readouterr().out
