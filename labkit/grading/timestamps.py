"""When a submission was handed in (提交时间): an LMS timestamp in its name, else the file's mtime.

LMS downloads often put the upload time in the file or folder name (Blackboard's
``..._attempt_2026-11-20-23-59-00.ipynb``); that is what the student did, while the file's
modification time may be the time it was unpacked. Times are naive local times, as deadlines are.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

__all__ = ["LMS_TIMESTAMP", "collected_times", "submission_time", "time_in_name"]

LMS_TIMESTAMP = re.compile(
    r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})[-_ T](\d{2})[-_:h]?(\d{2})(?:[-_:m]?(\d{2}))?(?!\d)")


def time_in_name(name: str) -> datetime | None:
    """The last valid timestamp written in ``name`` (``2026-11-20-23-59-00``, ``20261120_2359``), if any."""
    found = None
    for m in LMS_TIMESTAMP.finditer(name):
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in m.groups())
        try:
            found = datetime(year, month, day, hour, minute, second)
        except ValueError:
            continue
    return found


def submission_time(path: Path) -> datetime:
    """The hand-in time of the notebook at ``path``: its name's timestamp, its folder's, or its mtime."""
    return (time_in_name(path.stem) or time_in_name(path.parent.name)
            or datetime.fromtimestamp(path.lstat().st_mtime))


def collected_times(root: Path, folders: dict[str, str]) -> dict[tuple[str, str], datetime]:
    """(student id, exercise) -> hand-in time for each notebook of each matched folder."""
    return {(sid, path.stem): submission_time(path)
            for sid, folder in folders.items()
            for path in sorted((root / folder).glob("*.ipynb")) if not path.is_symlink()}
