"""Customer entry form (客户信息录入表单) over a :class:`labkit.customerdb.CustomerDB`.

Every field has a message line under it; "Save" (保存) validates the whole record with the
database's own rules and writes it only if nothing is wrong, otherwise each problem is
shown under its field. Stable CSS classes let a browser test find things:
``labkit-entry-form``, ``labkit-field-<key>`` on each input, ``labkit-msg-<key>`` on each
message, ``labkit-save`` and ``labkit-status``. Any other error (the database was closed, the disk is
full …) is shown in the status line (:mod:`labkit.widgets.messages`).
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from labkit.customerdb import CustomerDB, InvalidRecord
from labkit.customerdb.record import FIELDS_BY_KEY
from labkit.i18n import Label, _
from labkit.widgets.messages import error_html, message_line, ok_html, reported_in
from labkit.world import geography, schema
from labkit.world.schema import ENUMS

__all__ = ["FORM_FIELDS", "EntryForm"]

#: The fields the form shows, in order, with their English labels.
FORM_FIELDS: dict[str, str] = {
    "company": "Company", "contact": "Contact", "title": "Title", "phone": "Phone", "email": "Email",
    "role": "Role", "country": "Country", "province": "Province/state", "city": "City",
    "industry": "Industry", "employees": "Employees", "tags": "Tags",
}
_ENUM_FIELDS = ("role", "industry")
_NONE = ("—", "")
_STYLE = {"description_width": "12em"}
_LAYOUT = widgets.Layout(width="34em")


def _country_options(locale: str) -> list[tuple[str, str]]:
    names = []
    for iso in geography.countries():
        try:
            names.append((f"{iso} {geography.country_name(iso, locale)}", iso))
        except KeyError:
            names.append((iso, iso))
    return names


class EntryForm(widgets.VBox):
    """An ipywidgets form that adds valid customers to ``db`` (录入)."""

    def __init__(self, db: CustomerDB) -> None:
        self.db = db
        self.inputs: dict[str, widgets.Widget] = {}
        self.messages: dict[str, widgets.HTML] = {}
        rows = []
        for key, en in FORM_FIELDS.items():
            field = FIELDS_BY_KEY[key]
            label = Label(en, field.label_zh).text + (" *" if field.required else "")
            widget = self._make_input(key, label)
            widget.add_class(f"labkit-field-{key}")
            message = message_line(f"labkit-msg-{key}")
            self.inputs[key], self.messages[key] = widget, message
            rows.append(widgets.VBox([widget, message], layout=widgets.Layout(margin="0 0 2px 0")))
        self.save_button = widgets.Button(description=Label("Save", "保存").text, button_style="primary", icon="check")
        self.save_button.add_class("labkit-save")
        self.status = message_line("labkit-status")
        shown = reported_in(self.status)
        self.save_button.on_click(lambda _b: shown(self.save)())
        self.inputs["country"].observe(lambda _c: shown(self._fill_provinces)(), names="value")
        self.inputs["province"].observe(lambda _c: shown(self._fill_cities)(), names="value")
        super().__init__([*rows, widgets.HBox([self.save_button, self.status])])
        self.add_class("labkit-entry-form")
        self._fill_provinces()

    def _make_input(self, key: str, label: str) -> widgets.Widget:
        common: dict[str, Any] = dict(description=label, style=_STYLE, layout=_LAYOUT)
        if key in _ENUM_FIELDS:
            enum = FIELDS_BY_KEY[key].enum
            assert enum is not None
            options = [_NONE] + [(ENUMS[enum].labels.text(c), c) for c in schema.ENUMS[enum].codes]
            return widgets.Dropdown(options=options, value="", **common)
        if key == "country":
            home = geography.home_country(self.db.locale).iso2
            return widgets.Dropdown(options=_country_options(self.db.locale), value=home, **common)
        if key == "province":
            return widgets.Dropdown(options=[_NONE], value="", **common)
        if key == "city":
            return widgets.Combobox(placeholder=Label("type or pick", "输入或选择").text, ensure_option=False, **common)
        placeholder = {"phone": "138 1234 5678", "email": "name@company.com", "tags": "vip, 2025"}.get(key, "")
        return widgets.Text(placeholder=placeholder, continuous_update=False, **common)

    def _fill_provinces(self) -> None:
        provinces = geography.provinces(self.inputs["country"].value)
        self.inputs["province"].options = [_NONE] + [(p, p) for p in provinces]
        self.inputs["province"].value = ""
        self._fill_cities()

    def _fill_cities(self) -> None:
        country, province = self.inputs["country"].value, self.inputs["province"].value
        self.inputs["city"].options = tuple(geography.cities(country, province or None)) \
            if province or not geography.provinces(country) else ()

    def record(self) -> dict[str, Any]:
        """The record as typed (empty inputs left out)."""
        return {key: w.value for key, w in self.inputs.items() if str(w.value).strip() != ""}

    def save(self) -> int | None:
        """Validate and store the typed record; return its id, or None if it was refused."""
        self.status.value = ""
        for message in self.messages.values():
            message.value = ""
        try:
            customer_id = self.db.add(self.record())
        except InvalidRecord as exc:
            for problem in exc.problems:
                target = self.messages.get(problem.field)
                text = problem.message if target else str(problem)
                target = target or self.messages["company"]
                target.value += error_html(text) + "<br>"
            self.status.value = error_html(_("Not saved: {n} problem(s), see the red messages above.").format(
                n=len(exc.problems)))
            return None
        for key, widget in self.inputs.items():
            if key not in ("country", "role", "industry"):
                widget.value = ""
        self.status.value = ok_html(_("Saved: customer {id}.").format(id=customer_id))
        return customer_id
