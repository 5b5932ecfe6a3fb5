"""Data-quality defects for cleaning exercises (数据质量缺陷), with their ground truth.

- duplicate_entry: the same company entered again by another department, with a variant
  spelling of its name (有限公司/有限责任公司, Inc./Incorporated, (주)/주식회사, spaces, case)
  and copies of its contacts (same phone, or another person at the same phone); the new
  rows point to the true company through ``defects.duplicate_of``;
- missing_value, malformed_phone, malformed_email, wrong_province (a city in the wrong
  province) on existing records.
Every injected defect is one row of the ``defects`` table; duplicate companies and their
contacts have no ``customer_truth`` row (they are not real companies).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.world import geography as geo
from labkit.world.container import World, conform
from labkit.world.locales import available_locales, name_style, name_styles, world_locale
from labkit.world.places import names_abroad

SHARE = {"duplicate": 0.03, "missing": 0.02, "phone": 0.02, "email": 0.02, "province": 0.015}
MISSING = (("organisations", "address"), ("organisations", "employees"), ("contacts", "phone"), ("contacts", "email"))



def _script(text: str) -> str:
    """The locale whose script ``text`` is written in (Han, Hangul ...), else the locale foreign names default to."""
    for code in available_locales():
        script = world_locale(code).script
        if script is not None and script.search(text):
            return code
    return names_abroad().otherwise


def person_variant(name: str, locale: str | None = None) -> str:
    """The same person's name as another clerk types it: 王 芳, Carter, Emily (``locale``: whose name it is)."""
    return world_locale(locale or _script(name)).people.retyped(name)


def variant_spelling(name: str, rng: np.random.Generator, city_prefixes: tuple[str, ...] = (),
                     locale: str | None = None) -> str:
    """Another way a clerk might type the same company name (``locale``: whose name it is, else found from its script)."""
    rule = world_locale(locale or _script(name)).companies
    options = [(a, b) for a, b in rule.retyped_legal_forms if a in name]
    out = name
    if options:
        a, b = options[int(rng.integers(0, len(options)))]
        out = out.replace(a, b, 1)
    for prefix in city_prefixes:  # 深圳市华宇电子 -> 华宇电子
        if out.startswith(prefix) and rng.random() < 0.6:
            out = out[len(prefix):]
            break
    if rule.retyped_in_capitals and rng.random() < rule.retyped_in_capitals:
        out = out.upper()
    if out == name or rng.random() < 0.2:
        out = out.replace(" ", "  ", 1) if " " in out else out + " "
    return out


def _malformed_phone(phone: str, rng: np.random.Generator) -> str:
    digits = phone.lstrip("+")
    k = int(rng.integers(0, 4))
    if k == 0:
        return digits                           # no leading +
    if k == 1:
        return phone[:-1]                       # a digit short
    if k == 2:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return phone.replace("0", "O", 1) if "0" in phone else phone + "#"


def _malformed_email(email: str, rng: np.random.Generator) -> str:
    local, _, domain = email.partition("@")
    k = int(rng.integers(0, 4))
    if k == 0:
        return f"{local}{domain}"               # @ lost
    if k == 1:
        return f"{local}@@{domain}"
    if k == 2:
        return f"{local}@{domain.replace('.', '')}"  # no top-level domain
    return f"{local} @{domain}"


class _Log:
    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str, str, object, object, object]] = []

    def add(self, table: str, row_id: int, column: str, kind: str, original: object, injected: object,
            duplicate_of: object = None) -> None:
        def text(v: object) -> object:
            return None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
        self.rows.append((table, int(row_id), column, kind, text(original), text(injected), duplicate_of))

    def frame(self) -> pd.DataFrame:
        cols = ["table", "row_id", "column", "kind", "original", "injected", "duplicate_of"]
        data = {c: [r[i] for r in self.rows] for i, c in enumerate(cols)}
        data["duplicate_of"] = pd.array(data["duplicate_of"], dtype="Int64")
        return conform("defects", {"defect_id": np.arange(1, len(self.rows) + 1), **data})


