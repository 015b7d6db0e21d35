#!/usr/bin/env python3
"""What the link layer makes of a set of analyses: copy groups, stories, merged events, contests,
canonical entities, alerts, and the linking time per article.

    python tools/link_counts.py --analyses FILE [--db sqlite:///counts.db] [--rules examples/watch.toml]
                                [--batch 100]

FILE holds analyses, one contract JSON per line (`opslens analyze --no-store --format jsonl`).
They are stored without being analysed again, `--batch` at a time, each batch linked as
`opslens analyze` links it. The store should be new: the counts are the store's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import func, select

from opslens.contract import Analysis
from opslens.link import update
from opslens.link.rules import Watchlist, load_rules
from opslens.store import Store
from opslens.store.schema import (
    AlertRow,
    CanonicalEntityRow,
    ContestRow,
    LinkedArticleRow,
    MergedEventRow,
    StoryRow,
)


def load(store: Store, path: Path, batch: int, watchlist: Watchlist | None) -> tuple[int, float]:
    rows = [line for line in path.open(encoding="utf-8") if line.startswith("{")]
    seconds = 0.0
    for start in range(0, len(rows), batch):
        for line in rows[start : start + batch]:
            store.save(Analysis.model_validate(json.loads(line)), analyzer_version="link_counts")
        started = time.perf_counter()
        update(store, watchlist=watchlist)
        seconds += time.perf_counter() - started
    return len(rows), seconds


def counts(store: Store) -> dict[str, int]:
    la, me = LinkedArticleRow, MergedEventRow
    queries = {
        "articles linked": select(func.count()).select_from(la),
        "copy groups": select(func.count(func.distinct(la.copy_of))).where(la.copy_of.is_not(None)),
        "copies": select(func.count()).where(la.copy_of.is_not(None)),
        "stories": select(func.count()).select_from(StoryRow),
        "stories of 2+ articles": select(func.count()).where(StoryRow.n_articles >= 2),
        "merged events": select(func.count()).select_from(me),
        "merged events of 2+ reports": select(func.count()).where(me.n_reports >= 2),
        "merged events of 2+ articles": select(func.count()).where(me.n_articles >= 2),
        "merged events of 2+ independent origins": select(func.count()).where(me.independent_origins >= 2),
        "contested claims": select(func.count()).select_from(ContestRow),
        "canonical entities": select(func.count()).select_from(CanonicalEntityRow),
        "canonical entities in 2+ articles": select(func.count()).where(CanonicalEntityRow.n_articles >= 2),
        "alerts": select(func.count()).select_from(AlertRow),
    }
    with store.reading("count the link layer") as conn:
        return {name: conn.execute(query).scalar_one() for name, query in queries.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--analyses", type=Path, required=True)
    ap.add_argument("--db", default="sqlite:///link_counts.db")
    ap.add_argument("--rules", help="a watchlist rules file (TOML)")
    ap.add_argument("--batch", type=int, default=100)
    args = ap.parse_args()
    watchlist = Watchlist(rules=load_rules(args.rules)) if args.rules else None
    with Store(args.db) as store:
        n, seconds = load(store, args.analyses, args.batch, watchlist)
        for name, value in counts(store).items():
            print(f"{name:42} {value:>7}")
    print(f"linking: {seconds:.1f} s for {n} analyses, {1000 * seconds / max(n, 1):.1f} ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
