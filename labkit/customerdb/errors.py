"""Errors of the customer database (客户数据库) meant for the student who typed the record."""
from __future__ import annotations

from dataclasses import dataclass

from labkit.customerdb.record import label
from labkit.errors import LabkitError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of a record (字段错误); shown as "field name: message"."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{label(self.field)}: {self.message}"


class InvalidRecord(LabkitError, ValueError):
    """A record was refused; nothing was written.

    ``field`` and ``message`` describe the first problem, ``problems`` lists every one, so
    an entry form can show each message next to its field.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("InvalidRecord needs at least one problem")
        self.problems = list(problems)
        self.field = problems[0].field
        self.message = problems[0].message
        super().__init__("; ".join(str(p) for p in problems))

    @classmethod
    def one(cls, field: str, message: str) -> InvalidRecord:
        return cls([Problem(field, message)])


class CustomerNotFound(LabkitError, LookupError):
    """No (undeleted) customer has this id."""


class DatabaseClosed(LabkitError):
    """The customer database was closed (``db.close()``); open it again to go on (数据库已关闭)."""
