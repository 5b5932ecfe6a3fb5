"""Documents as editable DOCX (Word / WPS) with python-docx: CJK fonts set, tables with borders."""
from __future__ import annotations

from pathlib import Path

from labkit.teaching.documents import Block, Document

__all__ = ["EAST_ASIAN_FONTS", "write_docx"]

# The font Word / WPS uses for the Chinese or Korean characters of a run (LibreOffice falls back to Noto CJK).
EAST_ASIAN_FONTS = {"zh_CN": "宋体", "ko_KR": "맑은 고딕", "en_US": "宋体"}
BODY_PT = 10.5  # 五号
MARGIN_CM = 2.0


def _east_asian(style_or_run: object, font: str) -> None:
    from docx.oxml.ns import qn

    rpr = style_or_run.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _table(docx_doc: object, block: Block, usable_cm: float) -> None:
    from docx.shared import Cm, Pt

    rows = block.rows
    table = docx_doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    widths = block.widths or (1.0,) * len(rows[0])
    cm = [Cm(usable_cm * w / sum(widths)) for w in widths]
    for j, column in enumerate(table.columns):
        column.width = cm[j]
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.width = cm[j]
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(9)
            run.bold = (i == 0) if block.header else (j == 0)


def write_docx(doc: Document, path: Path) -> None:
    """Write ``doc`` to ``path`` (a temporary file of :func:`labkit.files.staged_file`)."""
    from docx import Document as NewDocx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    out = NewDocx()
    font = EAST_ASIAN_FONTS.get(doc.language, "宋体")
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        _east_asian(out.styles[name], font)
    out.styles["Normal"].font.size = Pt(BODY_PT)
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(MARGIN_CM))
    usable_cm = (29.7 if doc.landscape else 21.0) - 2 * MARGIN_CM
    title = out.add_heading(doc.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in doc.blocks:
        if block.kind == "heading":
            out.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            out.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                out.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            _table(out, block, usable_cm)
            out.add_paragraph()
    core = out.core_properties
    core.title, core.author = doc.title, "labkit"
    out.save(str(path))
