"""The organiser's report workbook (报表工作簿): one Excel sheet per report.

Sheets open ready to read: a bold header on a coloured band, frozen header row, autofilter,
number formats (percent, money with thousands separators, counts) and column widths fitted
to the contents. Sheet names, headers and the "About" (说明) sheet, which lists every report
and its definition, are in the display language.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from labkit.errors import UsageError
from labkit.files import staged_file, text_only
from labkit.i18n import N_, Label, LabelSet, _
from labkit.reports import attendance, campaign_response, composition, cost_effectiveness, forecast, kpi, renewal
from labkit.reports.layout import column_format, display_frame
from labkit.surveys import survey_summary
from labkit.surveys.summary import QUESTIONS
from labkit.world.schema import ENUMS

HEADER_FILL = PatternFill("solid", fgColor="1F5F8B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_WIDTH = 45


#: report -> its sheet name as (English, 中文), shown in the display language (Excel: at most 31
#: characters, none of []:*?/\\; tests/test_reports_workbook.py checks every language).
SHEETS = LabelSet({
    "about": Label("About", "说明"),
    "composition": Label("Composition", "客户构成"),
    "response_by_channel": Label("Response by channel", "渠道响应"),
    "response_attributes": Label("Response attributes", "响应属性"),
    "campaign_cost": Label("Campaign cost", "活动费效比"),
    "cost_by_channel": Label("Cost by channel", "渠道费效比"),
    "attendance": Label("Attendance", "到场统计"),
    "renewal": Label("Renewal", "续展"),
    "space_sales": Label("Space sales", "展位销售"),
    "space_by_category": Label("Space by category", "类别展厅收入"),
    "kpi": Label("KPI", "绩效指标"),
    "forecast": Label("Forecast", "预测"),
    "return_model": Label("Return model", "再次参与概率"),
    "forecast_backtest": Label("Forecast backtest", "预测回测"),
    "survey_source": Label("Survey source", "调查-信息来源"),
    "survey_volume": Label("Survey volume", "调查-采购量变化"),
    "survey_satisfaction": Label("Survey satisfaction", "调查-满意度"),
    "survey_purpose": Label("Survey purpose", "调查-目的"),
    "survey_visit_plan": Label("Survey visit plan", "调查-观展计划"),
    "survey_exhibit_plan": Label("Survey exhibit plan", "调查-参展计划"),
})
#: the About sheet's two columns and its money row, as (English, 中文)
ABOUT_LABELS = LabelSet({
    "sheet": Label("Sheet", "工作表"), "definition": Label("Definition", "定义"), "money": Label("Money", "金额"),
})


def sheet_name(key: str) -> str:
    """The sheet name of a report in the display language (到场统计 in zh_CN)."""
    return SHEETS[key].text


@dataclass(frozen=True)
class Report:
    """One report of the workbook: its key (see :data:`SHEETS`), builder and definition (English, translated at use)."""

    key: str
    build: Callable[[Any], pd.DataFrame]
    definition: str
    reads_survey_summary: bool = False  # build() takes survey_summary(world), computed once

    @property
    def sheet(self) -> str:
        """The sheet name in the display language."""
        return sheet_name(self.key)


REPORTS: tuple[Report, ...] = (
    Report("composition", composition.composition_report,
           N_("Customers by category, nature, size, region, data source, customer source, role, exhibition.")),
    Report("response_by_channel", campaign_response.response_by_channel,
           N_("Targets, responses and response rate by month sent, campaign kind and channel.")),
    Report("response_attributes", campaign_response.response_by_attribute,
           N_("Responses by month answered, region group, customer source and response attribute.")),
    Report("campaign_cost", cost_effectiveness.campaign_cost_effectiveness,
           N_("Per campaign: targets and responses (invitations), customers registered/booked and attended "
              "(credited by campaign_id); cost per response, per registration/booking, per attendee; revenue won; "
              "ROI = (revenue won - actual cost) / actual cost. Buyer recruitment (招商) revenue = attendees x "
              "booth revenue per attending buyer.")),
    Report("cost_by_channel", cost_effectiveness.cost_effectiveness_by_channel,
           N_("The campaign cost report summed by campaign kind and channel.")),
    Report("attendance", attendance.attendance_funnel,
           N_("Invited -> responded -> confirmed -> attended per edition and campaign kind, with step conversion.")),
    Report("renewal", renewal.exhibitor_renewal,
           N_("Exhibitors renewed, not renewed and new against the previous edition; renewal rate.")),
    Report("space_sales", renewal.space_sales,
           N_("Booths and m² sold against sellable, revenue, and change on the previous edition.")),
    Report("space_by_category", renewal.space_revenue,
           N_("Booths, m² and revenue per booth category and hall, against the previous edition.")),
    Report("kpi", kpi.kpi_dashboard,
           N_("Satisfaction, retention rate, value per customer, acquisition cost, cost to serve, CRM ROI per year.")),
    Report("forecast", forecast.forecast_next_edition,
           N_("Expected returning, new and total participants and exhibitor renewals at each exhibition's next edition.")),
    Report("return_model", forecast.return_probabilities,
           N_("The forecast's model: share of customers of each role x recency x frequency segment who came back.")),
    Report("forecast_backtest", forecast.backtest,
           N_("The last edition forecast from the editions before it, against what happened and the naive forecast.")),
)

#: survey question -> (report key, definition); the tables come from labkit.surveys.survey_summary.
SURVEY_SHEETS: dict[str, tuple[str, str]] = {
    "source": ("survey_source", N_("Survey summary: how respondents heard of the exhibition, counted by role, "
                                   "region group and business type.")),
    "purchase_volume_change": ("survey_volume", N_("Survey summary: change in purchase volume, counted by role, "
                                                   "region group and business type.")),
    "satisfaction": ("survey_satisfaction", N_("Survey summary: overall satisfaction 1-5, counted by role, "
                                               "region group and business type.")),
    "purpose": ("survey_purpose", N_("Survey summary: main purpose of the visit or participation, counted by role, "
                                     "region group and business type.")),
    "future_visiting": ("survey_visit_plan", N_("Survey summary: plans to visit the next edition, counted by role, "
                                                "region group and business type.")),
    "future_exhibiting": ("survey_exhibit_plan", N_("Survey summary: plans to exhibit at the next edition, counted "
                                                    "by role, region group and business type.")),
}


def survey_sheet(summary: dict[str, pd.DataFrame], question: str) -> pd.DataFrame:
    """One question of ``survey_summary(world)`` (客户调查汇总报表), answers named in the display language."""
    frame = summary[question].reset_index()
    enum = QUESTIONS[question][1]
    if enum is not None:
        frame = frame.rename(columns=ENUMS[enum].labels.names())
    return frame.rename(columns=str)


REPORTS += tuple(
    Report(key, partial(survey_sheet, question=question), definition, reads_survey_summary=True)
    for question, (key, definition) in SURVEY_SHEETS.items()
)


def build_reports(world: Any) -> dict[str, pd.DataFrame]:
    """Every report of the workbook, keyed by its sheet name in the display language."""
    summary = survey_summary(world)
    return {r.sheet: r.build(summary if r.reads_survey_summary else world) for r in REPORTS}


def about_sheet(world: Any) -> pd.DataFrame:
    """The About sheet (说明): the currency, then every report's sheet and definition, in the display language."""
    currency = getattr(world, "currency", None) or _("the world's currency")
    rows = [(ABOUT_LABELS["money"].text, _("All amounts in {currency}.").format(currency=currency))]
    rows += [(r.sheet, _(r.definition)) for r in REPORTS]
    return pd.DataFrame(rows, columns=[ABOUT_LABELS["sheet"].text, ABOUT_LABELS["definition"].text])


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
        raise UsageError(_("{name!r} must end in {suffixes}").format(name=path.name, suffixes=" or ".join(suffixes)))
    if not path.parent.is_dir():
        raise UsageError(_("folder {folder} does not exist").format(folder=path.parent))
    return path


def write_workbook(reports: dict[str, pd.DataFrame], path: str | Path, world: Any = None) -> Path:
    """Write the reports to an .xlsx file (all or nothing: a failure leaves no file behind)."""
    path = check_output(path, (".xlsx",))
    with staged_file(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            sheets = {sheet_name("about"): about_sheet(world), **reports}
            for name, frame in sheets.items():
                display_frame(frame).to_excel(writer, sheet_name=name, index=False)
                _format_sheet(writer.sheets[name], frame)
            text_only(writer.book)
    return path
