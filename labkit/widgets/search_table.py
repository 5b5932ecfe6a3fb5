"""Search-and-browse table (客户检索) over a :class:`labkit.customerdb.CustomerDB`.

Filters: a name fragment (any script), role, industry, region group, size band and tags;
the table updates as they change. CSS classes: ``labkit-search``, ``labkit-search-<filter>``,
``labkit-results``.
"""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from labkit.customerdb import CustomerDB
from labkit.plotting import bilingual, enum_label
from labkit.world import schema

SHOWN_COLUMNS = ["id", "company", "contact", "phone", "email", "role", "country", "province", "city",
                 "region_group", "industry", "size_band", "tags"]
_ANY = ("(any 全部)", "")


class SearchTable(widgets.VBox):
    """Filter widgets above an HTML table of matching customers (at most ``limit`` rows)."""

    def __init__(self, db: CustomerDB, limit: int = 50) -> None:
        self.db = db
        self.limit = limit
        self.name = widgets.Text(description=bilingual("Name", "名称"), placeholder="海康 / 전자 / acme",
                                 continuous_update=False)
        self.tags = widgets.Text(description=bilingual("Tags", "标签"), placeholder="vip", continuous_update=False)
        self.filters = {
            "role": widgets.Dropdown(description=bilingual("Role", "角色"), options=self._enum("role")),
            "industry": widgets.Dropdown(description=bilingual("Industry", "行业"), options=self._enum("industry")),
            "region": widgets.Dropdown(description=bilingual("Region", "区域"), options=[_ANY]),
            "size_band": widgets.Dropdown(description=bilingual("Size", "规模"), options=self._enum("size_band")),
        }
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.table.add_class("labkit-results")
        for key, widget in {"name": self.name, "tags": self.tags, **self.filters}.items():
            widget.add_class(f"labkit-search-{key}")
            widget.observe(lambda _c: self.refresh(), names="value")
        grid = widgets.GridBox([self.name, self.tags, *self.filters.values()],
                               layout=widgets.Layout(grid_template_columns="repeat(3, 1fr)"))
        super().__init__([grid, self.summary, self.table])
        self.add_class("labkit-search")
        self.refresh()

    @staticmethod
    def _enum(name: str) -> list[tuple[str, str]]:
        return [_ANY] + [(enum_label(name, c), c) for c in schema.ENUMS[name].codes]

    def results(self) -> pd.DataFrame:
        """The customers matching the current filters."""
        chosen = {k: w.value for k, w in self.filters.items() if w.value}
        tags = [t.strip() for t in self.tags.value.replace("，", ",").split(",") if t.strip()]
        return self.db.search(name=self.name.value or None, tags=tags or None, **chosen)

    def refresh(self) -> None:
        """Re-run the search and redraw the table (also picks up records added meanwhile)."""
        regions = self.db.region_groups()
        region = self.filters["region"]
        if list(region.options[1:]) != [(r, r) for r in regions]:
            keep = region.value if region.value in regions else ""
            region.options = [_ANY] + [(r, r) for r in regions]
            region.value = keep
        found = self.results()
        self.summary.value = f"<b>{len(found)}</b> customer(s) found 条记录" + (
            f" (showing the first {self.limit})" if len(found) > self.limit else "")
        self.table.value = found[SHOWN_COLUMNS].head(self.limit).to_html(index=False, na_rep="", border=0)
