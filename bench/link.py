#!/usr/bin/env python3
"""Linking time per article as the store grows: it should stay flat.

    python bench/link.py --analyses FILE [--sizes 1000,10000,100000] [--backends sqlite,postgresql]
                         [--batch 100] [--label TEXT] [--no-record] [--keep DIR] [--resume URL [--grow N]]

FILE holds real analyses, one contract JSON per line (e.g. `opslens analyze --no-store --format
jsonl` of the PolNeAR dev articles). The store grows by synthetic copies of them: copy i is
re-identified, re-dated by i times the span of the real articles' days (so the store grows in
time at the density of the real stream, as a store does, rather than piling articles onto the
same days), and a third of its words re-spelt for that copy (so the copies are new texts, not
wire copies of each other). Growth is stored and linked in chunks of 1,000. At each size a batch
of `--batch` new copies, dated after all the others (the stream's next articles), is stored and
linked; the linking time of that batch over its size is the per-article figure, the median of
three batches. The per-article analysis time is measured on the same machine in the same run
(20 real articles through the Analyzer), so the two compare. A row per backend and size is
appended to bench/RESULTS.md. Target: per-article linking time at the largest size at most 2x
that at the smallest, and below the analysis time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import results
from sqlalchemy import select

from opslens.contract import Analysis
from opslens.link import update
from opslens.store import Store
from opslens.store.schema import ArticleRow

RESULTS_HEADING = "## Linking time per article as the store grows (bench/link.py)"
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
WORD = re.compile(r"[A-Za-z]{3,}")
COPY = re.compile(r"~(\d+)$")  # a synthetic copy's article id ends with its copy number
GROWTH_CHUNK = 1000


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.startswith("{")]
    return [r for r in rows if r.get("schema") and not r.get("skipped")]


def span_days(base: list[dict]) -> int:
    days = sorted(d for r in base if (d := _day(r["article"]["published"].get("value"))))
    return (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days + 1 if days else 1


def _day(value: str | None) -> str | None:
    m = DAY.match(value or "")
    return m.group(1) if m else None


def synthetic(real: dict, copy: int, shift_days: int) -> Analysis:
    """Copy `copy` of a real analysis: new id, new text (a third of its words re-spelt), every
    ISO date in it moved by `shift_days`."""
    data = _shift(json.loads(json.dumps(real)), dt.timedelta(days=shift_days))
    art = data["article"]
    art["id"] = f"{art['id']}~{copy}"
    art["text"] = WORD.sub(lambda m: _respelt(m.group(0), copy), art["text"])
    art["sha256"] = hashlib.sha256(art["text"].encode("utf-8")).hexdigest()
    return Analysis.model_validate(data)


def _respelt(word: str, copy: int) -> str:
    h = int(hashlib.blake2b(f"{word}|{copy}".encode(), digest_size=4).hexdigest(), 16)
    return f"{word}{copy % 997}" if h % 3 == 0 else word


def _shift(node, delta: dt.timedelta):
    if isinstance(node, dict):
        return {k: _shift(v, delta) for k, v in node.items()}
    if isinstance(node, list):
        return [_shift(v, delta) for v in node]
    if isinstance(node, str) and (m := DAY.match(node)) and len(node) <= 40:
        try:
            moved = dt.date.fromisoformat(m.group(1)) + delta
        except ValueError:
            return node
        return moved.isoformat() + node[10:]
    return node


class Grower:
    """Stores synthetic copies, in order, into one store; copy k of the real list is article n."""

    def __init__(self, store: Store, base: list[dict]):
        self.store, self.base, self.span, self.n = store, base, span_days(base), 0

    def add(self, count: int) -> None:
        for _ in range(count):
            copy, k = divmod(self.n, len(self.base))
            self.store.save(synthetic(self.base[k], copy, copy * self.span), analyzer_version="bench")
            self.n += 1


def grow_to(grower: Grower, size: int) -> float:
    """Store and link copies up to `size` articles; the linking seconds per article of that growth."""
    linked, seconds = 0, 0.0
    while grower.n < size:
        grower.add(min(GROWTH_CHUNK, size - grower.n))
        started = time.perf_counter()
        linked += update(grower.store).counts["articles"]
        seconds += time.perf_counter() - started
    return seconds / linked if linked else 0.0


def batch_ms(grower: Grower, batch: int) -> tuple[float, dict[str, float]]:
    """Median over three batches of `batch` new articles: linking milliseconds per article, and
    each step's share of it (milliseconds per article, summed over the three batches / 3)."""
    times, steps = [], Counter[str]()
    for _ in range(3):
        grower.add(batch)
        started = time.perf_counter()
        report = update(grower.store)
        times.append((time.perf_counter() - started) * 1000 / batch)
        steps.update({k: v * 1000 / batch / 3 for k, v in report.seconds.items()})
    return statistics.median(times), dict(steps)


