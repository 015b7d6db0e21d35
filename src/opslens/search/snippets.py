"""Snippets: the part of an article's text around the query's words, as (text, highlighted)
pieces. Plain text only: pages and the API escape the pieces themselves, so an article's own
markup ("<script>") stays text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

SNIPPET_CHARS = 200  # about two lines of a results page
LEAD_SHARE = 0.3  # of the window: context kept before its first match
MAX_WORD = 40  # a "word" longer than this (a URL, a run without spaces) is cut inside
MAX_SCAN = 10_000  # characters searched for the words: a long text's best window is early enough
MAX_STARTS = 200  # windows tried, from the first matches on: enough for the densest part
_SPACE = re.compile(r"\s+")

Piece = tuple[str, bool]


def snippet(text: str, terms: Iterable[str], size: int = SNIPPET_CHARS) -> list[Piece]:
    """The window of `size` characters holding the most distinct query words (the earliest of
    equals), every query word in it highlighted, in any case; the text's start when no word
    of the query is in the text (a title match)."""
    matches = [(m.start(), m.end()) for m in _finder(frozenset(terms)).finditer(text, 0, MAX_SCAN)]
    window = _window(text, matches, size)
    start, end = _cut(text, window), _cut(text, window + size)
    pieces: list[Piece] = []
    at = start
    for m_start, m_end in matches:
        if m_start < start or m_end > end:
            continue
        pieces += [(text[at:m_start], False), (text[m_start:m_end], True)]
        at = m_end
    pieces.append((text[at:end], False))
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return _tidy(pieces)


@functools.lru_cache(maxsize=64)
def _finder(terms: frozenset[str]) -> re.Pattern[str]:
    """The query's words, whole (not inside a longer word), in any case: one pattern, as fast
    as a scan of the text, instead of every word of it lowered and looked up."""
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def _window(text: str, matches: list[tuple[int, int]], size: int) -> int:
    best, best_at, lead = 0, 0, int(size * LEAD_SHARE)
    for i, (m_start, _) in enumerate(matches[:MAX_STARTS]):
        inside = set()
        for s, e in matches[i:]:
            if e > m_start + size - lead:
                break
            inside.add(text[s:e].lower())
        if len(inside) > best:
            best, best_at = len(inside), m_start
    return max(0, min(best_at - lead, len(text) - size))  # a window that fits ends with the text


def _cut(text: str, at: int) -> int:
    """`at`, moved back to the start of the word it falls in (never into the middle of a word)."""
    if at >= len(text):
        return len(text)
    stop = max(0, at - MAX_WORD)
    while at > stop and not text[at - 1].isspace():
        at -= 1
    return at


def _tidy(pieces: list[Piece]) -> list[Piece]:
    """Runs of white space (paragraph breaks) as one space; no empty pieces; neighbours of the
    same kind joined."""
    tidy: list[Piece] = []
    for piece, lit in pieces:
        piece = _SPACE.sub(" ", piece)
        if not piece:
            continue
        if tidy and tidy[-1][1] == lit:
            tidy[-1] = (tidy[-1][0] + piece, lit)
        else:
            tidy.append((piece, lit))
    if tidy and not tidy[0][1]:
        tidy[0] = (tidy[0][0].lstrip(), False)
    if tidy and not tidy[-1][1]:
        tidy[-1] = (tidy[-1][0].rstrip(), False)
    return [p for p in tidy if p[0]]
