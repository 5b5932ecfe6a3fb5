"""Writing files people open (文件输出): all or nothing, shareable, safe in Excel.

Every writer of the kit goes through :func:`staged_file`, so a failure never leaves half a
file behind. Files meant for Excel use :func:`write_csv_for_excel` (UTF-8 with a byte-order
mark, which Excel on Chinese Windows needs to show Chinese) or :func:`text_only` (no cell
that came from data ever becomes a live formula).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.workbook.workbook import Workbook

__all__ = ["EXCEL_CSV_ENCODING", "staged_file", "text_only", "write_csv_for_excel"]

EXCEL_CSV_ENCODING = "utf-8-sig"


@contextmanager
def staged_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only on success.

    All or nothing: a failure leaves no file behind and an existing file untouched. The file
    gets the usual permissions (``mkstemp`` makes it private), so a group can share it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_csv_for_excel(frame: pd.DataFrame, path: str | Path, **to_csv: Any) -> Path:
    """Write ``frame`` as a CSV that Excel opens with Chinese intact (BOM), all or nothing."""
    path = Path(path)
    with staged_file(path) as tmp:
        frame.to_csv(tmp, encoding=EXCEL_CSV_ENCODING, **{"index": False, **to_csv})
    return path


def text_only(workbook: Workbook) -> Workbook:
    """Turn every formula cell of ``workbook`` into plain text (公式注入防护).

    openpyxl stores any string that starts with ``=`` as a formula; a company name or a
    student's answer must never run in the instructor's Excel. Call this on every workbook
    the kit fills from data, just before saving.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return workbook