def analysis_ms(base: list[dict], n: int = 20) -> float:
    from opslens.contract import Article
    from opslens.pipeline.analyzer import Analyzer

    analyzer = Analyzer()
    articles = [Article.model_validate(r["article"]) for r in base[:n]]
    list(analyzer.analyze_many(articles[:2]))  # warm
    started = time.perf_counter()
    list(analyzer.analyze_many(articles))
    return (time.perf_counter() - started) * 1000 / len(articles)


def store_url(backend: str, work: Path, cluster) -> str:
    return f"sqlite:///{work / 'bench.db'}" if backend == "sqlite" else cluster.new_database()


def run_backend(
    backend: str, base: list[dict], sizes: list[int], batch: int, cluster, keep: Path | None = None
) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(store_url(backend, keep or Path(tmp), cluster)) as store:
        grower = Grower(store, base)
        for size in sizes:
            growth = grow_to(grower, size)
            ms, steps = batch_ms(grower, batch)
            rows.append({"backend": backend, "size": size, "batch_ms": ms, "growth_ms": growth * 1000})
            shares = ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
            print(
                f"{backend:10} {size:>7} articles: {ms:7.1f} ms per new article (growth {growth * 1000:.1f}; {shares})"
            )
    return rows


def resume(url: str, base: list[dict], batch: int, grow: int | None = None) -> dict:
    """Batches of new copies on a store grown before, after growing it to `grow` articles if given.
    They start at the copy round after the last one stored: a count of the articles would repeat
    copies (a real analysis stored twice in the base is one article), and an article saved again
    is analysed again, not new."""
    backend = "postgresql" if url.startswith("postgresql") else "sqlite"
    growth = float("nan")
    with Store(url) as store:
        grower = Grower(store, base)
        with store.reading("the last copy round") as conn:
            ids = conn.execute(select(ArticleRow.article_id).order_by(ArticleRow.id.desc()).limit(50)).scalars()
            last = max(int(m.group(1)) for i in ids if i and (m := COPY.search(i)))
        grower.n = (last + 1) * len(base)
        if grow is not None and grow > store.count():
            growth = grow_to(grower, grower.n + grow - store.count()) * 1000
        size = store.count()
        ms, steps = batch_ms(grower, batch)
    shares = ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
    print(f"{backend:10} {size:>7} articles: {ms:7.1f} ms per new article (resumed; {shares})")
    return {"backend": backend, "size": size, "batch_ms": ms, "growth_ms": growth}


def _ms(value: float) -> str:
    return "—" if value != value else f"{value:.1f}"  # NaN: not measured


def record(rows: list[dict], analysis: float, label: str) -> None:
    columns = [
        "backend",
        "store size",
        "linking ms/article (batch)",
        "growth ms/article",
        "analysis ms/article",
        "note",
    ]
    lines = [
        [r["backend"], f"{r['size']:,}", f"{r['batch_ms']:.1f}", _ms(r["growth_ms"]), f"{analysis:.0f}", label]
        for r in rows
    ]
    results.append(RESULTS_HEADING, columns, lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--analyses", type=Path, required=True)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--label", default="")
    ap.add_argument("--no-record", action="store_true")
    ap.add_argument(
        "--resume",
        metavar="URL",
        help="Measure batches on a store already grown (e.g. the kept SQLite store copied into PostgreSQL "
        "by tools/copy_store.py) instead of growing one; --sizes and --backends are ignored.",
    )
    ap.add_argument(
        "--grow", type=int, metavar="N", help="With --resume: first grow the store to N articles (stored and linked)."
    )
    ap.add_argument(
        "--keep", type=Path, help="Keep the grown SQLite store in this folder (bench.db), e.g. for bench/serve.py."
    )
    args = ap.parse_args()
    base = load(args.analyses)
    sizes = [int(s) for s in args.sizes.split(",")]
    analysis = analysis_ms(base)
    print(f"analysis: {analysis:.0f} ms per article")
    if args.resume:
        rows = [resume(args.resume, base, args.batch, args.grow)]
        if not args.no_record:
            record(rows, analysis, args.label)
        return 0
    rows, cluster = [], None
    backends = args.backends.split(",")
    if "postgresql" in backends:
        from tests.stores import PgCluster, pg_bindir

        cluster = PgCluster(pg_bindir())  # the test suite's throwaway server (durability off: see RESULTS.md)
        cluster.start()
    try:
        for backend in backends:
            rows += run_backend(backend, base, sizes, args.batch, cluster, args.keep if backend == "sqlite" else None)
    finally:
        if cluster is not None:
            cluster.stop()
    if not args.no_record:
        record(rows, analysis, args.label)
    first, last = rows[0], [r for r in rows if r["backend"] == rows[0]["backend"]][-1]
    print(f"ratio {last['size']:,} / {first['size']:,}: {last['batch_ms'] / first['batch_ms']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
