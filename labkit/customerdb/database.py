"""The customer database (客户数据库): one SQLite file a group of students shares.

Safe for several writers at once: the file runs in WAL mode (readers never block the
writer), every change is one ``BEGIN IMMEDIATE`` transaction (writers queue instead of
failing), a busy writer is waited for and retried, and ``synchronous=FULL`` makes every
acknowledged record durable. All SQL is parameterised, so names with quotes or SQL-looking
text are stored exactly as typed.

Threads (线程): one :class:`CustomerDB` may be used from any thread. JupyterLab 4 with
ipykernel 7 runs widget callbacks on the kernel's main thread *or* on a subshell thread, and
plain SQLite refuses a connection made in another thread. We keep one connection opened with
``check_same_thread=False`` and let every public method hold one re-entrant lock while it
uses it: calls from different threads queue, a transaction is never interleaved with another
thread's statements, and ``close()`` from one thread is seen by all (a connection per thread
would leave connections open after ``close()``; marshalling to one thread would need an
event loop the widgets do not have). Work done under the lock is small (one record, one
search), so the queueing is not felt.
"""
from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from labkit.customerdb.record import KEYS, Problem
from labkit.customerdb.tables import ensure_tables
from labkit.customerdb.validation import record_problems, validate_record
from labkit.errors import CustomerNotFound, DatabaseClosed, InvalidRecord, UsageError
from labkit.i18n import _

BUSY_TIMEOUT_MS = 10_000
#: "wal" for a local disk or JupyterHub server; "delete" for a network drive without shared memory.
JOURNAL_MODES = ("wal", "delete", "truncate", "persist")
RETRY_SECONDS = 60.0

# One row per customer: the company with its main contact (primary first, else the oldest).
_SELECT = """
SELECT o.org_id AS id, o.name AS company, c.name AS contact, c.title, c.phone, c.email,
       o.role, o.country, o.province, o.city, o.region_group, o.address, o.industry,
       o.business_nature, o.main_products, o.employees, o.size_band, o.data_source,
       o.customer_source, o.created_at,
       (SELECT group_concat(tag, ',') FROM (SELECT tag FROM crm_tags t WHERE t.org_id = o.org_id ORDER BY tag)) AS tags,
       (d.org_id IS NOT NULL) AS deleted
FROM organisations o
LEFT JOIN contacts c ON c.contact_id = (
    SELECT contact_id FROM contacts c2 WHERE c2.org_id = o.org_id
    ORDER BY c2.is_primary DESC, c2.contact_id LIMIT 1)
LEFT JOIN crm_deleted d ON d.org_id = o.org_id
"""

_ORG_COLUMNS = {  # organisations column <- clean record key
    "name": "company", "role": "role", "country": "country", "province": "province", "city": "city",
    "region_group": "region_group", "address": "address", "industry": "industry",
    "main_products": "main_products", "business_nature": "business_nature", "employees": "employees",
    "size_band": "size_band", "data_source": "data_source", "customer_source": "customer_source",
}
_CONTACT_COLUMNS = {"name": "contact", "title": "title", "phone": "phone", "email": "email"}
_FILTERS = {  # search keyword -> SQL column
    "role": "o.role", "country": "o.country", "province": "o.province", "city": "o.city",
    "region": "o.region_group", "industry": "o.industry", "size_band": "o.size_band",
}


