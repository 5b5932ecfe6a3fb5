"""The report workbook: every sheet present, formatted, and readable back with pandas; the CLI."""
from __future__ import annotations

import os
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
from reports_world import small_world

from labkit import generate_world
from labkit.cli import main
from labkit.errors import UsageError
from labkit.i18n import using_language
from labkit.plotting.web_report import REPORT_CHARTS, write_html
from labkit.reports.layout import header
from labkit.reports.workbook import REPORTS, build_reports, sheet_name, write_workbook
from labkit.world.reading import read_world

CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af]")


@pytest.fixture(scope="module")
def built() -> dict[str, pd.DataFrame]:
    return build_reports(small_world())


@pytest.fixture(scope="module")
def workbook(built, tmp_path_factory):
    return write_workbook(built, tmp_path_factory.mktemp("wb") / "report.xlsx")


@pytest.mark.parametrize("language", ["zh_CN", "en_US", "ko_KR"])
def test_sheet_names_fit_excel_and_say_which_report(language):
    """One language per sheet name, valid in Excel in every language (31 characters, no []:*?/\\)."""
    with using_language(language):
        names = [sheet_name("about"), *(r.sheet for r in REPORTS)]
    assert len(set(names)) == len(names)
    assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names), names
    expected = {"zh_CN": {"说明", "到场统计", "绩效指标", "续展", "调查-满意度"},
                "en_US": {"About", "Attendance", "KPI", "Renewal", "Survey satisfaction"},
                "ko_KR": {"설명", "참석 통계"}}[language]
    assert expected <= set(names), names
    if language != "zh_CN":
        assert not any(re.search(r"[\u4e00-\u9fff]", n) for n in names), names


def test_zh_workbook_is_chinese_throughout(tmp_path):
    """Sheet names, the About sheet and its definitions in zh_CN: no English sentence left."""
    with using_language("zh_CN"):
        path = write_workbook(build_reports(small_world()), tmp_path / "报表.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明" and "到场统计" in wb.sheetnames
    about = [[c.value for c in row] for row in wb["说明"].iter_rows()]
    assert about[0] == ["工作表", "定义"]
    for _sheet, definition in about[1:]:
        assert CJK.search(definition) and not re.search(r"[A-Za-z]{4,} [a-z]{3,}", definition), definition


def test_every_sheet_reads_back_with_pandas(built, workbook):
    back = pd.read_excel(workbook, sheet_name=None)
    assert list(back) == ["About", *built]
    for sheet, frame in built.items():
        got = back[sheet]
        assert list(got.columns) == [header(c) for c in frame.columns], sheet
        assert len(got) == len(frame), sheet
        for col in frame.columns:
            if pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col]):
                np.testing.assert_allclose(got[header(col)].astype(float), frame[col].astype(float), err_msg=f"{sheet}/{col}")


def test_sheets_are_formatted_for_excel(workbook):
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Attendance"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == ws.dimensions
    assert ws["A1"].font.bold
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("Invited→responded") + 1).number_format == "0.0%"
    assert ws.cell(2, headers.index("Invited") + 1).number_format == "#,##0"
    cost = wb["Campaign cost"]
    cost_headers = [c.value for c in cost[1]]
    assert cost.cell(2, cost_headers.index("Actual cost") + 1).number_format == "#,##0.00"
    assert all(cost.column_dimensions[letter].width >= 8 for letter in "ABCDEF")


def test_bad_output_names_are_refused_and_nothing_is_written(built, tmp_path):
    with pytest.raises(UsageError, match="must end in .xlsx"):
        write_workbook(built, tmp_path / "report.csv")
    with pytest.raises(UsageError, match="does not exist"):
        write_workbook(built, tmp_path / "nowhere" / "report.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_file(tmp_path):
    broken = {"bad/name": pd.DataFrame({"x": [1]})}  # '/' is not allowed in a sheet name
    with pytest.raises(ValueError):
        write_workbook(broken, tmp_path / "report.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_html_has_every_report_and_the_charts(built, tmp_path):
    page = write_html(built, tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(f"<h2>{sheet}</h2>" in page for sheet in built)
    assert set(REPORT_CHARTS) < {r.key for r in REPORTS}  # each chart shows a report of the workbook
    assert page.count("data:image/png;base64,") == len(REPORT_CHARTS)


def test_csv_world_round_trip(tmp_path):
    world = generate_world(seed=1)
    world.to_csv(tmp_path / "world")
    back = read_world(tmp_path / "world")
    assert back.locale == world.locale
    for name, frame in world.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], frame, obj=name)


def test_cli_writes_workbook_and_html_from_a_world_folder(tmp_path, capsys):
    generate_world(seed=2).to_csv(tmp_path / "world")
    code = main(["report", "--out", str(tmp_path / "r.xlsx"), "--world", str(tmp_path / "world"),
                 "--html", str(tmp_path / "r.html")])
    assert code == 0
    assert "Attendance" in pd.ExcelFile(tmp_path / "r.xlsx").sheet_names
    assert (tmp_path / "r.html").stat().st_size > 0


@pytest.mark.parametrize(("argv", "message"), [
    (["--out", "report.txt"], "'report.txt' must end in .xlsx"),
    (["--out", "r.xlsx", "--html", "r.pdf"], "'r.pdf' must end in .html or .htm"),
    (["--out", "r.xlsx", "--world", "no-such-folder"], "no such folder"),
    (["--out", "missing-dir/r.xlsx"], "does not exist"),
])
def test_cli_bad_arguments_give_one_line(argv, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["report", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_folder_that_is_not_a_world(tmp_path, capsys):
    (tmp_path / "w").mkdir()
    assert main(["report", "--out", str(tmp_path / "r.xlsx"), "--world", str(tmp_path / "w")]) == 2
    assert "is not a world folder" in capsys.readouterr().err


def test_survey_sheet_counts_match_the_raw_answers(built):
    world = small_world()
    sheet = built["Survey source"]
    by_role = sheet[sheet["breakdown"] == "role"].set_index("group")
    raw = world["survey_responses"]
    for (role, channel), n in raw.groupby([raw["role"].astype(str), raw["heard_from"].astype(str)]).size().items():
        if channel != "nan":
            assert by_role.loc[role, channel.replace("_", " ")] == n
    assert (by_role["missing"] == raw[raw["heard_from"].isna()].groupby(raw["role"].astype(str)).size()).all()


def test_written_files_get_the_usual_permissions(workbook):
    umask = os.umask(0)
    os.umask(umask)
    assert workbook.stat().st_mode & 0o777 == 0o666 & ~umask  # like any saved file, not mkstemp's 0600
