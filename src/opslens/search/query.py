"""The user's query language, and its translation into each backend's own syntax.

Words must all match; "quoted phrases" match as written, word after word; OR between two items
makes either do; -word or -"a phrase" leaves out the articles that have it. Everything else is
text: the user's words reach FTS5 only inside double quotes, as runs of letters and digits, and
PostgreSQL only as bound parameters, so no input can be read as operators (NEAR, *, :, ^,
parentheses, quotes of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opslens.errors import ConfigError

# Words as both indexes cut them: runs of Unicode letters and digits (FTS5's unicode61 splits at
# everything else, underscores too; PostgreSQL's parser agrees on such runs).
WORD = re.compile(r"[^\W_]+")
_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
MAX_ITEMS = 32  # a query longer than this is not a search but a paste

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Parsed:
    """All `groups` must match (a group: any of its phrases); none of `excluded` may."""

    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...]

    @property
    def terms(self) -> frozenset[str]:
        """The words to highlight: every word of every phrase the query looks for."""
        return frozenset(w for group in self.groups for phrase in group for w in phrase)


def words(text: str) -> Phrase:
    return tuple(w.lower() for w in WORD.findall(text))


def parse(q: str) -> Parsed:
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    pending_or = False
    items = _ITEM.findall(q or "")
    if len(items) > MAX_ITEMS:
        raise ConfigError(f"search query has {len(items)} items; give at most {MAX_ITEMS} words or phrases")
    for minus, quoted, bare in items:
        if bare == "OR":
            pending_or = bool(groups)
            continue
        negated = bool(minus) or (bare.startswith("-") and len(bare) > 1)
        phrase = words(bare or quoted)
        if not phrase:
            continue
        if negated:
            excluded.append(phrase)
        elif pending_or:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        pending_or = False
    if not groups:
        raise ConfigError(
            'search query has no word to look for: give words, a "quoted phrase" or a OR b '
            "(-word only leaves articles out)"
        )
    return Parsed(tuple(tuple(g) for g in groups), tuple(excluded))


def fts5(parsed: Parsed) -> str:
    """The FTS5 MATCH expression: every word a quoted string (FTS5 reads nothing inside quotes
    but words), phrases as one quoted string of words."""
    wanted = " AND ".join("(" + " OR ".join(_fts5_phrase(p) for p in group) + ")" for group in parsed.groups)
    if not parsed.excluded:
        return wanted
    return f"({wanted}) NOT ({' OR '.join(_fts5_phrase(p) for p in parsed.excluded)})"


def _fts5_phrase(phrase: Phrase) -> str:
    return '"' + " ".join(phrase) + '"'  # words hold letters and digits only: no quote to escape
