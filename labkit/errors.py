"""Errors that carry a message meant for a student or instructor, not a traceback."""
from __future__ import annotations


class LabkitError(Exception):
    """Base class: the message is shown to the user as it is."""


class UsageError(LabkitError, ValueError):
    """A command or function was called with arguments that cannot work."""
