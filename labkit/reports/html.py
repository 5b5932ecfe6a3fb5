"""The HTML version of the report workbook (网页版报表): tables plus charts as embedded PNGs."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from labkit.files import staged_file
from labkit.i18n import _, course_term
from labkit.reports.layout import column_format, display_frame, header
from labkit.reports.workbook import REPORTS, check_output

MAX_HTML_ROWS = 200
STYLE = """body{font-family:"Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;font-size:13px}th{background:#1f5f8b;color:#fff;padding:4px 8px}
td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}img{max-width:100%}"""


def _png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return f'<img alt="chart" src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}">'


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
    """One HTML page: every report's definition, table and chart (call plotting.use_style() first)."""
    path = check_output(path, (".html", ".htm"))
    currency = getattr(world, "currency", None) or _("the world's currency")
    title = html.escape(course_term("Organiser reports", "会展报表"))
    money = html.escape(_("All amounts in {currency}.").format(currency=currency))
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
             f"<style>{STYLE}</style></head><body><h1>{title}</h1><p>{money}</p>"]
    known = {r.sheet: r for r in REPORTS}
    for sheet, frame in reports.items():
        report = known.get(sheet)
        parts.append(f"<h2>{html.escape(sheet)}</h2><p>{html.escape(_(report.definition) if report else '')}</p>")
        if report is not None and report.chart is not None:
            parts.append(_png(report.chart(frame)))
        parts.append(_table(frame))
    parts.append("</body></html>")
    with staged_file(path) as tmp:
        tmp.write_text("\n".join(parts), encoding="utf-8")
    return path
