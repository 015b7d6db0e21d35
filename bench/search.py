#!/usr/bin/env python3
"""Search latency on a grown store: p50/p95 of `search()` over 20 varied queries.

    python bench/search.py --analyses FILE [--size 10000] [--backends sqlite,postgresql]
                           [--repeat 5] [--label TEXT] [--no-record] [--store URL]

The store grows as in bench/link.py (copy i of each real analysis re-identified, re-dated and a
third of its words re-spelt), saved only, not linked: search needs the articles and their facet
rows, not the link layer. Each query runs once to warm the caches, then `--repeat` times; the
figures are over all timed runs. `--store URL` measures an existing store instead of growing one
(e.g. a copy of the 100k linked SQLite store). A row per backend is appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import results
from link import Grower, load  # bench/link.py: the same growth

from opslens.search import SearchQuery, search
from opslens.store import Store

RESULTS_HEADING = "## Search latency (bench/search.py)"
SAVE_REPORT = 1000

# Common and rare words, phrases, OR, exclusions, filters, a later page and a miss: what people type.
QUERIES = [
    SearchQuery("Trump"),
    SearchQuery("Clinton email server"),
    SearchQuery('"White House"'),
    SearchQuery('"Supreme Court" nominee'),
    SearchQuery("Obama -Clinton"),
    SearchQuery("Syria OR Iran"),
    SearchQuery("immigration reform"),
    SearchQuery("Putin Russia"),
    SearchQuery("police shooting"),
    SearchQuery('"health care" Republicans'),
    SearchQuery("refugees Europe -Syria"),
    SearchQuery("ISIS attack", country="USA"),
    SearchQuery("Sanders", plover="ACCUSE"),
    SearchQuery("debate", since="2016-01", until="2016-06"),
    SearchQuery("election", limit=50),
    SearchQuery("president", limit=20, after=None),  # page 3: filled in by `later_page`
    SearchQuery("Benghazi OR Zika OR Flint"),
    SearchQuery("the"),
    SearchQuery('"said on Tuesday"'),
    SearchQuery("xylophonequartz"),
]


def grow(store: Store, base: list[dict], size: int) -> float:
    grower = Grower(store, base)
    started = time.perf_counter()
    while grower.n < size:
        grower.add(min(SAVE_REPORT, size - grower.n))
        print(f"  saved {grower.n:,} articles ({time.perf_counter() - started:.0f} s)", flush=True)
    return (time.perf_counter() - started) * 1000 / size


def later_page(store: Store, query: SearchQuery, page: int) -> SearchQuery:
    for _ in range(page - 1):
        query = SearchQuery(query.q, limit=query.limit, after=search(store, query).next)
    return query


def measure(store: Store, repeat: int) -> dict:
    queries = [later_page(store, q, 3) if q.q == "president" else q for q in QUERIES]
    times, per_query = [], []
    for q in queries:
        page = search(store, q)  # warm
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            search(store, q)
            runs.append((time.perf_counter() - started) * 1000)
        times += runs
        per_query.append((statistics.median(runs), q.q, page.total))
    cuts = statistics.quantiles(times, n=20)
    for ms, q, total in sorted(per_query, reverse=True)[:5]:
        print(f"    {ms:7.1f} ms  {total:>6} hits  {q}")
    return {"p50": statistics.median(times), "p95": cuts[18], "max": max(times)}


def run_backend(backend: str, url: str, base: list[dict], size: int, repeat: int) -> dict:
    with Store(url) as store:
        save_ms = grow(store, base, size - store.count()) if base else 0.0
        n = store.count()
        figures = measure(store, repeat)
    print(
        f"{backend:10} {n:>7,} articles: p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
        f"max {figures['max']:.1f} ms (saving {save_ms:.1f} ms per article)"
    )
    return {"backend": backend, "size": n, **figures}


def record(rows: list[dict], repeat: int, label: str) -> None:
    columns = ["backend", "store size", "queries x runs", "p50 ms", "p95 ms", "max ms", "note"]
    lines = [
        [r["backend"], f"{r['size']:,}", f"{len(QUERIES)} x {repeat}"]
        + [f"{r[k]:.1f}" for k in ("p50", "p95", "max")]
        + [label]
        for r in rows
    ]
    results.append(RESULTS_HEADING, columns, lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--analyses", type=Path)
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--label", default="")
    ap.add_argument("--no-record", action="store_true")
    ap.add_argument("--store", help="Measure this existing store (no growth); --backends names its backend.")
    args = ap.parse_args()
    if not args.store and not args.analyses:
        ap.error("give --analyses FILE (to grow a store) or --store URL")
    base = load(args.analyses) if args.analyses and not args.store else []
    rows, cluster = [], None
    backends = args.backends.split(",")
    if "postgresql" in backends and not args.store:
        from tests.stores import PgCluster, pg_bindir

        cluster = PgCluster(pg_bindir())  # the test suite's throwaway server (durability off: see RESULTS.md)
        cluster.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for backend in backends:
                url = args.store or (
                    f"sqlite:///{Path(tmp) / 'search.db'}" if backend == "sqlite" else cluster.new_database()
                )
                rows.append(run_backend(backend, url, base, args.size, args.repeat))
    finally:
        if cluster is not None:
            cluster.stop()
    if not args.no_record:
        record(rows, args.repeat, args.label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
