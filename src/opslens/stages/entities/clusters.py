"""Entities from mentions: mentions of one thing merged ("Britain" = "the United Kingdom" by
country, "Truss" = "Liz Truss" by surname, "NATO" = "North Atlantic Treaty Organization" by
initials), each cluster's type by vote of its mentions, and the entity record: name, aliases,
roles, country, CAMEO-style actor code and, for organisations, a kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc

from opslens.contract import Entity, EntityType, OrgKind, Role, Span
from opslens.knowledge import countries, gazetteer, orgs
from opslens.nlp import token_strings
from opslens.stages.entities.denotation import org_country
from opslens.stages.entities.mentions import Mention, end_char

# an entity's country, organisation kind, actor code, and the rules that decided them
Attributes = tuple[str | None, str | None, str | None, list[str]]
ACRONYM_SKIP = {"of", "the", "and", "for", "to", "at", "&", "on", "in", "de"}


@dataclass
class Cluster:
    """The mentions of one thing, and the rules that merged them."""

    mentions: list[Mention] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def add(self, m: Mention, rule: str | None = None) -> None:
        self.mentions.append(m)
        for r in (m.rule, rule):
            if r and r not in self.rules:
                self.rules.append(r)


# -- merging mentions into entities ---------------------------------------------------
def _key(doc: Doc, m: Mention) -> tuple[str, str]:
    if m.org is not None:
        return ("org", m.org.name)
    if m.country is not None and m.type == "GPE" and m.country.how in ("name", "alias"):
        return ("country", m.country.iso3)
    if m.country is not None and m.type == "NORP" and m.country.how == "demonym":
        return ("demonym", m.country.iso3)
    return ("text", countries.normalize(m.text(doc)).casefold())


def cluster(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Mentions merged into clusters, one per thing: by their key, then surnames, then acronyms."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        key = _key(doc, m)
        if m.same_as is not None and key not in by_key:
            by_key[key] = by_key[_key(doc, m.same_as)]  # later "CPJ" mentions join too
        if key not in by_key:
            by_key[key] = Cluster()
            clusters.append(by_key[key])
        by_key[key].add(m)
    clusters = _merge_surnames(doc, clusters)
    clusters = _merge_acronyms(doc, clusters)
    return clusters


def _words(doc: Doc, c: Cluster) -> list[list[str]]:
    words = token_strings(doc, "ORTH")
    return [words[m.start : m.end] for m in c.mentions]


def _type(c: Cluster) -> str:
    if any(m.type == "PERSON" and m.roles for m in c.mentions):
        return "PERSON"
    counts: dict[str, int] = {}
    for m in _voters(c):
        counts[m.type] = counts.get(m.type, 0) + 1 + (m.type == "PERSON" and bool(m.roles))
    return max(counts, key=lambda k: (counts[k], -[x.type for x in c.mentions].index(k)))


def _voters(c: Cluster) -> list[Mention]:
    """The mentions whose NER type counts: a lone surname the NER took for an organisation
    ("Bridenstine said", beside "NASA administrator Jim Bridenstine") does not outvote a full
    name of proper nouns tagged as a person; the full names and the lone words tagged as a
    person do."""
    if not any(m.type == "PERSON" and m.proper and m.end - m.start > 1 for m in c.mentions):
        return c.mentions
    voters = [m for m in c.mentions if not (m.end - m.start == 1 and m.type == "ORG" and m.org is None)]
    return voters or c.mentions


def _name_like(doc: Doc, c: Cluster) -> bool:
    """People, and unlisted two- or three-word capitalised 'organisations' that are likely
    people the NER mislabelled ("John Smith" as ORG): both can own a surname."""
    if _type(c) == "PERSON":
        return True
    m = c.mentions[0]
    words = [t for t in doc[m.start : m.end]]
    return (
        _type(c) == "ORG"
        and m.org is None
        and 2 <= len(words) <= 3
        and all(w.text[:1].isupper() and w.is_alpha for w in words)
        and orgs.classify([w.text for w in words]) is None
    )


def _merge_surnames(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """A one-word mention joins the one full name in the article that ends with it ('Truss' →
    'Liz Truss'); failing that, the one that starts with it ('Liz' → 'Liz Truss')."""
    last: dict[str, list[Cluster]] = {}
    first: dict[str, list[Cluster]] = {}
    for c in clusters:
        if not _name_like(doc, c):
            continue
        for words in _words(doc, c):
            if len(words) > 1:
                for index, word in ((last, words[-1]), (first, words[0])):
                    if c not in index.setdefault(word, []):
                        index[word].append(c)
    out = []
    for c in clusters:
        forms = _words(doc, c)
        single = all(len(w) == 1 for w in forms) and c.mentions[0].org is None and c.mentions[0].country is None
        target, rule = None, None
        if single and _type(c) in ("PERSON", "ORG", "OTHER"):
            for index, merge in ((last, "merge:surname"), (first, "merge:first-name")):
                found = [x for x in index.get(forms[0][0], []) if x is not c]
                if found:
                    target, rule = (found[0] if len(found) == 1 else None), merge
                    break
        elif single and _type(c) in ("GPE", "LOC", "FAC") and not gazetteer.known(forms[0][0]):
            # "Pochettino" tagged LOC beside "Mauricio Pochettino": a surname no gazetteer knows
            found = [x for x in last.get(forms[0][0], []) if x is not c and _type(x) == "PERSON"]
            target, rule = (found[0], "merge:surname") if len(found) == 1 else (None, None)
            for m in c.mentions if target is not None else ():
                m.type, m.rule = "PERSON", m.rule + " retyped:surname"
        if target is not None:
            for m in c.mentions:
                target.add(m, rule)
        else:
            out.append(c)
    for c in out:
        c.mentions.sort(key=lambda m: m.start)
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isalpha()).upper()


def _merge_acronyms(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """'UNHCR'-style acronyms join the one organisation whose initials they spell."""
    long_forms: dict[str, list[Cluster]] = {}
    for c in clusters:
        if _type(c) == "ORG":
            for words in _words(doc, c):
                if len(words) > 1:
                    long_forms.setdefault(_initials(words), [])
                    if c not in long_forms[_initials(words)]:
                        long_forms[_initials(words)].append(c)
    out = []
    for c in clusters:
        text = c.mentions[0].text(doc)
        targets = long_forms.get(text, []) if text.isupper() and 2 <= len(text) <= 8 and _type(c) == "ORG" else []
        if len(targets) == 1 and targets[0] is not c and all(m.text(doc) == text for m in c.mentions):
            for m in c.mentions:
                targets[0].add(m, "merge:acronym")
            targets[0].mentions.sort(key=lambda m: m.start)
        else:
            out.append(c)
    return out


# -- the entity record ----------------------------------------------------------------
def entity_record(doc: Doc, eid: str, c: Cluster) -> Entity:
    """The entity a cluster of mentions names."""
    etype = _type(c)
    mentions = [Span(start=doc[m.start].idx, end=end_char(doc, m), text=m.text(doc)) for m in c.mentions]
    forms = list(dict.fromkeys(sp.text for sp in mentions))
    org = next((m.org for m in c.mentions if m.org), None)
    ref = next((m.country for m in c.mentions if m.country), None)
    roles = _distinct_roles(r for m in c.mentions for r in m.roles)
    name = _name(etype, forms, org, ref)
    country, kind, code, rules = _attributes(doc, etype, c, org, ref, roles)
    return Entity(
        id=eid,
        name=name,
        type=cast(EntityType, etype),
        aliases=list(dict.fromkeys([name, *forms])),
        roles=roles,
        country=country,
        actor_code=code,
        kind=cast("OrgKind | None", kind),
        mentions=mentions,
        sources=c.rules + rules,
    )


def _name(etype: str, forms: list[str], org: orgs.OrgEntry | None, ref: countries.CountryRef | None) -> str:
    if org is not None:
        return org.name
    if ref is not None and etype == "GPE" and ref.how in ("name", "alias"):
        return ref.name
    return max(forms, key=lambda f: (len(f.split()), -forms.index(f)))


def _distinct_roles(roles: Iterable[Role]) -> list[Role]:
    """One role per office: the same title without a country adds nothing to it with one."""
    roles = list(roles)
    placed = {(r.title.casefold(), r.former) for r in roles if r.country}
    seen, out = set(), []
    for r in roles:
        key = (r.title.casefold(), r.country, r.sector, r.former)
        if key not in seen and (r.country or (r.title.casefold(), r.former) not in placed):
            seen.add(key)
            out.append(r)
    return out


def _attributes(
    doc: Doc, etype: str, c: Cluster, org: orgs.OrgEntry | None, ref: countries.CountryRef | None, roles: list[Role]
) -> Attributes:
    """country, org kind, actor code, and the rules that decided them."""
    if org is not None:
        code = org.actor_code or (_code(org.country, org.sector) if org.country else None)
        return org.country, org.kind, code, []
    if etype == "PERSON":
        return _person_attributes(roles)
    if ref is not None:
        code = ref.iso3 + ("GOV" if ref.how == "metonym" else "")
        return ref.iso3, ("government_body" if etype == "ORG" else None), code, [f"country:{ref.how}"]
    if etype == "ORG":
        # per mention: words of two mentions must not join into one phrase ("… Air" + "Force …")
        kind = next((k for k in (orgs.classify(t.text for t in doc[m.start : m.end]) for m in c.mentions) if k), None)
        country = next((x for x in (org_country(doc, m) for m in c.mentions) if x), None)
        iso3 = country[0] if country else None
        rules = ([f"org-kind:org_kinds.tsv#{kind[0]}"] if kind else []) + ([country[1]] if country else [])
        return iso3, kind[0] if kind else None, _code(iso3, kind[1] if kind else None), rules
    return None, None, None, []


def _person_attributes(roles: list[Role]) -> Attributes:
    current = [r for r in roles if not r.former]
    with_country = [r for r in current + roles if r.country]
    country = with_country[0].country if with_country else None
    sectors = [r for r in current if r.sector and (r.country == country or r.country is None)]
    code = _code(country, sectors[0].sector if sectors else None)
    if code is None and sectors and sectors[0].sector == "IGO":
        code = _igo_code(sectors[0].organization)
    if code is None:  # "UN envoy X", "Red Cross spokesman X": the code of the body the office is of
        code = next((c for r in current if r.organization and (c := _igo_code(r.organization))), None)
    return country, None, code, []


def _igo_code(name: str | None) -> str | None:
    entry = orgs.lookup(name) if name else None
    return entry.actor_code if entry else None


def _code(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    return country + (sector or "")
