"""Who a source is: a link of an attribution's chain (name, entity, kind, country, anonymity).

Kinds: named_official, anonymous_official, state_media, wire_agency, news_outlet, document, other.
Media kinds come from the entity (organizations.tsv); the rest from the words of the source as
written (`lexicons/source_words.tsv`), never from names in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span as SpacySpan

from opslens.contract import ChainLink, Entity
from opslens.knowledge import countries, orgs, read_tsv
from opslens.knowledge.titles import titles

MEDIA = {"state_media", "wire_agency", "news_outlet"}
OFFICIAL_ORGS = {"government_body", "military", "igo"}
OFFICIAL_SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "SPY",
    "IGO",
    "PTY",
    "OPP",
}  # titles.tsv's sectors of public office and politics
INDEFINITE = {"a", "an", "one", "another", "some", "any"}


@dataclass(frozen=True)
class Words:
    anonymous: tuple[re.Pattern, ...]
    state: tuple[re.Pattern, ...]  # an outlet a state runs: "state television"
    roles: dict[str, str]  # head word → official | person | document | outlet
    any_anonymous: re.Pattern  # the anonymous phrases as one pattern: one search finds any


@cache
def words() -> Words:
    patterns: dict[str, list[re.Pattern]] = {"anonymous": [], "state": []}
    roles = {}
    for row in read_tsv("source_words.tsv"):
        phrase = row["phrase"].lower()
        if row["role"] in patterns:
            pattern = r"\b" + r"\b.*\b".join(re.escape(p.strip()) for p in phrase.split("…")) + r"\b"
            patterns[row["role"]].append(re.compile(pattern, re.I))
        else:
            roles[phrase] = row["role"]
    anonymous = tuple(patterns["anonymous"])
    return Words(
        anonymous,
        tuple(patterns["state"]),
        roles,
        re.compile("|".join(f"(?:{p.pattern})" for p in anonymous) or r"(?!)", re.I),
    )


def head_role(span: SpacySpan) -> str | None:
    """official | person | document | outlet, from the source's head noun, or from the head with
    the word before it ("news agency" is an outlet; a bare "agency" is a government's)."""
    root = span.root
    if root.i > span.start and (role := words().roles.get(f"{span.doc[root.i - 1].lower_} {root.lower_}")):
        return role
    return words().roles.get(root.lower_)


def is_anonymous(span: SpacySpan, entity: Entity | None) -> bool:
    """Anonymous when the words say so, or when an official/person stands unnamed ("officials
    said", "a source said"); a named person or organisation is never anonymous."""
    if entity is not None and entity.type in ("PERSON", "ORG"):
        return False
    if words().any_anonymous.search(span.text):
        return True
    # an official or person the text does not name, even "the spokesman" with nobody named before
    return head_role(span) in ("official", "person") or office(span) == "unnamed"


def office(span: SpacySpan) -> str | None:
    """ "named" when the source is the one holder of an office the words name ("the prime
    minister", "Kenya's foreign minister", "the mayor of Lyon": identified, if not by name);
    "unnamed" for one or several of many ("a minister", "two senators"); None for no office, for
    a president or governor that is not a government's ("the Harvard president": titles.tsv's
    GOV!), and for posts that many hold alike (spokesman, official, aide: titles.tsv heads with no
    sector of their own, which source_words.tsv reads), and for titles outside public office
    (titles.tsv's civilian, media, business … sectors: "protesters", "a reporter")."""
    root = span.root
    if root.pos_ != "NOUN":
        return None
    words = [t.lower_ for t in span.doc[span.start : root.i]] + [
        root.lemma_.lower()
    ]  # "senators" is the title "senator"
    hit = titles().longest(titles().heads, words, len(words))
    if hit is None or hit[1].code not in OFFICIAL_SECTORS:  # a protester, reporter or bishop holds no office of state
        return None
    if hit[1].governmental and any(
        t.dep_ in ("compound", "poss", "nmod") and not countries.lookup(t.text) for t in span.doc[span.start : root.i]
    ):
        return None
    several = root.tag_ == "NNS" or any(c.dep_ == "nummod" for c in root.children)
    indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in root.children)
    return "unnamed" if indefinite or several else "named"


def kind(span: SpacySpan, entity: Entity | None, anonymous: bool) -> str:
    if entity is not None:
        if entity.kind in MEDIA:
            return entity.kind
        if (
            entity.type == "PERSON"
        ):  # an office the roles give, or the source's words ("the ministry's spokesman, Rui Lopes")
            official = (
                any(r.sector in OFFICIAL_SECTORS for r in entity.roles)
                or head_role(span) == "official"
                or office(span) is not None
            )
            return "named_official" if official else "other"
        if entity.kind in OFFICIAL_ORGS or entity.type == "GPE":
            return "named_official"  # "Moscow denied …", "Poland said …": the government speaking
    role = head_role(span)
    held = office(span)
    if anonymous:  # "people familiar with the matter": insiders the words mark as unnamed; "residents": other
        marked = role == "person" and bool(words().any_anonymous.search(span.text))
        return "anonymous_official" if role == "official" or held is not None or marked else "other"
    if held == "named":
        return "named_official"
    if role == "document":
        return "document"
    if role == "outlet":
        return "state_media" if any(p.search(span.text) for p in words().state) else "news_outlet"
    org = orgs.classify(tuple(t.text for t in span))  # "the ministry", "the army"
    if org is not None and org[0] in OFFICIAL_ORGS:
        return "named_official"
    return "other"


def country(span: SpacySpan, entity: Entity | None, entities_in_span: list[Entity]) -> str | None:
    """The entity's country, else a country named inside the source ("a senior U.K. defence
    source", "Russian officials"), else that of a government body named in it."""
    if entity is not None and entity.country:
        return entity.country
    for e in entities_in_span:
        if e.type in ("GPE", "NORP") and e.country:
            return e.country
    for e in entities_in_span:  # "a spokesman for the Kremlin": the country of the body they speak for
        if e.type == "ORG" and e.country and e.kind in OFFICIAL_ORGS:
            return e.country
    for tok in span:
        if tok.is_title or tok.is_upper:
            ref = countries.lookup(tok.text)
            if ref and (
                ref.how in countries.NAMING or (ref.how in ("capital", "metonym") and tok.head.lower_ in ("in", "from"))
            ):
                return ref.iso3  # "Russian officials", "officials in Kyiv"
    return None


def link(span: SpacySpan, entity: Entity | None, entities_in_span: list[Entity], anonymous: bool) -> ChainLink:
    return ChainLink(
        name=span.text,
        entity=entity.id if entity else None,
        kind=kind(span, entity, anonymous),
        country=country(span, entity, entities_in_span),
    )
