"""The class server's logins (JupyterHub 账号) and the roster's 学号.

In ``jupyterhub_config.py``::

    from labkit.roster.hub import hub_student_id
    c.Spawner.environment = {"LABKIT_STUDENT_ID": hub_student_id("/srv/course/roster.xlsx")}

JupyterHub calls the function with the spawner of the user logging in; it gives that user's
学号 (the roster's 账号 column), so the world a student works on is the one grading builds
from the 学号. Without it (logins that are the 学号) the kit reads ``JUPYTERHUB_USER``.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from labkit.roster.table import read_roster

__all__ = ["hub_student_id"]


def hub_student_id(roster_path: str | Path) -> Callable[[Any], str]:
    """A ``Spawner.environment`` value: spawner -> the 学号 of its user when the roster's 账号 column
    says so; empty otherwise (the login is the 学号, and the kit reads ``JUPYTERHUB_USER``)."""
    roster = read_roster(roster_path)

    def student_of(spawner: Any) -> str:
        user = str(getattr(getattr(spawner, "user", None), "name", ""))
        found = roster.by_hub_user(user)
        return found.student_id if found and found.student_id != user else ""

    return student_of
