"""The one error tree of the kit (错误类型): every error meant for a student or instructor, not a traceback.

- :class:`LabkitError`: the base; its message is shown to the user as it is
  - :class:`UsageError`: a function or command called with arguments that cannot work
    - :class:`UnknownName`: a name the kit does not know (a country, a table, a column); also a ``KeyError``
  - :class:`DataError`: the data cannot be used as they are (a column missing, a value of the wrong kind)
  - :class:`InvalidRecord`: a record refused by the customer database; nothing was written
  - :class:`CustomerNotFound`, :class:`DatabaseClosed`: the customer database's lookups
  - :class:`FitError`: a model could not be fitted to these data

``UsageError``, ``DataError``, ``InvalidRecord`` and ``FitError`` are also ``ValueError``s, so
``except ValueError`` written before this tree still catches them. ``ValueError`` itself is
raised only for a programming error of the kit (tests/test_errors.py keeps it so).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = ["CustomerNotFound", "DataError", "DatabaseClosed", "FieldProblem", "FitError", "InvalidRecord", "LabkitError",
           "UnknownName", "UsageError"]


class LabkitError(Exception):
    """Base class: the message is shown to the user as it is."""


class UsageError(LabkitError, ValueError):
    """A command or function was called with arguments that cannot work."""


class UnknownName(UsageError, KeyError):
    """A name the kit does not know (未知名称): a country, a province, a table, a column, a question.

    Also a ``KeyError``, so ``except KeyError`` around a lookup still catches it; unlike a bare
    ``KeyError`` its message shows as it is, without quotes.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataError(LabkitError, ValueError):
    """The data cannot be used as they are (数据有误): a column missing, a value of the wrong kind."""


class FitError(LabkitError, ValueError):
    """A model could not be fitted to these data (模型拟合失败); the message says what to do instead."""


class FieldProblem(Protocol):
    """What :class:`InvalidRecord` needs of a problem: the field and the message (customerdb.Problem)."""

    @property
    def field(self) -> str: ...

    @property
    def message(self) -> str: ...


class InvalidRecord(LabkitError, ValueError):
    """A record was refused; nothing was written.

    ``field`` and ``message`` describe the first problem, ``problems`` lists every one, so
    an entry form can show each message next to its field.
    """

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        if not problems:
            raise ValueError("InvalidRecord needs at least one problem")
        self.problems = list(problems)
        self.field = problems[0].field
        self.message = problems[0].message
        super().__init__("; ".join(str(p) for p in problems))


class CustomerNotFound(LabkitError, LookupError):
    """No (undeleted) customer has this id."""


class DatabaseClosed(LabkitError):
    """The customer database was closed (``db.close()``); open it again to go on (数据库已关闭)."""
