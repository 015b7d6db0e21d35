"""The discard list of PETRARCH-2 (`lexicons/petrarch2/Phoenix.discards.txt`): phrases that mark a
sentence as no political event ("World Cup", "gold medal", "bird flu", "Cannes Film Festival").

A line is a phrase in capitals, `#` starts a comment, a leading `+` marks a story-level discard
upstream (the whole story is dropped). Read here with two changes, for an engine that reads whole
news articles and dates what it finds:
- a story-level phrase voids only its own sentence: an article that names a sports club or a film
  may still report a political act in another sentence;
- the time phrases ("YEARS AGO", "WEEKS LATER", the years 1914-1971) and the past wars ("WORLD WAR
  II", "NAPOLEONIC WARS") are not read: upstream they keep historical acts out of a daily event
  feed, but OpsLens dates each event and marks what is background (`stages/events/modality.py`),
  so "expelled them 18 years ago" stays an event, and so does a demand today about a wartime act.
"""

from __future__ import annotations

import re
from functools import cache

from opslens.knowledge import resource

FILE = ("petrarch2", "Phoenix.discards.txt")
TIME_WORDS = {"ago", "later"}
WAR_WORDS = {"war", "wars"}


def phrase_of(line: str) -> tuple[str, ...] | None:
    """The words of one line, lower-case (None for a comment, a blank line or a time phrase)."""
    text = line.split("#", 1)[0].strip().lstrip("+").replace("_", " ")
    words = tuple(w.lower() for w in text.split())
    if not words or re.fullmatch(r"\d{4}", " ".join(words)) or words[-1] in TIME_WORDS:
        return None
    if WAR_WORDS & set(words):
        return None
    return words


@cache
def discards() -> dict[str, tuple[tuple[str, ...], ...]]:
    """first word → the discard phrases starting with it, longest first."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for line in resource(*FILE).read_text(encoding="utf-8").splitlines():
        if (words := phrase_of(line)) is not None:
            out.setdefault(words[0], set()).add(words)
    return {w: tuple(sorted(p, key=len, reverse=True)) for w, p in out.items()}


def discard_at(words: list[str], i: int) -> tuple[str, ...] | None:
    """The discard phrase that starts at word i of a sentence's lower-case words, if any."""
    for phrase in discards().get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return phrase
    return None
