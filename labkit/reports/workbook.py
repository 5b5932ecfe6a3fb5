"""The organiser's report workbook (报表工作簿): one Excel sheet per report.

Sheets open ready to read: bilingual bold header on a coloured band, frozen header row,
autofilter, number formats (percent, money with thousands separators, counts) and column
widths fitted to the contents. An "About 说明" sheet lists every report and its definition.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from labkit.errors import UsageError
from labkit.files import staged_file, text_only
from labkit.reports import attendance, campaign_response, charts, composition, cost_effectiveness, forecast, kpi, renewal
from labkit.reports.layout import column_format, display_frame
from labkit.surveys import survey_summary
from labkit.surveys.summary import QUESTIONS
from labkit.world.schema import ENUMS

HEADER_FILL = PatternFill("solid", fgColor="1F5F8B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_WIDTH = 45


@dataclass(frozen=True)
class Report:
    """One report of the workbook: its sheet name (at most 31 characters), builder and definition."""

    sheet: str
    build: Callable[[Any], pd.DataFrame]
    definition: str
    chart: Callable[[pd.DataFrame], Figure] | None = None
    reads_survey_summary: bool = False  # build() takes survey_summary(world), computed once


REPORTS: tuple[Report, ...] = (
    Report("Composition 客户构成", composition.composition_report,
           "Customers by category, nature, size, region, data source, customer source, role, exhibition."),
    Report("Response by channel 渠道响应", campaign_response.response_by_channel,
           "Targets, responses and response rate by month sent, campaign kind and channel.",
           charts.response_rate_chart),
    Report("Response attributes 响应属性", campaign_response.response_by_attribute,
           "Responses by month answered, region group, customer source and response attribute."),
    Report("Campaign cost 活动费效比", cost_effectiveness.campaign_cost_effectiveness,
           "Per campaign: targets and responses (invitations), customers registered/booked and attended "
           "(credited by campaign_id); cost per response, per registration/booking, per attendee; revenue won; "
           "ROI = (revenue won - actual cost) / actual cost. 招商 revenue = attendees x booth revenue per attending buyer."),
    Report("Cost by channel 渠道费效比", cost_effectiveness.cost_effectiveness_by_channel,
           "The campaign cost report summed by campaign kind and channel.", charts.cost_per_attendee_chart),
    Report("Attendance 到场统计", attendance.attendance_funnel,
           "Invited -> responded -> confirmed -> attended per edition and campaign kind, with step conversion.",
           charts.latest_funnel_chart),
    Report("Renewal 续展", renewal.exhibitor_renewal,
           "Exhibitors renewed, not renewed and new against the previous edition; renewal rate.", charts.renewal_chart),
    Report("Space sales 展位销售", renewal.space_sales,
           "Booths and m² sold against sellable, revenue, and change on the previous edition."),
    Report("Space by category 类别展厅收入", renewal.space_revenue,
           "Booths, m² and revenue per booth category and hall, against the previous edition."),
    Report("KPI 绩效指标", kpi.kpi_dashboard,
           "Satisfaction, retention rate, value per customer, acquisition cost, cost to serve, CRM ROI per year.",
           charts.kpi_chart),
    Report("Forecast 预测", forecast.forecast_next_edition,
           "Expected returning, new and total participants and exhibitor renewals at each exhibition's next edition."),
    Report("Return model 再次参与概率", forecast.return_probabilities,
           "The forecast's model: share of customers of each role x recency x frequency segment who came back."),
    Report("Forecast backtest 预测回测", forecast.backtest,
           "The last edition forecast from the editions before it, against what happened and the naive forecast."),
)

#: survey question -> (sheet, definition); the tables come from labkit.surveys.survey_summary.
SURVEY_SHEETS: dict[str, tuple[str, str]] = {
    "source": ("Survey source 调查-信息来源", "How respondents heard of the exhibition"),
    "purchase_volume_change": ("Survey volume 调查-采购量变化", "Change in purchase volume"),
    "satisfaction": ("Survey satisfaction 调查-满意度", "Overall satisfaction 1-5"),
    "purpose": ("Survey purpose 调查-目的", "Main purpose of the visit or participation"),
    "future_visiting": ("Survey visit plan 调查-观展计划", "Plans to visit the next edition"),
    "future_exhibiting": ("Survey exhibit plan 调查-参展计划", "Plans to exhibit at the next edition"),
}


def survey_sheet(summary: dict[str, pd.DataFrame], question: str) -> pd.DataFrame:
    """One question of ``survey_summary(world)`` (客户调查汇总报表), answers as bilingual columns."""
    frame = summary[question].reset_index()
    enum = QUESTIONS[question][1]
    if enum is not None:
        frame = frame.rename(columns={c: f"{c} {ENUMS[enum].labels_zh[c]}" for c in ENUMS[enum].codes})
    return frame.rename(columns=str)


REPORTS += tuple(
    Report(sheet, partial(survey_sheet, question=question),
           f"Survey summary: {what}, counted by role, region group and business type.", reads_survey_summary=True)
    for question, (sheet, what) in SURVEY_SHEETS.items()
)


def build_reports(world: Any) -> dict[str, pd.DataFrame]:
    """Every report of the workbook, keyed by sheet name."""
    summary = survey_summary(world)
    return {r.sheet: r.build(summary if r.reads_survey_summary else world) for r in REPORTS}


def _about(world: Any) -> pd.DataFrame:
    currency = getattr(world, "currency", "world currency")
    rows = [("Money 金额", f"All amounts in {currency}.")]
    rows += [(r.sheet, r.definition) for r in REPORTS]
    return pd.DataFrame(rows, columns=["Sheet 工作表", "Definition 定义"])


def _text_width(value: object) -> int:
    text = str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _format_sheet(ws: Worksheet, frame: pd.DataFrame) -> None:
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, col in enumerate(frame.columns, start=1):
        fmt = column_format(col, frame[col].dtype)
        letter = get_column_letter(i)
        if fmt != "@":
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
        sample = frame[col].head(500).map(lambda v: _text_width(f"{v:,.2f}" if isinstance(v, float) else v))
        widest = max([_text_width(ws.cell(1, i).value) // 2 + 2, int(sample.max()) if len(sample) else 0, 8])
        ws.column_dimensions[letter].width = min(widest + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def check_output(path: str | Path, suffixes: tuple[str, ...]) -> Path:
    """The output path, if it has one of ``suffixes`` and its folder exists (else UsageError)."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"{path.name!r} must end in {' or '.join(suffixes)}")
    if not path.parent.is_dir():
        raise UsageError(f"folder {path.parent} does not exist")
    return path


def write_workbook(reports: dict[str, pd.DataFrame], path: str | Path, world: Any = None) -> Path:
    """Write the reports to an .xlsx file (all or nothing: a failure leaves no file behind)."""
    path = check_output(path, (".xlsx",))
    with staged_file(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            sheets = {"About 说明": _about(world), **reports}
            for name, frame in sheets.items():
                display_frame(frame).to_excel(writer, sheet_name=name, index=False)
                _format_sheet(writer.sheets[name], frame)
            text_only(writer.book)
    return path
