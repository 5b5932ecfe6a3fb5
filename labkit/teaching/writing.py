"""Writing a teaching document to a file, all or nothing, as DOCX or HTML by the file's suffix."""
from __future__ import annotations

from pathlib import Path

from labkit.errors import LabkitError
from labkit.files import staged_file
from labkit.i18n import _
from labkit.teaching.documents import Document

__all__ = ["FORMATS", "write_document"]

FORMATS = ("docx", "html")


def write_document(doc: Document, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` (``.docx`` or ``.html``)."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise LabkitError(_("A teaching document is written as .docx or .html, not {name}.").format(name=path.name))
    if kind == "docx":
        from labkit.teaching.docx_out import write_docx as writer
    else:
        from labkit.teaching.html_out import write_html as writer
    with staged_file(path) as tmp:
        writer(doc, tmp)
    return path
