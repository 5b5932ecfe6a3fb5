"""`labkit generate`, `labkit datasets`, `labkit schema`, load_world and bad arguments."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import labkit
from labkit.cli import main
from labkit.errors import UsageError
from labkit.i18n import Label, using_language
from labkit.world.dictionary import data_dictionary_markdown

ROOT = Path(__file__).resolve().parents[1]

BAD = [
    (["--seed", "-1"], "argument --seed: must be a whole number, 0 or more, not '-1'"),
    (["--seed", "x"], "argument --seed: must be a whole number, 0 or more, not 'x'"),
    (["--locale", "fr_FR"], "argument --locale: invalid choice: 'fr_FR'"),
    (["--scale", "huge"], "unknown scale 'huge'"),
    (["--scale", "5"], "number of buyers must be between"),
    (["--format", "json"], "--format must be one of"),
    (["--student-id", " "], "student_id must be a non-empty text"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_arguments_are_one_line_errors(args: list[str], message: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", *args, "--out", str(tmp_path / "w")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "w").exists()


def test_bad_arguments_in_a_real_process_exit_2_without_traceback() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "labkit", "generate", "--locale", "xx"], env=env,
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "Traceback" not in out.stderr


@pytest.mark.parametrize(("fmt", "name"), [("csv", "w"), ("sqlite", "w.sqlite"), ("parquet", "w"), ("xlsx", "w.xlsx")])
def test_generate_writes_each_format(fmt: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / name
    assert main(["generate", "--scale", "300", "--locale", "en_US", "--defects", "--format", fmt, "--out", str(out)]) == 0
    assert out.exists()
    if fmt in ("csv", "parquet"):
        assert (out / f"defects.{fmt}").is_file()
    assert "USD" in capsys.readouterr().out


def test_generate_functions_reject_bad_arguments() -> None:
    for kwargs in ({"seed": -3}, {"seed": 1.5}, {"seed": True}, {"locale": "de_DE"}, {"scale": 0},
                   {"scale": "big"}, {"scale": 10_000_000}, {"student_id": ""}, {"defects": "yes"}):
        with pytest.raises(UsageError):
            labkit.generate_world(**kwargs)
    with pytest.raises(ValueError):  # UsageError is a ValueError too
        labkit.generate_world(locale="fr_FR")


def test_schema_markdown_prints_the_data_dictionary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--markdown"]) == 0
    assert capsys.readouterr().out == (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")


#: A character of the display language: CJK ideographs for zh_CN, Hangul syllables for ko_KR.
SCRIPT = {"zh_CN": re.compile(r"[\u4e00-\u9fff]"), "ko_KR": re.compile(r"[\uac00-\ud7a3]")}


@pytest.mark.parametrize("language", sorted(SCRIPT))
def test_schema_descriptions_are_in_the_display_language(language: str, capsys: pytest.CaptureFixture[str]) -> None:
    with using_language(language):
        assert main(["schema", "--json"]) == 0
        tables = json.loads(capsys.readouterr().out)["tables"]
        assert main(["schema"]) == 0
        plain = capsys.readouterr().out
        dictionary = data_dictionary_markdown()
    shown = [t["description"] for t in tables] + [c["description"] for t in tables for c in t["columns"]]
    assert len(shown) > 150
    assert [text for text in shown if not SCRIPT[language].search(text)] == []
    described = [line for line in plain.splitlines() if not line.startswith(" ")]
    assert len(described) == len(tables)
    assert [line for line in described if not SCRIPT[language].search(line.partition("): ")[2])] == []
    survey = next(t for t in tables if t["name"] == "survey_responses")
    item = next(c for c in survey["columns"] if c["name"] == "content_exhibits")
    with using_language(language):
        wording = Label("Quality of the exhibits", "展品质量").text
    assert wording in item["description"] and "{item}" not in item["description"]
    assert all(text in dictionary for text in (tables[0]["description"], item["description"]))


def test_load_world_is_the_default_classroom_world_and_returns_copies() -> None:
    a = labkit.load_world(locale="en_US")
    assert a.locale == "en_US" and a.currency == "USD"
    assert (a.organisations["role"] == "buyer").sum() == 20_000
    a.organisations.drop(a.organisations.index, inplace=True)
    assert len(labkit.load_world(locale="en_US").organisations) == 22_000
    with pytest.raises(UsageError):
        labkit.load_world(locale="xx_XX")


def test_datasets_builds_into_a_folder_and_reads_back(tmp_path: Path) -> None:
    from labkit.world import loading
    out = loading.build_default("en_US", home=tmp_path)
    assert loading.is_built("en_US", home=tmp_path)
    assert (out / "csv" / "organisations.csv").is_file() and (out / "organisations.parquet").is_file()
    world = labkit.read_world(out)
    assert world.organisations.equals(labkit.load_world(locale="en_US").organisations)
    (out / loading.MANIFEST).write_text('{"fingerprint": "old"}', encoding="utf-8")
    assert not loading.is_built("en_US", home=tmp_path)


def test_large_worlds_show_a_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from labkit.world import commands
    monkeypatch.setattr(commands, "PROGRESS_FROM", 300)  # pretend 300 buyers is large
    assert main(["generate", "--scale", "300", "--out", str(tmp_path / "w")]) == 0
    err = capsys.readouterr().err
    assert "writing csv" in err and "7/7" in err
