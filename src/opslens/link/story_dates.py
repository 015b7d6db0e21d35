"""What an article says happened on which nearby day: the words of each sentence that names a day.

Reports of one development name the day it happened ("collapsed on Sunday", "Monday's vote") in
the sentence that tells what happened; coverage of something else in the same days names the
same days with other words. So a key is a (day, word) pair — a content word in a sentence with a
time expression that resolves to that day — and two articles that share keys on a day near both
of them report the same dated happening. Keys need no statistics from other articles: the score
is fixed per pair, whatever else the store holds or the order articles arrived in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from opslens.knowledge.time_words import words

REACH_DAYS = 5  # a day counts if it lies this close to both articles' own days
DAY = re.compile(r"(\d{4}-\d\d-\d\d)(?:T.*)?")  # a day, or a time or part of one ("2016-09-26TNI")
WORD = re.compile(r"[a-z][a-z'-]{3,}")  # four letters at least: no "the", "was", initials
SENTENCE_END = re.compile(r"[.!?]\s|\n")
SENTENCE_CHARS = 400  # no sentence runs longer either way: a text without stops stays local
# said-words and time words: every dated sentence has them, they name no happening
GENERIC = frozenset({"said", "says", "told", "according", "last", "next", "earlier", "later", "early", "late", "ago"})


# scikit-learn's English stop list (the Glasgow IR group's) holds a few content words that name
# what happened or where: those stay
CONTENT = frozenset({"fire", "bill", "call", "system", "interest", "found", "move", "empty", "front", "mill"})
SKIP = (frozenset(ENGLISH_STOP_WORDS) - CONTENT) | GENERIC


@cache
def _time_words() -> frozenset[str]:
    kinds = ("month", "weekday", "part", "unit", "ref", "shift", "set", "season")
    found = {w for kind in kinds for phrase in words(kind) for w in phrase.split()}
    return frozenset(w.rstrip(".") for w in found)


def dated_words(text: str, times: Iterable[dict], own: str | None) -> frozenset[tuple[str, str]]:
    """(day, word) keys: the content words of each sentence with a time expression that resolves
    to a day within REACH_DAYS of the article's own day `own` (its own day included)."""
    if not own:
        return frozenset()
    today = date.fromisoformat(own)
    skip = SKIP | _time_words()
    keys: set[tuple[str, str]] = set()
    for t in times:
        match = DAY.fullmatch(t.get("value") or "") if t.get("type") in ("DATE", "TIME") else None
        start, end = t.get("start"), t.get("end")
        if match is None or not isinstance(start, int) or not isinstance(end, int):
            continue
        day = match.group(1)
        if abs((date.fromisoformat(day) - today).days) > REACH_DAYS:
            continue
        sentence = _sentence(text, start, end)
        keys.update((day, w) for w in WORD.findall(sentence.lower()) if w.strip("'-") not in skip)
    return frozenset(keys)


def shared_dated(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]], day_a: date, day_b: date) -> int:
    """How many keys two articles share on a day near both that is not the own day of both (two
    reports of the same day that name it as "today" share no more than the date they were written)."""
    count = 0
    for day, _word in a & b:
        d = date.fromisoformat(day)
        if d == day_a == day_b:
            continue
        if abs((d - day_a).days) <= REACH_DAYS and abs((d - day_b).days) <= REACH_DAYS:
            count += 1
    return count


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (from the last sentence end before it to the next)."""
    lo = max(0, start - SENTENCE_CHARS)
    before = [m.end() for m in SENTENCE_END.finditer(text, lo, start)]
    after = SENTENCE_END.search(text, end, end + SENTENCE_CHARS)
    first = before[-1] if before else lo
    return text[first : after.start() if after else min(len(text), end + SENTENCE_CHARS)]
