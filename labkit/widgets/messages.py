"""What a widget tells the student when a callback fails (控件提示信息).

Widget callbacks run outside any notebook cell, so an exception raised in one would only
reach JupyterLab's Log Console, which students never open. Every callback of the kit's
widgets is wrapped with :func:`reported_in`: the error is caught and shown, as one
sentence, in the widget's own message line.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

from labkit.errors import LabkitError
from labkit.i18n import _

__all__ = ["error_html", "message_line", "ok_html", "reported_in", "student_message"]

_LOG = logging.getLogger(__name__)
OK_COLOUR = "#1a7f37"
ERROR_COLOUR = "#c62828"


def ok_html(text: str) -> str:
    """``text`` as a green line (成功提示); empty text gives an empty line."""
    return f'<span style="color:{OK_COLOUR}">{escape(text)}</span>' if text else ""


def error_html(text: str) -> str:
    """``text`` as a red line (错误提示); empty text gives an empty line."""
    return f'<span style="color:{ERROR_COLOUR}">{escape(text)}</span>' if text else ""


def student_message(error: BaseException) -> str:
    """One sentence about ``error`` for a student: the kit's own messages as they are, else what to do."""
    if isinstance(error, (LabkitError, ValueError)):
        return str(error)
    return _("Something went wrong ({error}). Run the cell that shows this widget again; if it happens "
             "again, show this message to your teacher.").format(error=f"{type(error).__name__}: {error}")


def message_line(css_class: str) -> widgets.HTML:
    """An empty message line (提示行) with a CSS class a browser test can find."""
    line = widgets.HTML(value="")
    line.add_class(css_class)
    return line


def reported_in(line: widgets.HTML) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator for a widget callback: any error it raises is shown in ``line`` instead.

    The callback returns None when it failed; the traceback goes to the debug log only.
    """
    def wrap(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - every error must reach the student's screen
                _LOG.debug("widget callback %s failed", callback.__name__, exc_info=True)
                line.value = error_html(student_message(error))
                return None
        return guarded
    return wrap
