"""Search-and-browse table (客户检索) over a :class:`labkit.customerdb.CustomerDB`.

Filters: a name fragment (any script), role, industry, region group, size band and tags;
the table updates as they change. It shows every column of the customer record, one page
of rows at a time, in a box of fixed height that scrolls sideways and down; errors (a
closed database …) go to the message line. CSS classes: ``labkit-search``,
``labkit-search-<filter>``, ``labkit-results``, ``labkit-search-summary``,
``labkit-search-previous``, ``labkit-search-next``, ``labkit-search-refresh``, ``labkit-status``.
"""
from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from labkit.customerdb import CustomerDB
from labkit.customerdb.record import FIELDS
from labkit.i18n import Label, LabelSet, _
from labkit.plotting.names import code_names
from labkit.reports.layout import COLUMN_LABELS
from labkit.widgets.entry_form import FORM_FIELDS
from labkit.widgets.messages import message_line, reported_in
from labkit.world import schema

__all__ = ["HEADERS", "PAGE_ROWS", "SearchTable", "column_header", "readable_codes"]

PAGE_ROWS = 15
#: result column -> its header, shown in the display language (the form's own words; the derived columns as every
#: table of the kit heads them, COLUMN_LABELS).
HEADERS = LabelSet({
    "id": Label("No.", "编号"),
    **{f.key: Label(FORM_FIELDS.get(f.key) or f.key.replace("_", " ").capitalize(), f.label_zh) for f in FIELDS},
    "region_group": COLUMN_LABELS["region_group"], "size_band": Label("Size band", "规模"), "created_at": COLUMN_LABELS["created_at"],
})
_BOX = widgets.Layout(max_height="30em", overflow="auto", border="1px solid #ddd", width="100%")
# one line per customer, compact: the box scrolls sideways for the wide columns
_TABLE_CSS = ("<style>.labkit-results table {border-collapse: collapse; white-space: nowrap; font-size: 12px;"
              " line-height: 1.5} .labkit-results th, .labkit-results td {padding: 2px 8px; text-align: left}"
              " .labkit-results tbody tr:nth-child(odd) {background: #f5f5f5}</style>")


def _any() -> tuple[str, str]:
    """The filter option that keeps every customer, in the display language, with its empty value."""
    return Label("(any)", "（全部）").text, ""


def column_header(key: str) -> str:
    """The header of a result column in the display language: ``公司名称`` in zh_CN, ``Company`` in en_US."""
    return HEADERS[key].text if key in HEADERS else key.replace("_", " ")


def readable_codes(found: pd.DataFrame) -> pd.DataFrame:
    """The found customers with their codes by their names in the display language: role, industry,
    size band, data source … (采购商, not buyer) and the country (中国, not CN)."""
    return code_names(found).rename(found)


class SearchTable(widgets.VBox):
    """Filter widgets above a paged, scrolling HTML table of the matching customers."""

    def __init__(self, db: CustomerDB, page_rows: int = PAGE_ROWS) -> None:
        self.db = db
        self.page_rows = page_rows
        self.page = 0
        self.name = widgets.Text(description=Label("Name", "名称").text, placeholder="海康 / 전자 / acme",
                                 continuous_update=False)
        self.tags = widgets.Text(description=Label("Tags", "标签").text, placeholder="vip", continuous_update=False)
        self.filters = {
            "role": widgets.Dropdown(description=Label("Role", "角色").text, options=self._enum("role")),
            "industry": widgets.Dropdown(description=Label("Industry", "行业").text, options=self._enum("industry")),
            "region": widgets.Dropdown(description=Label("Region", "区域").text, options=[_any()]),
            "size_band": widgets.Dropdown(description=Label("Size", "规模").text, options=self._enum("size_band")),
        }
        self.status = message_line("labkit-status")
        self.summary = message_line("labkit-search-summary")
        self.table = widgets.HTML()
        self.table.add_class("labkit-results")
        shown = reported_in(self.status)
        for key, widget in {"name": self.name, "tags": self.tags, **self.filters}.items():
            widget.style.description_width = "8em"  # the longest label in full
            widget.add_class(f"labkit-search-{key}")
            widget.observe(lambda _c: shown(self.refresh)(), names="value")
        self.previous = self._button(_("◀ Previous"), "previous", lambda: shown(self._turn)(-1))
        self.next = self._button(_("Next ▶"), "next", lambda: shown(self._turn)(+1))
        self.reload = self._button(_("Refresh"), "refresh", lambda: shown(self.refresh)(keep_page=True))
        grid = widgets.GridBox([self.name, self.tags, *self.filters.values()],
                               layout=widgets.Layout(grid_template_columns="repeat(3, 1fr)"))
        pager = widgets.HBox([self.previous, self.next, self.reload, self.summary])
        super().__init__([grid, pager, self.status, widgets.Box([self.table], layout=_BOX)])
        self.add_class("labkit-search")
        shown(self.refresh)()

    @staticmethod
    def _button(text: str, name: str, action: Callable[..., None]) -> widgets.Button:
        button = widgets.Button(description=text, layout=widgets.Layout(width="auto"))
        button.add_class(f"labkit-search-{name}")
        button.on_click(lambda _b: action())
        return button

    @staticmethod
    def _enum(name: str) -> list[tuple[str, str]]:
        return [_any()] + [(label.text, code) for code, label in schema.ENUMS[name].labels.items()]

    def results(self) -> pd.DataFrame:
        """The customers matching the current filters (all of them, every column)."""
        chosen = {k: w.value for k, w in self.filters.items() if w.value}
        tags = [t.strip() for t in self.tags.value.replace("，", ",").split(",") if t.strip()]
        return self.db.search(name=self.name.value or None, tags=tags or None, **chosen)

    def _turn(self, step: int) -> None:
        self.page += step
        self.refresh(keep_page=True)

    def refresh(self, keep_page: bool = False) -> None:
        """Re-run the search and redraw the table (also picks up records added meanwhile)."""
        regions = self.db.region_groups()
        region = self.filters["region"]
        if list(region.options[1:]) != [(r, r) for r in regions]:
            keep = region.value if region.value in regions else ""
            region.options = [_any()] + [(r, r) for r in regions]
            region.value = keep
        found = self.results()
        pages = max(1, -(-len(found) // self.page_rows))
        self.page = min(max(self.page if keep_page else 0, 0), pages - 1)
        first = self.page * self.page_rows
        shown = found.iloc[first:first + self.page_rows]
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= pages - 1
        if found.empty:
            self.summary.value = _("No customer matches these filters.")
        else:
            self.summary.value = _("{n} customer(s) found, showing {first}-{last} (page {page} of {pages}).").format(
                n=len(found), first=first + 1, last=first + len(shown), page=self.page + 1, pages=pages)
        readable = readable_codes(shown).astype(object)
        readable = readable.where(readable.notna(), "").rename(columns=column_header)
        self.table.value = _TABLE_CSS + readable.to_html(index=False, border=0)
        self.status.value = ""
