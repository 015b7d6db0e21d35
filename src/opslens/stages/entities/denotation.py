"""What a name denotes, read from all its mentions in the article, not from the NER's one guess:
a name of the organisation lexicon is that organisation, a country's name or demonym is that
country (`lexicons/countries.tsv`), a name ending in a company word ("Corp") is a company, a
country the NER took for a person is the country, a one-word "person" standing where places
stand is a place (or, after "the", a thing). Each retyping adds its rule to the mention. Also the
facts a title needs about the organisations and places named (`orgs_by_end`,
`gazetteer_countries`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.knowledge import countries, gazetteer, orgs
from opslens.knowledge.titles import titles
from opslens.nlp.deps import PLACE_OF_A_NAME, SUBJECTS
from opslens.stages.entities.mentions import Mention
from opslens.stages.entities.roles import OrgInfo


def attach_lexicons(doc: Doc, m: Mention) -> None:
    text = m.text(doc)
    if m.org is None and m.type in ("ORG", "FAC", "NORP", "OTHER"):
        entry = orgs.lookup(text)
        if entry is not None:
            m.org, m.type = entry, "ORG"
            m.rule += f" lexicon:organizations.tsv#{entry.name}"
    if m.org is None and m.type in ("GPE", "NORP", "LOC", "ORG", "FAC", "PERSON"):
        ref = countries.lookup(text)
        if ref is not None and m.type in ("ORG", "PERSON") and ref.how == "demonym":
            m.type, m.country = "NORP", ref  # "Ugandan" cut from "Ugandan rebels"
            return
        if m.type == "PERSON":
            return  # a person named like a country is settled with the whole article in view
        # An ORG that is exactly a country's name is the country acting ("Armenia opened the
        # bridge"); an ORG named like a capital is not ("Moscow Dynamo" would not get here whole).
        if ref is not None and (m.type != "ORG" or ref.how in ("name", "alias", "metonym")):
            m.country = ref
            if ref.how in ("name", "alias"):
                m.type = "GPE"


def company_by_its_name(doc: Doc, m: Mention) -> None:
    """'Globex Corp' tagged PERSON, 'Acme Inc.' tagged GPE: a name that ends in a company word
    of `org_kinds.tsv` ("Corp", "Inc", "Ltd", "Holdings") is a company, whatever the NER said."""
    if m.type in ("PERSON", "GPE", "LOC", "FAC") and m.org is None and m.country is None and m.end - m.start > 1:
        if m.type != "PERSON" and gazetteer.known(m.text(doc)):
            return  # "West Bank" is a place
        kind = orgs.classify([doc[m.end - 1].text])
        if kind is not None and kind[0] == "company":
            m.type, m.rule = "ORG", m.rule + " retyped:company-word"


def countries_taken_for_people(doc: Doc, mentions: list[Mention]) -> None:
    """'Sri Lanka' or 'Benin' tagged PERSON is the country, unless the article has a person
    whose longer name holds that word ('Jordan' beside 'Michael Jordan')."""
    for m in mentions:
        if m.type != "PERSON" or m.org is not None:
            continue
        ref = countries.lookup(m.text(doc))
        # words of the other people's longer names ("Sri Lanka" is not a longer name of itself)
        names = (
            {
                tok.lower_
                for o in mentions
                if o.type == "PERSON" and o.end - o.start > 1 and o.text(doc).lower() != m.text(doc).lower()
                for tok in doc[o.start : o.end]
            }
            if ref
            else set()
        )
        if (
            ref
            and ref.how in ("name", "alias")
            and not ({t.lower_ for t in doc[m.start : m.end]} & names - {m.text(doc).lower()})
            and (m.end - m.start > 1 or m.text(doc).lower() not in names)
        ):
            m.type, m.country, m.rule = "GPE", ref, m.rule + " retyped:country-name"


ARABIC_ARTICLE = {"al", "el"}  # "al-Tanf", "el-Arish": place names; "al-Assad" is a name too, so never alone


def places_taken_for_people(doc: Doc, mentions: list[Mention]) -> None:
    """One-word 'people' the NER made of places or things, decided over all mentions of the
    name in the article: a name never used as a person (no title, never a subject, no word of a
    longer name) that somewhere stands where a place stands ("in al-Tanf", "in Barry, Berrien
    and Cass counties", "Pizza Express in Woking") is a place; one that takes 'the' ("also
    known as the Berm") is a thing, not a person."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "PERSON" and m.org is None and m.country is None and _one_word(doc, m):
            groups.setdefault(m.text(doc).casefold(), []).append(m)
    longer = {
        tok.lower_ for o in mentions if o.type == "PERSON" and o.end - o.start > 1 for tok in doc[o.start : o.end]
    }
    for name, group in groups.items():
        if name in longer or any(_used_as_person(doc, m) for m in group):
            continue
        placed = any(_where_a_place_stands(doc, m) for m in group)
        if placed or any(_definite_thing(doc, m) for m in group):
            known = gazetteer.known(group[0].text(doc))
            for m in group + (_with_article(doc, mentions, name) if placed else []):
                m.type = "GPE" if placed and known else "LOC" if placed else "OTHER"
                m.rule += " retyped:place-evidence" if placed else " retyped:definite-thing"


def _with_article(doc: Doc, mentions: list[Mention], name: str) -> list[Mention]:
    """'al-Tanf' tagged ORG elsewhere, once 'Tanf' is known to be a place: the same place,
    named without its article so that the mentions merge."""
    found = []
    for m in mentions:
        words = [t.lower_ for t in doc[m.start : m.end]]
        if m.org is None and len(words) == 3 and words[0] in ARABIC_ARTICLE and words[1] == "-" and words[2] == name:
            m.start = m.end - 1
            found.append(m)
    return found


def _one_word(doc: Doc, m: Mention) -> bool:
    """'Tanf', or 'al-Kasra' with its Arabic article."""
    words = [t.lower_ for t in doc[m.start : m.end]]
    return len(words) == 1 or (len(words) == 3 and words[0] in ARABIC_ARTICLE and words[1] == "-")


def _used_as_person(doc: Doc, m: Mention) -> bool:
    tok = doc[m.end - 1]
    return bool(m.roles) or tok.dep_ in SUBJECTS or (m.start > 0 and doc[m.start - 1].lower_ in titles().honorifics)


def _where_a_place_stands(doc: Doc, m: Mention) -> bool:
    """The name is the object of a place preposition, alone or in a list ("in Barry, Berrien
    and Cass counties"), and is known to the gazetteer, carries an Arabic article ("al-Tanf"),
    or is listed beside names the NER or the gazetteer takes for places."""
    tok = doc[m.end - 1]
    node = tok
    while node.dep_ in ("conj", "nmod") and node.head.i != node.i:
        node = node.head
    if not (node.dep_ == "pobj" and node.head.lower_ in PLACE_OF_A_NAME):
        return False
    prefix = {c.lower_ for c in tok.children if c.dep_ == "compound"}
    listed = [
        t for t in node.subtree if t.i != tok.i and t.pos_ == "PROPN" and (t.i == node.i or t.dep_ in ("conj", "nmod"))
    ]
    beside = any(t.ent_type_ in ("GPE", "LOC") or gazetteer.known(t.text) for t in listed)
    return gazetteer.known(tok.text) or bool(prefix & ARABIC_ARTICLE) or beside


def _definite_thing(doc: Doc, m: Mention) -> bool:
    """'the Berm', 'the Gateway': a one-word name after 'the' heading its phrase is a thing or a
    place; people's names take no article (but 'the Smiths' are a family, 'the Trump
    administration' is the administration's)."""
    tok = doc[m.start]
    return (
        m.end - m.start == 1
        and m.start > 0
        and doc[m.start - 1].lower_ == "the"
        and tok.dep_ not in ("compound", "amod", "nmod", "poss")
        and not tok.text.endswith("s")
    )


def gazetteer_countries(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Countries of the towns and states the article names, where the gazetteer knows the name
    in one country only ("New York", "Ohio"): evidence for a title's country convention."""
    found: set[str] = set()
    for m in mentions:
        if m.type == "GPE" and m.country is None:
            where = {c.country for c in gazetteer.lookup(m.text(doc)) if not c.abbrev}
            if len(where) == 1 and None not in where:
                found |= {c for c in where if c is not None}  # (all of them: None is not among them)
    return found


def org_country(doc: Doc, m: Mention) -> tuple[str, str] | None:
    """Country of an unlisted organisation: a country word inside it or just before it
    ("Russian Defence Ministry", "Russia's Foreign Ministry")."""
    for n in (3, 2, 1):  # the name starts with the country: "U.S. Senate", "Russian Defence Ministry"
        ref = countries.lookup(doc[m.start : m.start + n].text) if m.start + n < m.end else None
        if ref and ref.how in countries.NAMING:
            return ref.iso3, "country:in-name"
    j = m.start - (1 + (m.start >= 2 and doc[m.start - 1].text in ("'s", "\u2019s")))
    found = countries.ending_at(doc, j + 1) if j >= 0 else None
    return (found[1].iso3, "country:premodifier") if found else None


def orgs_by_end(doc: Doc, mentions: list[Mention]) -> dict[int, tuple[int, OrgInfo]]:
    out = {}
    for m in mentions:
        if m.type != "ORG":
            continue
        if m.org:
            info = OrgInfo(m.org.name, m.org.country, m.org.sector, m.org.actor_code)
        else:
            kind = orgs.classify([t.text for t in doc[m.start : m.end]])
            country = org_country(doc, m)
            info = OrgInfo(m.text(doc), country[0] if country else None, kind[1] if kind else None, None)
        out[m.end] = (m.start, info)
    return out
