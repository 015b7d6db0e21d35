"""json / jsonl: the analysis contract (opslens.analysis/1) of every article that reports a
selected merged event (with no filter: every stored article), the oldest published first."""

from __future__ import annotations

from typing import BinaryIO

from opslens.export.selection import analyses_in, article_rows
from opslens.link.listing import EventFilter
from opslens.store import Store


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None, *, lines: bool) -> int:
    rows = article_rows(store, f, story)
    if not lines:
        out.write(b"[")
    for n, analysis in enumerate(analyses_in(store, rows)):
        text = analysis.to_json()
        out.write((text + "\n" if lines else ("\n" if n == 0 else ",\n") + text).encode("utf-8"))
    if not lines:
        out.write(b"\n]\n" if rows else b"]\n")
    return len(rows)
