"""Knowledge as data: tab-separated lexicons with `#` comment headers, read once per process.

Each file states its origin in its header. `lexicon_digest()` fingerprints them all, so an
analysis records which knowledge produced it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

FILES = (
    "countries.tsv", "organizations.tsv", "titles.tsv", "org_kinds.tsv", "boilerplate.txt", "byline_words.txt",
    "speech_cues.tsv", "source_words.tsv", "event_verbs.tsv", "event_actor_nouns.tsv", "event_reversals.tsv",
    "non_events.tsv",
    "cameo_codes.csv", "time_words.tsv", "places_countries.tsv", "places_extra.tsv",
    "models/attribution-cue.crfsuite", "models/attribution-role.crfsuite", "models/tok2vec-clusters.npz",
)


def _text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def read_tsv(name: str, columns: tuple[str, ...] | None = None) -> tuple[dict[str, str], ...]:
    """Rows of a lexicon as dicts keyed by `columns`, or by its header line (the first
    non-comment line). A header line equal to `columns` is skipped."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = list(columns) if columns else None
    for line in _text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if cells[0].strip() == header[0]:
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (c.strip() for c in cells))))
    return tuple(rows)


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@cache
def lexicon_digest() -> str:
    h = hashlib.sha256()
    for name in FILES:
        try:
            h.update(resources.files(__package__).joinpath(name).read_bytes())
        except FileNotFoundError:
            continue
    return h.hexdigest()[:12]
