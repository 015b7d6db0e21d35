"""Who an article's entity is across the store: its block key, country and the rule that made them.

The block key depends on the entity alone (its name, type, aliases and the lexicon entry behind
it), never on what the store held before: that is what makes linking independent of the order in
which articles arrive. Within one block, entities of different countries are kept apart
(`canonical_key` in opslens.link.entities adds the country to the key when a block needs it).

    person:hillary clinton      "Hillary Clinton", "Hillary Rodham Clinton" (middle names dropped)
    person:lavrov#1a2b3c4d5e6f.e4   a bare surname: its own entity, never shared across articles
    org:republican party        the organisations lexicon's entry, whatever the surface form
    org:dnc                     "Democratic National Committee" and "DNC": the acronym
    country:RUS / people:RUS    a country itself, its people (by code)
    place:tehran                other places by name (kept apart by country)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from opslens.knowledge import countries, orgs, read_tsv

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme", "m"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "to", "de", "la", "&"})
COUNTRY_ITSELF = ("country:name", "country:alias")
_NON_WORD = re.compile(r"[^\w\s&]")
_LEXICON = "lexicon:organizations.tsv#"


@dataclass(frozen=True, slots=True)
class Identity:
    """What linking needs to know of one entity: where it may link, and why."""

    block: str  # type class + normalised name: candidates for the same actor share it
    country: str | None  # ISO alpha-3, from the entity or its actor code
    rule: str  # full-name | alias-full-name | lexicon | acronym | name | code | single
    shared: bool = True  # False: a bare one-token person, kept to its own article


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation (hyphens and apostrophes join), single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("-", "").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


def person_tokens(name: str) -> list[str]:
    """A person's name as key tokens: no honorific, no possessive, middle names and a single middle
    initial dropped (first, last, generation suffix), so "Hillary Rodham Clinton" is "hillary
    clinton", but "George H. W. Bush" and "Donald Trump Jr." keep what sets them apart."""
    name = re.sub(r"(?:'s|\u2019s)$", "", name.strip())
    tokens = fold(name).split()
    while tokens and tokens[0] in HONORIFICS:
        tokens = tokens[1:]
    suffix = [t for t in tokens[-1:] if t in SUFFIXES and len(tokens) > 2]
    core = tokens[: len(tokens) - len(suffix)]
    if len(core) <= 2:
        return core + suffix
    initials = [t for t in core[1:-1] if len(t) == 1]
    if len(initials) == 1:  # "Donald J. Trump" is "Donald Trump"; "George H. W. Bush" stays himself
        initials = []
    return [core[0], *initials, core[-1], *suffix]


@cache
def all_countries() -> tuple[str, ...]:
    """Every ISO alpha-3 code the countries lexicon knows (the variants a split block may have)."""
    return tuple(sorted({row["iso3"] for row in read_tsv("countries.tsv", countries.COLUMNS)}))


def country_of(country: str | None, actor_code: str | None) -> str | None:
    """The entity's country, else the country its actor code starts with ("USAGOV" → USA)."""
    if country:
        return country
    if actor_code and len(actor_code) >= 3 and countries.country_name(actor_code[:3]):
        return actor_code[:3]
    return None


def acronym(name: str) -> str | None:
    """The acronym of a multi-word name (three letters or more), or the name itself when it is one."""
    words = name.replace("-", " ").split()
    if len(words) == 1:
        word = words[0].replace(".", "")
        return word.lower() if len(word) >= 3 and word.isalpha() and word.isupper() else None
    letters = [w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return None
    return "".join(letters).lower()


def identify(
    name: str, type_: str, country: str | None, actor_code: str | None, aliases: list[str], local: str
) -> Identity:
    """The block, country and rule of one entity; `local` ("<sha prefix>.<local id>") names a bare
    surname's own block."""
    where = country_of(country, actor_code)
    if type_ == "PERSON":
        return _person(name, where, aliases, local)
    if type_ == "ORG":
        return _organisation(name, where, aliases)
    if type_ in ("GPE", "LOC", "NORP", "FAC"):
        return _place_or_people(name, type_, where)
    return Identity(f"{type_.lower()}:{fold(name)}", where, "name")


def _person(name: str, where: str | None, aliases: list[str], local: str) -> Identity:
    tokens = person_tokens(name)
    if len(tokens) >= 2:
        return Identity("person:" + " ".join(tokens), where, "full-name")
    # the analysis tied a surname to a full name through aliases: that name stands for it
    fuller = sorted((person_tokens(a) for a in aliases), key=lambda t: (-len(t), t))
    if fuller and len(fuller[0]) >= 2:
        return Identity("person:" + " ".join(fuller[0]), where, "alias-full-name")
    return Identity(f"person:{' '.join(tokens) or fold(name)}#{local}", where, "single", shared=False)


def _organisation(name: str, where: str | None, aliases: list[str]) -> Identity:
    for form in (name, *aliases):
        entry = orgs.lookup(form)
        if entry is not None:
            return Identity("org:" + fold(entry.name), where or country_of(entry.country, entry.actor_code), "lexicon")
    # an acronym the article wrote, and that fits the full name if it gave one: two organisations
    # with the same initials ("Nova Southeastern University", "No State of the Union") stay apart
    written = [a for a in (name, *aliases) if len(a.split()) == 1 and acronym(a)]
    spelled = {acronym(a) for a in (name, *aliases) if len(a.split()) > 1} - {None}
    for form in written:
        short = acronym(form)
        if short and (not spelled or short in spelled):
            return Identity("org:" + short, where, "acronym")
    return Identity("org:" + fold(countries.normalize(name)), where, "name")


def _place_or_people(name: str, type_: str, where: str | None) -> Identity:
    ref = countries.lookup(name)
    if ref is not None and ref.iso3 == where:
        if ref.how in ("name", "alias") and type_ != "NORP":
            return Identity(f"country:{ref.iso3}", where, "code")
        if ref.how == "demonym":
            return Identity(f"people:{ref.iso3}", where, "code")
    if type_ == "NORP":
        return Identity("group:" + fold(name), where, "name")
    return Identity("place:" + fold(countries.normalize(name)), where, "name")
