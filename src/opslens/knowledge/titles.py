"""The title vocabulary from `lexicons/titles.tsv`, indexed by token sequences.

Phrases are split like spaCy splits words ("secretary-general" → secretary - general), so a
phrase matches the lower-cased token texts of a document directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from opslens.knowledge import read_tsv, split_list

_SPLIT = re.compile(r"[^\s-]+|-")
V = TypeVar("V")  # what a table of phrases gives


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(_SPLIT.findall(phrase.lower()))


def phrase_variants(phrase: str) -> list[tuple[str, ...]]:
    """The phrase's tokens, also with abbreviations split as spaCy sometimes splits them
    ("Lt. Gen." → Lt . Gen.)."""
    variants: list[tuple[str, ...]] = [()]
    for tok in phrase_tokens(phrase):
        forms = [(tok,)] + ([(tok[:-1], ".")] if len(tok) > 1 and tok.endswith(".") else [])
        variants = [v + f for v in variants for f in forms]
    return variants


@dataclass(frozen=True)
class Sector:
    """A sector code; whether a modifier may override it ("MIL?"); whether it holds only for
    a government's office ("GOV!": "Russian president" yes, "the university's president" no)."""

    code: str | None
    weak: bool = False
    governmental: bool = False

    @classmethod
    def parse(cls, value: str) -> Sector:
        value = value.strip()
        if value in ("", "-"):
            return cls(None, True)
        return cls(value.rstrip("?!"), value.endswith("?"), value.endswith("!"))


@dataclass
class Titles:
    heads: dict[tuple[str, ...], Sector] = field(default_factory=dict)
    portfolios: dict[tuple[str, ...], Sector] = field(default_factory=dict)
    modifiers: dict[tuple[str, ...], Sector] = field(default_factory=dict)
    ranks: set[str] = field(default_factory=set)
    status: dict[str, str] = field(default_factory=dict)  # word → former | current
    fillers: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)
    conventions: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    max_len: int = 1

    def longest(self, table: Mapping[tuple[str, ...], V], words: list[str], end: int) -> tuple[int, V] | None:
        """Longest phrase of `table` ending at words[end-1]: (length, value)."""
        for n in range(min(self.max_len, end), 0, -1):
            key = tuple(words[end - n : end])
            if key in table:
                return n, table[key]
        return None


@cache
def titles() -> Titles:
    t = Titles()
    for row in read_tsv("titles.tsv"):
        cls, phrase, value = row["class"], row["phrase"], row["value"]
        toks = phrase_tokens(phrase)
        if not toks:
            continue
        tables = {"head": t.heads, "portfolio": t.portfolios, "modifier": t.modifiers}
        if cls in tables:
            for variant in phrase_variants(phrase):
                tables[cls][variant] = Sector.parse(value)
                t.vocabulary.update(w for w in variant if w != ".")
                t.max_len = max(t.max_len, len(variant))
        if cls == "rank":
            t.ranks.add(phrase)
        elif cls == "status":
            t.status[phrase] = value
        elif cls == "filler":
            t.fillers.add(phrase)
        elif cls == "honorific":
            t.honorifics.add(phrase)
        elif cls == "abbreviation":
            t.abbreviations[phrase] = value
            continue
        elif cls == "convention":
            t.conventions[toks] = tuple(split_list(value))
            continue  # conventions name titles already listed; they add no vocabulary
        t.vocabulary.update(toks)
        t.max_len = max(t.max_len, len(toks))
    return t
