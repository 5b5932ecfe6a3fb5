"""The HTML version of the report workbook (网页版报表): every report's table and chart (embedded PNG).

It sits in the presentation layer because it draws: :data:`REPORT_CHARTS` says which chart of
:mod:`labkit.plotting` shows which report of :data:`labkit.reports.workbook.REPORTS`.
"""
from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.axes import Axes

from labkit.files import staged_file
from labkit.i18n import Label, _
from labkit.plotting.campaign_charts import cost_per_attendee_chart, latest_funnel_chart, response_rate_chart
from labkit.plotting.canvas import chart_png
from labkit.plotting.exhibition_charts import kpi_chart, renewal_chart
from labkit.reports.layout import column_format, display_frame, header
from labkit.reports.workbook import REPORTS, check_output

__all__ = ["REPORT_CHARTS", "write_html"]

#: report key (see labkit.reports.workbook.SHEETS) -> the chart drawn above its table
REPORT_CHARTS: dict[str, Callable[[pd.DataFrame], Axes]] = {
    "response_by_channel": response_rate_chart,
    "cost_by_channel": cost_per_attendee_chart,
    "attendance": latest_funnel_chart,
    "renewal": renewal_chart,
    "kpi": kpi_chart,
}

MAX_HTML_ROWS = 200
STYLE = """body{font-family:"Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;font-size:13px}th{background:#1f5f8b;color:#fff;padding:4px 8px}
td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}img{max-width:100%}"""


def _img(chart: Callable[[pd.DataFrame], Axes], frame: pd.DataFrame) -> str:
    png = chart_png(lambda: chart(frame), dpi=110)
    return f'<img alt="chart" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _table(frame: pd.DataFrame) -> str:
    shown = frame.head(MAX_HTML_ROWS)
    formatters = {}
    for col in shown.columns:
        fmt = column_format(col, shown[col].dtype)
        if fmt == "0.0%":
            formatters[col] = lambda v: "" if pd.isna(v) else f"{v:.1%}"
        elif fmt == "#,##0.00":
            formatters[col] = lambda v: "" if pd.isna(v) else f"{v:,.2f}"
        elif fmt == "#,##0":
            formatters[col] = lambda v: "" if pd.isna(v) else f"{v:,}"
    body = display_frame(shown).to_html(
        index=False, na_rep="", formatters={header(c): f for c, f in formatters.items()})
    more = len(frame) - len(shown)
    return body + ("<p>… {}</p>".format(_("{n:,} more rows in the Excel workbook.").format(n=more)) if more > 0 else "")


def write_html(reports: dict[str, pd.DataFrame], path: str | Path, world: Any = None) -> Path:
    """One HTML page: every report's definition, table and chart (in the kit's chart style)."""
    path = check_output(path, (".html", ".htm"))
    currency = getattr(world, "currency", None) or _("the world's currency")
    title = html.escape(Label("Organiser reports", "会展报表").text)
    money = html.escape(_("All amounts in {currency}.").format(currency=currency))
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
             f"<style>{STYLE}</style></head><body><h1>{title}</h1><p>{money}</p>"]
    known = {r.sheet: r for r in REPORTS}
    for sheet, frame in reports.items():
        report = known.get(sheet)
        parts.append(f"<h2>{html.escape(sheet)}</h2><p>{html.escape(_(report.definition) if report else '')}</p>")
        if report is not None and report.key in REPORT_CHARTS:
            parts.append(_img(REPORT_CHARTS[report.key], frame))
        parts.append(_table(frame))
    parts.append("</body></html>")
    with staged_file(path) as tmp:
        tmp.write_text("\n".join(parts), encoding="utf-8")
    return path
