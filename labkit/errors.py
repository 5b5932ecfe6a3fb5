"""Errors that carry a message meant for a student or instructor, not a traceback."""
from __future__ import annotations

__all__ = ["DataError", "FitError", "LabkitError", "UsageError"]


class LabkitError(Exception):
    """Base class: the message is shown to the user as it is."""


class UsageError(LabkitError, ValueError):
    """A command or function was called with arguments that cannot work."""


class DataError(LabkitError, ValueError):
    """The data cannot be used as they are (数据有误): a column missing, a value of the wrong kind."""


class FitError(LabkitError, ValueError):
    """A model could not be fitted to these data (模型拟合失败); the message says what to do instead."""
