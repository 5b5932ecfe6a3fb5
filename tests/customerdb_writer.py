"""A student's process adding customers, for the concurrency tests (not a test module).

``python -m tests.customerdb_writer DB FIRST COUNT [JOURNAL_MODE]`` adds records
FIRST..FIRST+COUNT-1 and prints ``ok <id> <i>`` after each one is committed (acknowledged).
"""
from __future__ import annotations

import sys

from labkit.customerdb import CustomerDB
from tests.customer_records import numbered


def main(path: str, first: int, count: int, journal_mode: str = "wal") -> None:
    with CustomerDB(path, journal_mode=journal_mode) as db:
        for i in range(first, first + count):
            cid = db.add(numbered(i))
            print(f"ok {cid} {i}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:5])
