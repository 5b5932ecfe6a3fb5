"""The command line as a whole: starts without heavy libraries, one error translator, shared options."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import labkit.clv.commands
from labkit import options
from labkit.cli import build_parser, log_file, main
from labkit.customerdb import CustomerDB
from labkit.errors import UsageError
from labkit.files import text_only
from labkit.i18n import set_language
from labkit.world.locale_folders import available_locales
from tests.customer_records import numbered

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "matplotlib", "scipy", "openpyxl", "lifetimes", "pyarrow", "sklearn", "ipywidgets")


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en_US")
    yield
    set_language(None)


def imported_by(*args: str, exit_code: int = 0) -> set[str]:
    """Top-level modules a fresh ``python -X importtime -m labkit ARGS`` imports."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LABKIT_LANG": "en_US"}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "labkit", *args], env=env,
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == exit_code, run.stderr[-2000:]
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)$", run.stderr, flags=re.M)
    assert names, "python -X importtime printed no import lines"
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("args", [["--help"], ["schema"], ["schema", "--json"], ["report", "--help"],
                                  ["import-contacts", "--help"], ["clv", "customer", "--margin", "1", "--retention",
                                   "0.5", "--discount-rate", "0.1", "--periods", "2"]])
def test_help_and_schema_import_no_heavy_library(args: list[str]) -> None:
    heavy = imported_by(*args) & set(HEAVY)
    assert heavy == set(), f"labkit {' '.join(args)} imported {sorted(heavy)}"


def test_the_check_sees_a_heavy_import(tmp_path: Path) -> None:
    # reading a sheet does need pandas
    assert "pandas" in imported_by("import-contacts", str(tmp_path / "g.db"), str(tmp_path / "c.csv"), exit_code=2)


def test_package_names_still_import_on_first_use() -> None:
    import labkit
    import labkit.clv
    import labkit.surveys

    assert callable(labkit.load_world) and callable(labkit.clv.group_clv)
    from labkit.surveys import nps  # the function, even after its module of the same name was imported
    from labkit.surveys.nps import nps as function

    assert nps is function and labkit.surveys.nps is function
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        labkit.clv.nothing  # noqa: B018
    for package in (labkit, labkit.clv, labkit.surveys):
        assert set(package.__all__) <= set(dir(package))
        assert all(getattr(package, name) is not None for name in package.__all__)