def _pick(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    k = max(1, int(round(n * share)))
    return np.sort(rng.choice(n, size=min(k, n), replace=False))


def _duplicates(rng: np.random.Generator, world: World, log: _Log) -> None:
    orgs, contacts = world.tables["organisations"], world.tables["contacts"]
    src = orgs.iloc[_pick(rng, len(orgs), SHARE["duplicate"])]
    cities = tuple(sorted(set(geo.cities(geo.home_country(world.locale).iso2)), key=len, reverse=True))
    new = src.copy()
    first_id = int(orgs["org_id"].max()) + 1
    new["org_id"] = np.arange(first_id, first_id + len(new))
    style = [name_style(world.locale, c) for c in src["country"].astype(str).tolist()]
    new["name"] = [variant_spelling(nm, rng, cities, st) for nm, st in zip(src["name"].tolist(), style, strict=True)]
    new["data_source"] = np.where(src["data_source"].astype(str) == "sales_dept", "marketing_dept", "sales_dept")
    new["address"] = new["address"].where(rng.random(len(new)) < 0.6)
    new["created_at"] = src["created_at"] + pd.to_timedelta(rng.integers(30, 900, len(new)), unit="D")
    for true_id, dup_id, a, b in zip(src["org_id"], new["org_id"], src["name"], new["name"], strict=True):
        log.add("organisations", dup_id, "org_id", "duplicate_entry", a, b, int(true_id))
    dup_of = dict(zip(src["org_id"], new["org_id"], strict=True))
    c = contacts[contacts["org_id"].isin(dup_of) & contacts["is_primary"]].copy()
    first_c = int(contacts["contact_id"].max()) + 1
    true_contact = c["contact_id"].to_numpy()
    c["contact_id"] = np.arange(first_c, first_c + len(c))
    c["org_id"] = c["org_id"].map(dup_of)
    other_person = rng.random(len(c)) < 0.35  # a different person at the same phone number
    names = c["name"].to_numpy(dtype=object)
    country_of = dict(zip(new["org_id"].tolist(), new["country"].astype(str).tolist(), strict=True))
    script = np.array([name_style(world.locale, country_of[o]) for o in c["org_id"].tolist()], dtype=object)
    for locale in name_styles(world.locale):
        rows = np.flatnonzero(other_person & (script == locale))
        names[rows] = world_locale(locale).person_names(rng, len(rows))
    respelled = ~other_person & (rng.random(len(c)) < 0.5)  # the same person, written another way
    names[respelled] = [person_variant(nm, st) for nm, st in zip(names[respelled].tolist(), script[respelled], strict=True)]
    c["name"] = names
    c.loc[~other_person & (rng.random(len(c)) < 0.4), "email"] = None
    true_of = {v: k for k, v in dup_of.items()}
    for cid, tid, org in zip(c["contact_id"], true_contact, c["org_id"], strict=True):
        log.add("contacts", cid, "contact_id", "duplicate_entry", tid, cid, int(true_of[org]))
    before = contacts.set_index("contact_id").loc[true_contact[respelled], "name"].tolist()
    for cid, a, b, org in zip(c["contact_id"].to_numpy()[respelled], before, names[respelled],
                              c["org_id"].to_numpy()[respelled], strict=True):
        log.add("contacts", cid, "name", "variant_spelling", a, b, int(true_of[org]))
    world.tables["organisations"] = conform("organisations", pd.concat([orgs, new], ignore_index=True))
    world.tables["contacts"] = conform("contacts", pd.concat([contacts, c], ignore_index=True))


def _spoil(world: World, log: _Log, table: str, column: str, kind: str, rows: np.ndarray, values: list[object]) -> None:
    """Write ``values`` into ``rows`` of ``table.column`` and log each change."""
    df = world.tables[table]
    before = df[column].iloc[rows].tolist()
    ids = df.iloc[rows, 0].tolist()
    df.iloc[rows, df.columns.get_loc(column)] = pd.array(values, dtype=df[column].dtype)
    for row_id, a, b in zip(ids, before, values, strict=True):
        log.add(table, row_id, column, kind, a, b)


def _present(df: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    return rows[df[column].iloc[rows].notna().to_numpy()]


def inject(rng: np.random.Generator, world: World) -> None:
    """Add defects to ``world`` in place and the ``defects`` table listing each of them.

    Cell defects touch only the original rows, so duplicates copy clean records.
    """
    log = _Log()
    n = {t: len(world.tables[t]) for t in ("organisations", "contacts")}
    _duplicates(rng, world, log)
    for table, column in MISSING:
        rows = _present(world.tables[table], column, _pick(rng, n[table], SHARE["missing"]))
        _spoil(world, log, table, column, "missing_value", rows, [None] * len(rows))
    contacts = world.tables["contacts"]
    for column, kind, spoil in (("phone", "malformed_phone", _malformed_phone), ("email", "malformed_email", _malformed_email)):
        rows = _present(contacts, column, _pick(rng, n["contacts"], SHARE["phone" if column == "phone" else "email"]))
        _spoil(world, log, "contacts", column, kind, rows, [spoil(v, rng) for v in contacts[column].iloc[rows].tolist()])
    orgs = world.tables["organisations"]
    home = np.flatnonzero(orgs["province"].iloc[: n["organisations"]].notna().to_numpy())
    rows = home[_pick(rng, len(home), SHARE["province"])]
    provinces = np.array(geo.provinces(geo.home_country(world.locale).iso2), dtype=object)
    before = orgs["province"].iloc[rows].to_numpy(dtype=object)
    shift = rng.integers(1, len(provinces), len(rows))  # any province but its own
    own = np.searchsorted(np.sort(provinces), before)
    after = np.sort(provinces)[(own + shift) % len(provinces)]
    _spoil(world, log, "organisations", "province", "wrong_province", rows, after.tolist())
    world.tables["defects"] = log.frame()
