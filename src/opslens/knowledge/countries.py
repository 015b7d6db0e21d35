"""Which country a name denotes: country names and aliases, demonyms, capitals and seats of power.

Knowledge lives in `lexicons/countries.tsv`; this module only indexes it. Short all-capital
forms ("US", "UK") match case-sensitively so that the pronoun "us" is never the United States.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from opslens.knowledge import read_tsv, split_list
from opslens.nlp import span_text, token_flags, token_strings

COLUMNS = ("iso3", "name", "aliases", "demonyms", "capital", "metonyms")

# How a surface form denotes its country; the order is the preference when two rows share a form.
HOW = ("name", "alias", "demonym", "capital", "metonym")


@dataclass(frozen=True)
class CountryRef:
    iso3: str
    name: str  # the country's short name, e.g. "United Kingdom"
    how: str  # name | alias | demonym | capital | metonym


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " "})
_POSSESSIVE = re.compile(r"(?:'s|')$")


def normalize(text: str) -> str:
    """Surface form → lookup key: straight quotes, no leading 'the', no possessive, single spaces."""
    t = " ".join(text.translate(_QUOTES).split())
    if t[:4].lower() == "the ":
        t = t[4:]
    return _POSSESSIVE.sub("", t).strip()


def _case_key(form: str) -> str:
    # Forms with lower-case letters match in any case ("russia", "RUSSIA"); acronyms only as written.
    return form if not any(c.islower() for c in form) else form.casefold()


@cache
def _index() -> dict[str, CountryRef]:
    index: dict[str, CountryRef] = {}
    for row in read_tsv("countries.tsv", COLUMNS):
        forms = {
            "name": [row["name"]],
            "alias": split_list(row["aliases"]),
            "demonym": split_list(row["demonyms"]),
            "capital": split_list(row["capital"]),
            "metonym": split_list(row["metonyms"]),
        }
        for how in HOW:
            for form in forms[how]:
                key = _case_key(normalize(form))
                ref = CountryRef(row["iso3"], row["name"], how)
                old = index.get(key)
                if old is None or HOW.index(how) < HOW.index(old.how):
                    index[key] = ref
    return index


@lru_cache(maxsize=1 << 16)
def lookup(text: str) -> CountryRef | None:
    """The country a name, demonym, capital or seat of power denotes, or None (cached: the stages
    ask for the same few thousand words and spans again and again)."""
    form = normalize(text)
    if not form:
        return None
    index = _index()
    ref = index.get(form) if not any(c.islower() for c in form) else None
    return ref or index.get(form.casefold())


@lru_cache(maxsize=4096)
def demonym_of(word: str) -> frozenset[str]:
    """The countries a people's word ends the demonyms of: "Koreans" → {KOR, PRK} ("South Koreans",
    "North Koreans"), "Congolese" → {COD, COG}; empty for a word no demonym ends with ("Hutu")."""
    key = normalize(word).casefold()
    if not key:
        return frozenset()
    return frozenset(
        ref.iso3 for form, ref in _index().items() if ref.how == "demonym" and (form == key or form.endswith(" " + key))
    )


@cache
def country_name(iso3: str) -> str | None:
    for row in read_tsv("countries.tsv", COLUMNS):
        if row["iso3"] == iso3:
            return row["name"]
    return None


@cache
def first_tokens() -> frozenset[str]:
    """Lower-cased first words of every known form, and their first pieces before a hyphen,
    apostrophe or slash (where the tokenizer splits "Guinea-Bissau"), to cheaply skip tokens
    that start none. "the" may start any form ("the Netherlands")."""
    words = {"the"}
    for key in _index():
        first = key.split(" ")[0].casefold()
        words.update((first, re.split(r"[-'/]", first)[0]))
    return frozenset(words)


NAMING = ("name", "alias", "demonym")


def _whole(doc, start: int, end: int) -> bool:
    """Is doc[start:end] a whole name, not a piece of a longer one ("Jersey" in "New Jersey",
    "Russia" in "Russia Today")? The NER's entity boundaries decide."""
    inside = token_flags(doc, "ENT_IOB")  # IOB code 1: "I", inside an entity
    return not inside[start] and (end >= len(doc) or not inside[end])


def _may_start(doc, i: int) -> bool:
    """Can a country's form start at token i? (Blank tokens too: `normalize` drops them.)"""
    return token_flags(doc, "IS_SPACE")[i] or token_strings(doc, "LOWER")[i] in first_tokens()


def ending_at(doc, end: int, hows=NAMING) -> tuple[int, CountryRef] | None:
    """The country named by the tokens just before `end` (longest first): (start, ref)."""
    for n in (3, 2, 1):
        start = end - n
        if start >= 0 and _may_start(doc, start):
            ref = lookup(span_text(doc, start, end))
            if ref and ref.how in hows and _whole(doc, start, end):
                return start, ref
    return None


def starting_at(doc, start: int, hows=NAMING) -> tuple[int, CountryRef] | None:
    """The country named by the tokens from `start` on (longest first): (end, ref)."""
    if not _may_start(doc, start):
        return None
    for n in (3, 2, 1):
        end = start + n
        if end <= len(doc):
            ref = lookup(span_text(doc, start, end))
            if ref and ref.how in hows and _whole(doc, start, end):
                return end, ref
    return None
