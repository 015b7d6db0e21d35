#!/usr/bin/env python3
"""Dashboard and API latency on a grown store: p50/p95 of search, the story page, the article
page and the dyad timeline, over real HTTP to `opslens serve`'s app on loopback.

    python bench/serve.py --db URL [--requests 40] [--label TEXT] [--no-record]

URL names a store already grown and linked (e.g. `bench/link.py --keep DIR` keeps its 100k SQLite
store; `tools/copy_store.py` copies it into PostgreSQL). Each measure takes `--requests` different
subjects drawn with a fixed seed from the store (stories of two or more articles, articles, the
busiest dyads, search words from the stored titles), one request each after a warm-up pass over
other subjects, so that neither one cached page nor a cold start is what is timed. A row per
measure is appended to bench/RESULTS.md. Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import socket
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import httpx
import results
import uvicorn
from sqlalchemy import func, select

from opslens.store import Store
from opslens.store.schema import ArticleRow, MergedEventRow, StoryRow
from opslens.web.app import ServeConfig, create_app

RESULTS_HEADING = "## Dashboard and API latency on a grown store (bench/serve.py)"
WORD = re.compile(r"[A-Za-z]{5,}")
SEED = 7


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The app under uvicorn in a thread, as `opslens serve` runs it."""

    def __init__(self, url: str):
        self.port = free_port()
        config = ServeConfig(store_url=url, host="127.0.0.1", port=self.port)
        self.server = uvicorn.Server(uvicorn.Config(create_app(config), port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def subjects(url: str, n: int) -> dict[str, list[str]]:
    """Paths to time, 2n of each kind (the first n warm up), drawn with a fixed seed."""
    rng = random.Random(SEED)
    with Store(url) as store, store.reading("bench subjects") as conn:
        stories = conn.execute(select(StoryRow.id).where(StoryRow.n_articles >= 2)).scalars().all()
        articles = conn.execute(select(ArticleRow.sha256)).scalars().all()
        titles = conn.execute(select(ArticleRow.title).where(ArticleRow.title.is_not(None)).limit(5000)).scalars().all()
        pairs = func.substr(MergedEventRow.source, 1, 3), func.substr(MergedEventRow.target, 1, 3)
        dyads = conn.execute(select(*pairs, func.count()).group_by(*pairs).order_by(func.count().desc()).limit(200))
        dyads = [(a, b) for a, b, _ in dyads if a and b and a != b]
    words = [w for w, _ in Counter(w.lower() for t in titles for w in WORD.findall(t)).most_common(400)]
    pick = lambda pool: [rng.choice(pool) for _ in range(2 * n)] if pool else []  # noqa: E731
    return {
        "search (API)": [f"/api/search?q={w}" for w in pick(words)],
        "search page": [f"/search?q={w}" for w in pick(words)],
        "story page": [f"/stories/{s}" for s in pick(stories)],
        "article page": [f"/articles/{a[:16]}" for a in pick(articles)],
        "dyad page": [f"/dyads/{a}/{b}" for a, b in pick(dyads)],
        "dyad timeline (API)": [f"/api/timeline?a={a}&b={b}&by=day" for a, b in pick(dyads)],
    }


def timed(client: httpx.Client, paths: list[str]) -> list[float]:
    half = len(paths) // 2
    for path in paths[:half]:
        client.get(path).raise_for_status()
    times = []
    for path in paths[half:]:
        started = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def run(url: str, n: int) -> list[dict]:
    paths = subjects(url, n)
    with Store(url) as store:
        size = store.count()
    rows = []
    with Server(url) as base, httpx.Client(base_url=base, timeout=60) as client:
        for name, todo in paths.items():
            if not todo:
                continue
            times = timed(client, todo)
            row = {"measure": name, "size": size, "p50": percentile(times, 50), "p95": percentile(times, 95)}
            print(f"{name:22} {size:>8,} articles: p50 {row['p50']:6.1f} ms, p95 {row['p95']:6.1f} ms")
            rows.append(row)
    return rows


def record(rows: list[dict], backend: str, label: str) -> None:
    columns = ["backend", "store size", "measure", "p50 ms", "p95 ms", "note"]
    lines = [[backend, f"{r['size']:,}", r["measure"], f"{r['p50']:.1f}", f"{r['p95']:.1f}", label] for r in rows]
    results.append(RESULTS_HEADING, columns, lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="Store URL (sqlite:///… or postgresql://…)")
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--label", default="")
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args()
    rows = run(args.db, args.requests)
    if not args.no_record:
        record(rows, "postgresql" if args.db.startswith("postgresql") else "sqlite", args.label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
