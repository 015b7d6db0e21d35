"""What a search asks and answers: SearchQuery in; SearchPage of Hits out; the opaque cursor."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from opslens.errors import ConfigError

MAX_LIMIT = 200
_DATE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


@dataclass
class SearchQuery:
    """A search: `q` in the query language (search/query.py), filters matching the facets'
    values (outlet in any case), since/until as YYYY[-MM[-DD]] on the published date (until
    takes all of its month or year), and `after`: the `next` of the previous page."""

    q: str
    outlet: str | None = None
    country: str | None = None
    plover: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 20
    after: str | None = None

    def check(self) -> None:
        for name in ("outlet", "country", "plover", "after"):  # q reaches the database as words only
            if "\x00" in (getattr(self, name) or ""):  # PostgreSQL refuses NUL in text: a 400, not a 500
                raise ConfigError(f"{name} holds a NUL character")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _is_date(value):
                raise ConfigError(f"{name} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ConfigError(f"limit must be between 1 and {MAX_LIMIT}, not {self.limit}")

    def fingerprint(self) -> str:
        """What a cursor belongs to: the query and filters (not the page size, which may change)."""
        key = json.dumps([self.q, self.outlet, self.country, self.plover, self.since, self.until])
        return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


@dataclass
class Hit:
    article: str  # the contract's article.id
    row: int
    sha256: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # (text, highlighted), no markup

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "row": self.row,
            "sha256": self.sha256,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "score": round(self.score, 6),
            "snippet": [[text, lit] for text, lit in self.snippet],
        }


@dataclass
class SearchPage:
    items: list[Hit]
    next: str | None  # the cursor of the next page; None on the last
    total: int  # matches over all pages
    facets: dict[str, list[tuple[str, int]]]  # outlet, country, plover, day: (value, count), most first
    # False when more articles matched than search ranks (find.CANDIDATES): the pages and facets
    # then cover the most recently stored of them; `total` counts them all
    complete: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [h.to_json() for h in self.items],
            "next": self.next,
            "total": self.total,
            "facets": {k: [[v, n] for v, n in values] for k, values in self.facets.items()},
            "complete": self.complete,
        }


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return False
    return True


def cursor(offset: int, query: SearchQuery) -> str:
    raw = json.dumps({"o": offset, "f": query.fingerprint()}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def offset_of(query: SearchQuery) -> int:
    """Where the page `query.after` points to starts; 0 without a cursor."""
    if not query.after:
        return 0
    try:
        raw = base64.urlsafe_b64decode(query.after + "=" * (-len(query.after) % 4))
        data = json.loads(raw)
        offset, owner = int(data["o"]), data["f"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise ConfigError("the search cursor is not one this search gave out") from None
    if owner != query.fingerprint() or offset < 0:
        raise ConfigError("the search cursor belongs to another search (other words or filters)")
    return offset
