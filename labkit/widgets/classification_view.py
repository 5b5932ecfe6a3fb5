"""Classification view: pick a dimension and a role, see the counts table and a bar chart (客户分类视图).

Lab project 10 (教材第六章) classifies exhibitors and professional visitors by region, industry
and size; the view also shows the value matrix, lifecycle, loyalty ladder, track vs care and
RFM segments from :mod:`labkit.classification`, each with bilingual labels.

The table goes to an HTML widget and the chart to an image widget the view owns (see
:mod:`labkit.widgets.drawing`), so both land under the view whichever kernel thread runs
the callback; an error is shown in the view's message line. CSS classes:
``labkit-classification``, ``labkit-classification-dimension``, ``labkit-classification-role``,
``labkit-classification-table``, ``labkit-chart``, ``labkit-status``.
"""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
from IPython.display import display
from matplotlib.axes import Axes

from labkit.classification import ROLE_TITLES, TITLES, composition_table, role_view
from labkit.errors import UsageError
from labkit.i18n import Label, LabelSet, _
from labkit.plotting import chart_png, classification_chart
from labkit.plotting.numbers import figure as plain_figure
from labkit.plotting.numbers import share
from labkit.widgets.drawing import chart_image
from labkit.widgets.messages import message_line, reported_in

__all__ = ["TABLE_HEADERS", "ClassificationView"]

# room between the columns, figures right-aligned under their headers
_TABLE_STYLE = [{"selector": "th, td", "props": "padding: 2px 12px"},
                {"selector": "td:not(:first-child), th:not(:first-child)", "props": "text-align: right"}]
#: column of :func:`role_view` -> the header the view shows, in the display language.
TABLE_HEADERS = LabelSet({
    "label": Label("Category", "类别"), "count": Label("Customers", "客户数"), "share": Label("Share", "占比"),
})


class ClassificationView:
    """Dropdown of dimensions, role buttons, and the counts table with its chart underneath.

    ``ClassificationView(customer_features(world))`` in a notebook cell shows it; ``table``
    holds what is on screen, so a student can keep working with it in pandas.
    """

    def __init__(self, features: pd.DataFrame, dimension: str = "region", role: str = "total") -> None:
        if dimension not in TITLES:
            raise UsageError(_("dimension must be one of {titles}, got {dimension!r}").format(titles=', '.join(TITLES), dimension=dimension))
        if role not in ROLE_TITLES:
            raise UsageError(_("role must be one of {role_titles}, got {role!r}").format(role_titles=', '.join(ROLE_TITLES), role=role))
        self.features = features
        self._tables: dict[str, pd.DataFrame] = {}
        self.dimension = widgets.Dropdown(
            options=[(label.text, key) for key, label in TITLES.items()],
            value=dimension, description=Label("Dimension", "维度").text,
            style={"description_width": "initial"},
        )
        self.role = widgets.ToggleButtons(
            options=[(label.text, key) for key, label in ROLE_TITLES.items()], value=role,
            style={"button_width": "auto"},
        )
        self.dimension.add_class("labkit-classification-dimension")
        self.role.add_class("labkit-classification-role")
        self.status = message_line("labkit-status")
        self.table_html = widgets.HTML()
        self.table_html.add_class("labkit-classification-table")
        self.image = chart_image()
        self.widget = widgets.VBox([widgets.HBox([self.dimension, self.role]), self.status,
                                    self.table_html, self.image])
        self.widget.add_class("labkit-classification")
        self.dimension.observe(lambda _change: self.refresh(), names="value")
        self.role.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

    @property
    def table(self) -> pd.DataFrame:
        """Label, count and share of the chosen dimension and role."""
        key = self.dimension.value
        if key not in self._tables:  # classify each dimension once, switch roles for free
            self._tables[key] = composition_table(self.features, key)
        return role_view(self._tables[key], self.role.value)

    def chart(self, *, ax: Axes | None = None) -> Axes:
        """The chart of what is chosen (on ``ax`` if given, else on a new figure)."""
        key = self.dimension.value
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = composition_table(self.features, key)
        return classification_chart(table, title=TITLES[key], role=self.role.value, ax=ax)

    def refresh(self) -> None:
        """Redraw the table and the chart for the chosen dimension and role; errors go to the message line."""
        reported_in(self.status)(self._draw)()

    def _draw(self) -> None:
        readable = self.table.style.format({"count": plain_figure, "share": share}).hide(axis="index")
        readable = readable.set_table_styles(_TABLE_STYLE)
        self.table_html.value = readable.relabel_index(
            [TABLE_HEADERS.text(c) for c in self.table.columns], axis="columns").to_html()
        self.image.value = chart_png(self.chart)
        self.status.value = ""

    def _ipython_display_(self) -> None:
        display(self.widget)