def one_line_error(capsys: pytest.CaptureFixture[str], command: str) -> str:
    err = capsys.readouterr().err
    assert err.startswith(f"labkit {command}: error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_unreadable_workbook_is_one_line_and_leaves_no_database(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    db = tmp_path / "z.db"
    assert main(["import-contacts", str(db), str(bad)]) == 2
    assert "bad.xlsx is not an Excel workbook" in one_line_error(capsys, "import-contacts")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx"]


def test_a_failed_import_removes_the_database_it_made(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "c.csv"
    pd.DataFrame({"company": ["A"], "colour": ["red"]}).to_csv(sheet, index=False)  # unknown column
    assert main(["import-contacts", str(tmp_path / "g.db"), str(sheet)]) == 2
    assert "unknown column" in one_line_error(capsys, "import-contacts")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_a_failed_import_keeps_an_existing_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "g.db"
    with CustomerDB(db) as group:
        group.add(numbered(1))
    sheet = tmp_path / "c.csv"
    pd.DataFrame({"colour": ["red"]}).to_csv(sheet, index=False)
    assert main(["import-contacts", str(db), str(sheet)]) == 2
    with CustomerDB.open(db) as group:
        assert group.count() == 1


def test_a_path_typo_does_not_create_a_database(tmp_path: Path, capsys) -> None:
    typo = tmp_path / "typo.db"
    assert main(["customers", str(typo)]) == 2
    assert "no customer database at" in one_line_error(capsys, "customers")
    assert not typo.exists()
    with pytest.raises(UsageError, match="check the name"):
        CustomerDB.open(typo)
    with CustomerDB.open(typo, create=True) as db:
        assert db.count() == 0
    assert typo.is_file()


def test_a_percentage_typed_as_a_number_is_refused(capsys) -> None:
    args = ["clv", "group", "--customers", "100", "--lost", "20", "--total-annual-profit", "1000"]
    assert main([*args, "--discount-rate", "10"]) == 2
    assert "write 10% as 0.1" in one_line_error(capsys, "clv")
    assert main([*args, "--discount-rate", "0.1"]) == 0
    with pytest.raises(ValueError, match="1,000% per period; write 10% as 0.1"):
        labkit.clv.group_clv(100, 20, 1000, 10)


def test_first_margin_now_shows_the_endless_value_with_the_same_timing(capsys) -> None:
    args = ["clv", "customer", "--margin", "100", "--retention", "0.8", "--discount-rate", "0.1", "--periods", "3"]
    assert main(args) == 0
    assert "endless horizon (first margin at the end of period 1) 无限期: 266.67" in capsys.readouterr().out
    assert main([*args, "--first-margin-now"]) == 0
    # m (1 + d) / (1 + d - r) = 100 x 1.1 / 0.3: one margin more than the margin multiple
    assert "endless horizon (first margin now) 无限期: 366.67" in capsys.readouterr().out


def test_a_missing_file_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["report", "--out", str(tmp_path / "r.xlsx"), "--world", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in one_line_error(capsys, "report")
    assert main(["grade-open", "merge", str(tmp_path / "nothing"), str(tmp_path / "none.xlsx")]) == 2
    one_line_error(capsys, "grade-open")


def test_a_bad_argument_is_one_line_naming_the_help(capsys) -> None:
    assert main(["classify", "region", "--seed", "1.5"]) == 2
    err = capsys.readouterr().err
    assert err == "labkit classify: error: argument --seed: must be a whole number, 0 or more, not '1.5' " \
                  "(see: labkit classify --help)\n"


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    def broken(args: argparse.Namespace) -> int:
        raise KeyError("margin")

    monkeypatch.setattr(labkit.clv.commands, "_group", broken)
    args = ["clv", "group", "--customers", "1", "--lost", "1", "--total-annual-profit", "1", "--discount-rate", "0.1"]
    assert main(args) == 1
    err = capsys.readouterr().err
    log = log_file()
    assert err == f"labkit clv: unexpected error (KeyError: 'margin'); this is a bug in labkit, the details are in {log}\n"
    assert log.is_relative_to(tmp_path)
    text = log.read_text(encoding="utf-8")
    assert "labkit clv group --customers 1" in text and "Traceback" in text and "KeyError: 'margin'" in text


def world_parsers() -> dict[str, argparse.ArgumentParser]:
    """Every (sub-)command parser, by its full name."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser) -> None:
        found[parser.prog] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)
    walk(build_parser())
    return found


def test_shared_options_mean_the_same_everywhere() -> None:
    parsers = world_parsers()
    by_option: dict[str, list[tuple[str, argparse.Action]]] = {}
    for prog, parser in parsers.items():
        for action in parser._actions:
            for flag in action.option_strings:
                by_option.setdefault(flag, []).append((prog, action))
    for prog, action in by_option["--seed"]:
        assert action.type is options.seed and action.default == 0, prog
    for prog, action in by_option["--locale"]:
        assert tuple(action.choices) == available_locales() and action.default == "zh_CN", prog
    for prog, action in by_option["--world"]:
        assert action.type is Path and action.metavar == "DIR", prog
    reads_world = {"labkit classify", "labkit survey", "labkit report"}
    assert {prog for prog, _ in by_option["--world"]} == reads_world
    assert {prog for prog, _ in by_option["--student-id"]} == reads_world | {"labkit generate"}
    assert {prog for prog, _ in by_option["--seed"]} == reads_world | {"labkit generate"}


def test_world_commands_use_the_cached_default_world(monkeypatch) -> None:
    import labkit.world.generator
    import labkit.world.loading

    calls: list[tuple] = []
    monkeypatch.setattr(labkit.world.loading, "load_world", lambda **kw: calls.append(("load", kw)) or "default")
    monkeypatch.setattr(labkit.world.generator, "generate_world", lambda **kw: calls.append(("generate", kw)) or "new")
    parse = world_parsers()["labkit survey"].parse_args
    assert options.chosen_world(parse([])) == "default"
    assert options.chosen_world(parse(["--student-id", "s1", "--locale", "en_US"])) == "default"
    assert options.chosen_world(parse(["--seed", "3"])) == "new"
    assert calls == [("load", {"locale": "zh_CN", "student_id": None}),
                     ("load", {"locale": "en_US", "student_id": "s1"}),
                     ("generate", {"seed": 3, "locale": "zh_CN", "student_id": None})]
    with pytest.raises(UsageError, match="leave out --seed"):
        options.chosen_world(parse(["--world", ".", "--seed", "2"]))


def test_refused_rows_stay_text_in_excel_and_carry_a_bom_in_csv(tmp_path: Path, capsys) -> None:
    formula = "=HYPERLINK(\"http://x\",\"click\")"
    rows = pd.DataFrame([numbered(1, company=formula, phone="123")])
    xlsx, csv = tmp_path / "c.xlsx", tmp_path / "c.csv"
    sheet = openpyxl.Workbook()
    sheet.active.append(list(rows.columns))
    sheet.active.append(list(rows.iloc[0]))
    text_only(sheet).save(xlsx)  # the student's sheet holds the text, not a formula
    rows.to_csv(csv, index=False)
    assert main(["import-contacts", str(tmp_path / "g.db"), str(xlsx)]) == 1
    book = openpyxl.load_workbook(tmp_path / "c.refused.xlsx")
    cells = [c for row in book.active.iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)
    assert main(["import-contacts", str(tmp_path / "g.db"), str(csv)]) == 1
    assert (tmp_path / "c.refused.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_survey_workbook_is_text_only(tmp_path: Path, monkeypatch, capsys) -> None:
    from labkit.surveys import commands

    report = {"q1": pd.DataFrame({"answer": ["=1+1", "fine"]})}
    commands._write_report(report, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    cells = [c for row in book.active.iter_rows() for c in row if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" for c in cells)
    with pytest.raises(UsageError, match="ending in .xlsx"):
        commands._write_report(report, tmp_path / "s.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_report_workbook_is_text_only(tmp_path: Path) -> None:
    from labkit.reports.workbook import write_workbook

    out = write_workbook({"Customers 客户": pd.DataFrame({"company": ["=1+1", "Acme"], "n": [1, 2]})},
                         tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(out)
    cells = [c for row in book["Customers 客户"].iter_rows() for c in row if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" for c in cells)
