"""Writing files people open (文件输出): all or nothing, shareable, safe in Excel.

Every writer of the kit goes through :func:`staged_file` (one file) or :func:`staged_files` (a
folder of files), so a failure never leaves half a file behind (``tests/test_file_writers.py``). Files meant for Excel use :func:`write_csv_for_excel` (UTF-8 with a byte-order
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

__all__ = ["EXCEL_CSV_ENCODING", "StagedFiles", "staged_file", "staged_files", "text_only", "write_csv_for_excel"]

EXCEL_CSV_ENCODING = "utf-8-sig"


class StagedFiles:
    """Files written into one folder under hidden names, moved into place together (暂存文件).

    Get a temporary path with :meth:`path`; :func:`staged_files` renames every one into place
    when its block ends without an error and removes them all when it does not.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._staged: list[tuple[Path, Path]] = []

    def path(self, name: str) -> Path:
        """A temporary path in the folder that becomes ``name`` on success."""
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=Path(name).suffix, dir=self.directory)
        os.close(fd)
        self._staged.append((Path(tmp), self.directory / name))
        return Path(tmp)

    def _commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        for tmp, final in self._staged:
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, final)

    def _discard(self) -> None:
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)


@contextmanager
def staged_files(directory: str | Path) -> Iterator[StagedFiles]:
    """Stage several files of ``directory`` and move them into place together, all or nothing.

    A failure leaves no file behind and existing files untouched. The files get the usual
    permissions (``mkstemp`` makes them private), so a group can share them.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    staged = StagedFiles(directory)
    try:
        yield staged
        staged._commit()
    finally:
        staged._discard()


@contextmanager
def staged_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only on success (all or nothing)."""
    path = Path(path)
    with staged_files(path.parent) as files:
        yield files.path(path.name)


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
