"""A rate slider (比率滑块): a slider for a share and a box that reads and takes it in percent.

The course writes a rate as a percentage (保持率 80%), the formulas take it as a share (0.8).
A slider's own readout shows ``80%`` but parses what the student types as a plain number, so
typed ``70`` would mean 70 (the maximum) instead of 70%. This slider hides that readout and puts a
text box beside the track: :func:`typed_rate` reads what is typed there (``70``, ``70%``,
``70 %``, ``0.7``, full-width ``７０`` or ``０.７`` from a Chinese keyboard) and a value outside the
slider's range is refused with one sentence in the widget's message line, the value unchanged.
CSS class of the box: ``labkit-rate-box``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from labkit.errors import UsageError
from labkit.i18n import _
from labkit.widgets.messages import error_html

__all__ = ["RateSlider", "percent_text", "typed_rate"]

_TYPED = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%?)")


def percent_text(rate: float) -> str:
    """A rate as the box shows it, a whole percentage: 0.7 -> ``70%``."""
    return f"{round(rate * 100)}%"


def typed_rate(text: str, low: float, high: float, name: str) -> float:
    """The rate (a share, whole percent) a student typed: ``70``, ``70%``, ``70 %`` and ``0.7`` are all 0.7.

    A number with a percent sign, or of 1 or more, is a percentage; a number below 1 without
    one is a share, as the formulas write it (0.7). Full-width digits and signs count as the
    ordinary ones; the rate is rounded to a whole percent (the slider's step). Text that is no such
    number, or a rate outside ``low``..``high``, raises a
    :class:`~labkit.errors.UsageError` naming the slider ``name``.
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    found = _TYPED.fullmatch(plain)
    if found is None:
        raise UsageError(_("{name}: type a percentage such as 70 or 70%, not “{text}”.").format(
            name=name, text=text.strip()))
    number, percent = float(found.group(1)), found.group(2)
    percentage = number if percent or abs(number) >= 1 else number * 100
    whole = math.floor(percentage + 0.5)  # the slider's step, a whole percent, halves up
    if not round(low * 100) <= whole <= round(high * 100):
        raise UsageError(_("{name} goes from {low} to {high}; {typed} was not taken.").format(
            name=name, low=percent_text(low), high=percent_text(high), typed=f"{percentage:g}%"))
    return whole / 100


class RateSlider:
    """A slider for a share (``value`` 0.8) with a box beside it reading and taking ``80%``.

    ``status`` is the widget's message line, where a refused entry is explained. ``widget`` is
    what to display; ``slider`` and ``box`` are its parts.
    """

    def __init__(self, value: float, low: float, high: float, description: str, status: widgets.HTML,
                 style: dict[str, str]) -> None:
        self.name, self.status = description, status
        self.slider = widgets.FloatSlider(value=value, min=low, max=high, step=0.01, readout=False,
                                          description=description, style=style, layout=widgets.Layout(width="31em"))
        self.box = widgets.Text(value=percent_text(value), continuous_update=False, layout=widgets.Layout(width="5em"))
        self.box.add_class("labkit-rate-box")
        self.widget = widgets.HBox([self.slider, self.box])
        self.slider.observe(lambda change: setattr(self.box, "value", percent_text(change["new"])), names="value")
        self.box.observe(self._typed, names="value")

    @property
    def value(self) -> float:
        """The rate as a share (0.8)."""
        return float(self.slider.value)

    @value.setter
    def value(self, rate: float) -> None:
        self.slider.value = rate

    def observe(self, callback: Callable[[dict[str, Any]], None]) -> None:
        """Call ``callback`` whenever the rate changes (dragged, keyed or typed)."""
        self.slider.observe(callback, names="value")

    def _typed(self, change: dict[str, Any]) -> None:
        try:
            rate = typed_rate(change["new"], self.slider.min, self.slider.max, self.name)
        except UsageError as refused:
            self.status.value = error_html(str(refused))
            rate = self.value
        self.slider.value = rate
        self.box.value = percent_text(rate)  # "70" reads "70%"; a refused entry shows the rate kept
