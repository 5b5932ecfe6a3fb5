"""Documents as one self-contained HTML page (prints to PDF from any browser)."""
from __future__ import annotations

from html import escape
from pathlib import Path

from labkit.teaching.documents import Document

__all__ = ["render_html", "write_html"]

STYLE = """
body { font-family: "Noto Serif CJK SC", "SimSun", "Noto Sans CJK KR", serif; max-width: 60em; margin: 2em auto;
       line-height: 1.5; }
h1 { text-align: center; font-size: 1.5em; }
h2 { font-size: 1.15em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
td, th { border: 1px solid #444; padding: .3em .5em; vertical-align: top; font-size: .95em; }
th { background: #eee; }
@page { size: A4 ORIENTATION; margin: 2cm; }
"""
HTML_LANG = {"zh_CN": "zh-CN", "en_US": "en", "ko_KR": "ko"}


def render_html(doc: Document) -> str:
    """The page as text."""
    parts = [f"<h1>{escape(doc.title)}</h1>"]
    for block in doc.blocks:
        if block.kind == "heading":
            parts.append(f"<h{block.level + 1}>{escape(block.text)}</h{block.level + 1}>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{escape(block.text) or '&nbsp;'}</p>")
        elif block.kind == "bullets":
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
        elif block.kind == "table":
            rows = []
            for i, row in enumerate(block.rows):
                tags = ["th" if (i == 0 if block.header else j == 0) else "td" for j in range(len(row))]
                rows.append("<tr>" + "".join(f"<{t}>{escape(c)}</{t}>" for t, c in zip(tags, row)) + "</tr>")
            parts.append("<table>" + "".join(rows) + "</table>")
    style = STYLE.replace("ORIENTATION", "landscape" if doc.landscape else "portrait")
    return (f'<!DOCTYPE html>\n<html lang="{HTML_LANG.get(doc.language, "zh-CN")}">\n<head><meta charset="utf-8">'
            f"<title>{escape(doc.title)}</title><style>{style}</style></head>\n<body>\n" + "\n".join(parts)
            + "\n</body>\n</html>\n")


def write_html(doc: Document, path: Path) -> None:
    path.write_text(render_html(doc), encoding="utf-8")
