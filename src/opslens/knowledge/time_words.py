"""The time lexicon (lexicons/time_words.tsv) as lookups and regex alternations.

The recogniser (times/find.py) builds its patterns from these word lists, and the normaliser
(times/value.py) reads the same lists back, so a word an analyst adds to the file is both found
and understood.
"""

from __future__ import annotations

import re
import string
from functools import cache

from opslens.knowledge import read_tsv

LEXICON = "time_words.tsv"


@cache
def words(kind: str) -> dict[str, str]:
    """word -> value for one kind of the lexicon ("month", "unit", …)."""
    return {row["word"]: row["value"] for row in read_tsv(LEXICON) if row["kind"] == kind}


def lookup(kind: str, word: str) -> str | None:
    return words(kind).get(word.lower().rstrip("."))


def value_of(kind: str, word: str) -> str:
    """The value of a word that is in the lexicon: one a recognition rule found through a
    pattern made of the lexicon's words of that kind (a month, a weekday, a season, a unit)."""
    value = lookup(kind, word)
    if value is None:
        raise KeyError(f"{word!r} is no {kind} of {LEXICON}")
    return value


def alternation(kind: str, *, exclude: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> str:
    """A regex alternation of the words of one kind, longest first so that "christmas day"
    wins over "christmas"; spaces match any run of spaces or hyphens."""
    forms = [w for w in words(kind) if w not in exclude and (not only or w in only)]
    forms.sort(key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in forms) + ")"


def capitalised(kind: str, *, full: bool = True, abbreviated: bool = True) -> str:
    """Names (months, weekdays) as a case-sensitive alternation: Title or UPPER case, so that
    "may" the modal verb and "march" the noun are not months. Abbreviations ("Sept.", "Wed.")
    keep their full stop optional here; rules that need it say so."""
    forms = []
    for word, value in words(kind).items():
        long = _is_full_name(kind, word, value)
        if (long and full) or (not long and abbreviated):
            forms += [word.title(), word.upper()]
    forms.sort(key=len, reverse=True)
    return "(?-i:" + "|".join(map(re.escape, forms)) + ")"


def names(kind: str) -> str:
    """Multi-word names (holidays) as a case-sensitive alternation of their capitalised forms:
    "Thanksgiving Day", "New Year's Day"; "christmas tree" in lower case is no holiday."""
    forms = sorted(words(kind), key=len, reverse=True)
    spaced = [r"[\s\-]+".join(map(re.escape, string.capwords(w).split())) for w in forms]
    return "(?-i:" + "|".join(spaced) + ")"


def _is_full_name(kind: str, word: str, value: str) -> bool:
    names = [w for w, v in words(kind).items() if v == value]
    return len(word) == max(map(len, names))
