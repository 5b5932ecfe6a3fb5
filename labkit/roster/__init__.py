"""The class roster (花名册) and matching submissions to the students on it.

:func:`read_roster` reads 学号, 姓名, 班级, 小组 from an xlsx or csv file; :func:`match_folders`
finds each submission folder's 学号 in its name (Chinese names, spaces, Moodle's
``Name_12345_assignsubmission_file_``) and reports, by name, folders that claim one student
or match no one, instead of renaming or merging them.
"""
from __future__ import annotations

from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.roster.matching": ("DEFAULT_ID_PATTERN", "Matching", "ids_in_name", "match_folders", "match_names"),
    "labkit.roster.table": ("Roster", "Student", "read_roster"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["DEFAULT_ID_PATTERN", "Matching", "Roster", "Student", "ids_in_name", "match_folders", "match_names",
           "read_roster"]