def fold(text: str | None) -> str | None:
    """Case- and width-insensitive form of a text, for searching in any script."""
    return None if text is None else unicodedata.normalize("NFKC", text).casefold()


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _serialised(method: _Method) -> _Method:
    """Run ``method`` holding the database's lock, on an open database (see the module docstring)."""
    @functools.wraps(method)
    def locked(self: CustomerDB, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._closed:
                raise DatabaseClosed(_("The customer database {name} is closed. Run the cell that opens it "
                                       "(CustomerDB(...)) again.").format(name=self.path.name))
            return method(self, *args, **kwargs)
    return locked  # type: ignore[return-value]


class CustomerDB:
    """A customer database file (客户数据库): add, update, get, delete, search.

    ``CustomerDB(path)`` opens the file, creating it (and any missing table) if needed.
    ``locale`` is the home locale of the organiser: its country's records need a province.
    ``known_cities_only=False`` lets a group enter cities the kit's geography does not list
    (a listed city must still lie in its province).
    """

    def __init__(self, path: str | Path, locale: str = "zh_CN", journal_mode: str = "wal",
                 known_cities_only: bool = True) -> None:
        if journal_mode.lower() not in JOURNAL_MODES:
            raise UsageError(_("journal_mode must be one of {modes}, got {given!r}").format(
                modes=", ".join(JOURNAL_MODES), given=journal_mode))
        self.path = Path(path)
        self.locale = locale
        self.known_cities_only = known_cities_only
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._closed = False
        self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                     check_same_thread=False)
        self._conn.create_function("labkit_fold", 1, fold, deterministic=True)
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            self._retry(lambda: self._conn.execute(f"PRAGMA journal_mode = {journal_mode}"))
            self._conn.execute("PRAGMA synchronous = FULL")
            with self._write() as conn:
                ensure_tables(conn)
        except sqlite3.OperationalError:
            self._conn.close()
            raise  # busy for over a minute, read-only folder …: SQLite's own words are clearest
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise UsageError(_("{path} is not a customer database (SQLite) file: {error}").format(
                path=self.path, error=exc)) from None

    @classmethod
    def open(cls, path: str | Path, create: bool = False, **options: Any) -> CustomerDB:
        """Open the database file at ``path`` (打开客户数据库); a missing file is made only with ``create=True``.

        A typo in a path then says so instead of quietly starting a new, empty database.
        """
        path = Path(path)
        if not create and not path.is_file():
            raise UsageError(_("no customer database at {path}: check the name (labkit import-contacts makes a "
                               "new one)").format(path=path))
        return cls(path, **options)

    # -- connection and transactions -------------------------------------------------
    def close(self) -> None:
        """Close the file (关闭); afterwards every call raises :class:`DatabaseClosed`."""
        with self._lock:
            self._closed = True
            self._conn.close()

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._closed

    def __enter__(self) -> CustomerDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._closed:
            return f"CustomerDB({str(self.path)!r}, closed)"
        return f"CustomerDB({str(self.path)!r}, customers={self.count()})"

    @staticmethod
    def _retry(action: Any) -> Any:
        """Run ``action``, waiting while another student's process holds the write lock."""
        deadline = time.monotonic() + RETRY_SECONDS
        pause = 0.01
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is stored, or (on any error) none of it."""
        self._retry(lambda: self._conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self._conn
            self._retry(lambda: self._conn.execute("COMMIT"))  # in journal_mode=delete, waits for readers
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    # -- writing ---------------------------------------------------------------------------
    def _next_id(self, table: str, column: str) -> int:
        return int(self._conn.execute(f'SELECT COALESCE(MAX("{column}"), 0) + 1 FROM "{table}"').fetchone()[0])

    def _duplicates(self, clean: Mapping[str, Any], exclude: int | None) -> list[Problem]:
        """A phone or email may belong to one (undeleted) customer only."""
        problems = []
        for key, test in (("phone", "c.phone = ?"), ("email", "c.email = ? COLLATE NOCASE")):
            if clean[key] is None:
                continue
            row = self._conn.execute(
                f"SELECT o.org_id, o.name FROM contacts c JOIN organisations o ON o.org_id = c.org_id "
                f"WHERE {test} AND o.org_id IS NOT ? "
                f"AND o.org_id NOT IN (SELECT org_id FROM crm_deleted) LIMIT 1",
                (clean[key], exclude),
            ).fetchone()
            if row:
                problems.append(Problem(key, _("{value} already belongs to customer {id} ({name}); update that "
                                               "customer instead of adding it again").format(
                    value=clean[key], id=row[0], name=row[1])))
        return problems

    def _store(self, clean: Mapping[str, Any], org_id: int, new: bool) -> None:
        org = {col: clean[key] for col, key in _ORG_COLUMNS.items()}
        contact = {col: clean[key] for col, key in _CONTACT_COLUMNS.items()}
        if new:
            org |= {"org_id": org_id, "created_at": dt.date.today().isoformat()}
            contact |= {"contact_id": self._next_id("contacts", "contact_id"), "org_id": org_id,
                        "preferred_channel": "email" if clean["email"] else "phone",
                        "do_not_contact": 0, "is_primary": 1}
            for table, row in (("organisations", org), ("contacts", contact)):
                names = ", ".join(f'"{c}"' for c in row)
                self._conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})',
                                   tuple(row.values()))
        else:
            sets = ", ".join(f'"{c}" = ?' for c in org)
            self._conn.execute(f"UPDATE organisations SET {sets} WHERE org_id = ?", (*org.values(), org_id))
            sets = ", ".join(f'"{c}" = ?' for c in contact)
            self._conn.execute(
                f"UPDATE contacts SET {sets} WHERE contact_id = (SELECT contact_id FROM contacts "
                f"WHERE org_id = ? ORDER BY is_primary DESC, contact_id LIMIT 1)",
                (*contact.values(), org_id))
            self._conn.execute("DELETE FROM crm_tags WHERE org_id = ?", (org_id,))
        self._conn.executemany("INSERT INTO crm_tags (org_id, tag) VALUES (?, ?)",
                               [(org_id, tag) for tag in clean["tags"]])

    def add(self, record: Mapping[str, Any]) -> int:
        """Validate and store a new customer; return its id. Raises :class:`InvalidRecord`."""
        return self.add_many([record])[0]

    @_serialised
    def add_many(self, records: Sequence[Mapping[str, Any]]) -> list[int]:
        """Store several customers in one transaction: all of them, or none if one is refused."""
        ids, problems = self._insert(records, all_or_nothing=True)
        return [ids[i] for i in range(len(records))]

    @_serialised
    def add_valid(self, records: Sequence[Mapping[str, Any]]) -> tuple[dict[int, int], dict[int, list[Problem]]]:
        """Store every valid record in one transaction and skip the others (批量导入).

        Returns ``(ids, problems)``: the new id of each stored record and the problems of
        each refused one, both keyed by the record's position in ``records``.
        """
        return self._insert(records, all_or_nothing=False)

    def _insert(self, records: Sequence[Mapping[str, Any]], all_or_nothing: bool
                ) -> tuple[dict[int, int], dict[int, list[Problem]]]:
        problems: dict[int, list[Problem]] = {}
        cleaned: dict[int, dict[str, Any]] = {}
        for i, record in enumerate(records):
            clean, found = record_problems(record, self.locale, self.known_cities_only)
            if found:
                problems[i] = found
            else:
                cleaned[i] = clean
        ids: dict[int, int] = {}
        with self._write():
            for i, clean in cleaned.items():
                if not all_or_nothing or not problems:
                    found = self._duplicates(clean, exclude=None)
                    if found:
                        problems[i] = found
                        continue
                    ids[i] = self._next_id("organisations", "org_id")
                    self._store(clean, ids[i], new=True)
            if all_or_nothing and problems:
                if len(records) == 1:
                    raise InvalidRecord(problems[0])
                raise InvalidRecord([Problem(p.field, _("record {n}: {problem}").format(n=i + 1, problem=p.message))
                                     for i, found in sorted(problems.items()) for p in found])
        return ids, problems

    @_serialised
    def update(self, customer_id: int, changes: Mapping[str, Any]) -> None:
        """Change some fields of a customer; the whole updated record is validated again."""
        with self._write():
            record = {k: v for k, v in self._get(customer_id).items() if k in KEYS}
            clean = validate_record(record | dict(changes), self.locale, self.known_cities_only)
            duplicates = self._duplicates(clean, exclude=customer_id)
            if duplicates:
                raise InvalidRecord(duplicates)
            self._store(clean, customer_id, new=False)

    @_serialised
    def delete(self, customer_id: int) -> None:
        """Soft delete (逻辑删除): hide the customer; the row stays and :meth:`restore` brings it back."""
        with self._write():
            self._get(customer_id)
            self._conn.execute("INSERT INTO crm_deleted (org_id, deleted_at) VALUES (?, ?)",
                               (customer_id, dt.datetime.now().isoformat(timespec="seconds")))

    @_serialised
    def restore(self, customer_id: int) -> None:
        """Undo :meth:`delete`."""
        with self._write():
            if not self._conn.execute("DELETE FROM crm_deleted WHERE org_id = ?", (customer_id,)).rowcount:
                raise CustomerNotFound(_("customer {id} is not deleted").format(id=customer_id))

    # -- reading ---------------------------------------------------------------------------
    def _get(self, customer_id: int) -> dict[str, Any]:
        cur = self._conn.execute(_SELECT + " WHERE o.org_id = ? AND d.org_id IS NULL", (int(customer_id),))
        row = cur.fetchone()
        if row is None:
            raise CustomerNotFound(_("there is no customer {id} (it may have been deleted)").format(id=customer_id))
        out = dict(zip([c[0] for c in cur.description], row))
        out["tags"] = tuple(out["tags"].split(",")) if out["tags"] else ()
        del out["deleted"]
        return out

    @_serialised
    def get(self, customer_id: int) -> dict[str, Any]:
        """One customer as a dict with the record keys plus id, region_group, size_band."""
        return self._get(customer_id)

    @_serialised
    def count(self) -> int:
        """Number of customers (deleted ones not counted)."""
        return int(self._conn.execute(
            "SELECT COUNT(*) FROM organisations WHERE org_id NOT IN (SELECT org_id FROM crm_deleted)"
        ).fetchone()[0])

    @_serialised
    def region_groups(self) -> list[str]:
        """The region groups (区域) the customers come from, sorted."""
        rows = self._conn.execute(
            "SELECT DISTINCT region_group FROM organisations WHERE region_group IS NOT NULL "
            "AND org_id NOT IN (SELECT org_id FROM crm_deleted) ORDER BY region_group").fetchall()
        return [r[0] for r in rows]

    @_serialised
    def search(self, name: str | None = None, tags: str | Sequence[str] | None = None,
               include_deleted: bool = False, **filters: Any) -> pd.DataFrame:
        """Customers matching every filter given (客户检索), one row each.

        ``name``: a fragment of the company or contact name, in any script, ignoring case
        and full-/half-width. ``tags``: customers carrying all of them. Other filters (a
        value or a list of values): role, country, province, city, region (the region
        group, e.g. 华东), industry, size_band.
        """
        unknown = sorted(set(filters) - set(_FILTERS))
        if unknown:
            raise InvalidRecord([Problem(unknown[0], _("cannot search by {key!r}; use name, tags or one of: {keys}").format(
                key=unknown[0], keys=", ".join(_FILTERS)))])
        where, params = [], []
        if not include_deleted:
            where.append("d.org_id IS NULL")
        if name:
            where.append("(instr(labkit_fold(o.name), ?) > 0 OR instr(labkit_fold(c.name), ?) > 0)")
            params += [fold(name.strip())] * 2
        for key, value in filters.items():
            if value is None:
                continue
            values = _values(value)
            where.append(f"{_FILTERS[key]} IN ({', '.join('?' * len(values))})")
            params += values
        if tags:
            wanted = sorted(set(_values([tags] if isinstance(tags, str) else tags)))
            where.append(f"o.org_id IN (SELECT org_id FROM crm_tags WHERE tag IN ({', '.join('?' * len(wanted))}) "
                         f"GROUP BY org_id HAVING COUNT(DISTINCT tag) = {len(wanted)})")
            params += wanted
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY o.org_id"
        frame = pd.read_sql_query(sql, self._conn, params=params)
        frame["deleted"] = frame["deleted"].astype(bool)
        if not include_deleted:
            frame = frame.drop(columns="deleted")
        frame["employees"] = frame["employees"].astype("Int64")
        return frame

    @_serialised
    def backup(self, target: str | Path) -> Path:
        """Copy the whole database, consistently, even while others are writing (备份)."""
        target = Path(target)
        with sqlite3.connect(target) as copy:
            self._conn.backup(copy)
        copy.close()
        return target

    @_serialised
    def integrity_check(self) -> str:
        """SQLite's own consistency check of the file: ``'ok'`` when healthy."""
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])
