#!/usr/bin/env python3
"""Copy a whole store into another (e.g. the 100k SQLite store `bench/link.py --keep` grew into a
PostgreSQL database, to measure the same data on both backends), table by table.

    python tools/copy_store.py SOURCE_URL TARGET_URL [--chunk 2000]

The target is created (or migrated) to the current schema first and must be empty. Rows keep
their ids; PostgreSQL's id sequences are moved past the copied ids afterwards, so that the next
article saved there gets a new one. Tables outside the models (search indexes kept by triggers)
fill themselves as the rows arrive.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import Table, func, insert, select, text

from opslens.store import Store
from opslens.store.schema import Base


def copy_table(source: Store, target: Store, table: Table, chunk: int) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    done = 0
    with source.reading(f"read {table.name}") as read:
        rows = read.execution_options(stream_results=True, yield_per=chunk).execute(select(table).order_by(*order))
        for part in rows.partitions(chunk):
            with target.transaction(f"copy {table.name}") as write:
                write.execute(insert(table), [dict(r._mapping) for r in part])
            done += len(part)
    return done


def move_sequences(target: Store) -> None:
    """PostgreSQL only: each serial id's sequence restarts after the largest copied id."""
    if not target.url.startswith("postgresql"):
        return
    with target.transaction("move id sequences") as conn:
        for table in Base.metadata.sorted_tables:
            column = table.columns.get("id")
            if column is None or not column.autoincrement or column.type.python_type is not int:
                continue
            top = conn.execute(select(func.max(column))).scalar()
            if top is not None:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), {int(top)})"))


def analyze(target: Store) -> None:
    """PostgreSQL only: statistics for the planner, which a bulk copy leaves it without."""
    if target.url.startswith("postgresql"):
        with target.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("target")
    ap.add_argument("--chunk", type=int, default=2000)
    args = ap.parse_args()
    with Store(args.source) as source, Store(args.target) as target:
        if target.count():
            sys.exit(f"{target.url} is not empty: copy into a new store")
        for table in Base.metadata.sorted_tables:
            started = time.perf_counter()
            n = copy_table(source, target, table, args.chunk)
            print(f"{table.name:24} {n:>9,} rows in {time.perf_counter() - started:6.1f} s")
        move_sequences(target)
        analyze(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
