"""The customer record (客户记录) a student enters: its keys and where each is stored.

A record is one company (``organisations``) with its main contact person (``contacts``);
the keys are the words a student uses (company, contact …), the storage columns are the
world schema's (organisations.name, contacts.name …).
"""
from __future__ import annotations

from dataclasses import dataclass

from labkit.i18n import Label
from labkit.world import schema


@dataclass(frozen=True)
class Field:
    """One key of a customer record and the schema column holding it."""

    key: str
    table: str
    column: str
    required: bool = False

    @property
    def label_zh(self) -> str:
        if self.table == "crm_tags":
            return "标签"
        return schema.table(self.table).column(self.column).label_zh

    @property
    def label(self) -> str:
        """The field's name in the display language (字段名): 电话 in zh_CN, phone in en_US."""
        return Label(self.key.replace("_", " "), self.label_zh).text

    @property
    def enum(self) -> str | None:
        if self.table == "crm_tags":
            return None
        return schema.table(self.table).column(self.column).enum


FIELDS: tuple[Field, ...] = (
    Field("company", "organisations", "name", required=True),
    Field("contact", "contacts", "name", required=True),
    Field("title", "contacts", "title"),
    Field("phone", "contacts", "phone"),
    Field("email", "contacts", "email"),
    Field("role", "organisations", "role", required=True),
    Field("country", "organisations", "country", required=True),
    Field("province", "organisations", "province"),
    Field("city", "organisations", "city", required=True),
    Field("address", "organisations", "address"),
    Field("industry", "organisations", "industry", required=True),
    Field("business_nature", "organisations", "business_nature"),
    Field("main_products", "organisations", "main_products"),
    Field("employees", "organisations", "employees"),
    Field("data_source", "organisations", "data_source"),
    Field("customer_source", "organisations", "customer_source"),
    Field("tags", "crm_tags", "tag"),
)

FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
KEYS: tuple[str, ...] = tuple(FIELDS_BY_KEY)
#: Keys computed from others, returned by ``CustomerDB.get`` but never typed in.
DERIVED: tuple[str, ...] = ("region_group", "size_band")


def label(key: str) -> str:
    """A record key's name in the display language (电话 for ``phone`` in zh_CN); an unknown key as is."""
    field = FIELDS_BY_KEY.get(key)
    return field.label if field else key


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of a record (字段错误); shown as "field name: message"."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{label(self.field)}: {self.message}"
