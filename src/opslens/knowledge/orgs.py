"""Organisations: the named ones of `lexicons/organizations.tsv`, and the kind of unlisted
ones from the words they are made of (`lexicons/org_kinds.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from opslens.knowledge import read_tsv, split_list
from opslens.knowledge.countries import normalize

# CAMEO sector an organisation kind implies, when the lexicon gives no actor code.
KIND_SECTOR = {
    "state_media": "MED",
    "wire_agency": "MED",
    "news_outlet": "MED",
    "government_body": "GOV",
    "military": "MIL",
    "igo": "IGO",
    "ngo": "NGO",
    "company": "BUS",
    "party": "PTY",
}


@dataclass(frozen=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    actor_code: str | None

    @property
    def sector(self) -> str | None:
        if self.actor_code and self.country and self.actor_code.startswith(self.country):
            return self.actor_code[3:6] or None
        return KIND_SECTOR.get(self.kind)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@cache
def entries() -> tuple[OrgEntry, ...]:
    return tuple(
        OrgEntry(
            name=row["name"],
            aliases=tuple(split_list(row["aliases"])),
            kind=row["kind"],
            country=row["country"] or None,
            actor_code=row["actor_code"] or None,
        )
        for row in read_tsv("organizations.tsv")
    )


@cache
def _by_form() -> dict[str, OrgEntry]:
    index: dict[str, OrgEntry] = {}
    for entry in entries():
        for form in entry.forms:
            index.setdefault(normalize(form), entry)
            index.setdefault(normalize(form).upper(), entry)
    return index


def lookup(text: str) -> OrgEntry | None:
    """The listed organisation a surface form names (as written, or in capitals), or None."""
    return _by_form().get(normalize(text))


def distinctive(form: str) -> bool:
    """May this form be trusted where the NER saw no entity? Acronyms and multi-word names yes;
    a single capitalised word ("Fox", "Guardian") only with the NER's agreement."""
    words = form.split()
    return len(words) > 1 or sum(c.isupper() for c in form) >= 2


@cache
def _kind_words() -> tuple[tuple[tuple[str, ...], str, str | None], ...]:
    rows = []
    for row in read_tsv("org_kinds.tsv"):
        rows.append((tuple(row["word"].lower().split()), row["kind"], row["sector"] or None))
    return tuple(rows)


def classify(words) -> tuple[str, str | None] | None:
    """Kind and sector of an unlisted organisation from its words, or None when nothing says."""
    return _classify(tuple(w.lower() for w in words))


@lru_cache(maxsize=20_000)
def _classify(lower: tuple[str, ...]) -> tuple[str, str | None] | None:
    # Cached: the same name is classified for the role reader, the consumed-words check and the
    # entity; bounded, as every new name is a new key.
    for phrase, kind, sector in _kind_words():
        n = len(phrase)
        if any(lower[i : i + n] == phrase for i in range(len(lower) - n + 1)):
            return kind, sector
    return None
