"""Countries from context: an organisation, group or place that neither the text nor the Phoenix
dictionaries give a country ("the Popular Renewal Movement", "the Citizens Action Front", "the
Upper Gambela Zone"), named only in sentences about one country, is that country's; so is an
office-holder or an opposition leader whose country is not written ("President Keita" in a sentence
about Mali). An ethnic group ("ethnic Hungarians") is coded where it lives, as the events stage
codes it: the one country of its sentences, else none (not the country its name recalls).

A sentence is about the countries its other entities have (not a news outlet's: "told AFP") and the
country words it holds; for a person, not a city nor what the person acts on ("Ambassador X left
Kabul", "Prime Minister X visited Norway"): people travel. Bodies above states (kind "igo"),
regions ("European"), and people with no office are not placed so. The rule is kept in the
entity's `sources` ("context:sentence-country"); the events stage still reads a person's country
so found as inferred (`ActorCoder.inferred`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.contract import Entity
from opslens.knowledge import countries, gazetteer, phoenix
from opslens.knowledge.event_codes import actor_nouns
from opslens.knowledge.sectors import HOME_SECTORS, STATE_SECTORS
from opslens.nlp import char_tokens, sentence_at, span_chars, token_offsets, token_strings

PLACED_TYPES = ("ORG", "NORP", "LOC", "FAC", "PERSON")
RULE = "context:sentence-country"
OWNED = "context:owner-before"
WRITTEN = "context:country-before"
RESIDENT = "context:people-of-country"
LED = "context:leader-government"
GOVERNMENTS = {"administration", "government", "cabinet", "regime"}  # "the Obama administration"
MEDIA = ("wire_agency", "news_outlet", "state_media")  # who reports, not what the news is about


def placed(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """The entities, those without a country placed in the one country of their sentences."""
    return [_placed(doc, e, entities) for e in entities]


def _placed(doc: Doc, entity: Entity, entities: list[Entity]) -> Entity:
    if (led := _leaders_government(doc, entity)) is not None:
        return entity.model_copy(update={"country": led, "actor_code": led + "GOV", "sources": [*entity.sources, LED]})
    if (home := _resident(doc, entity)) is not None:
        return entity.model_copy(update={"country": home, "actor_code": home, "sources": [*entity.sources, RESIDENT]})
    if _ethnic(doc, entity) or _people(doc, entity):
        found = _countries_around(doc, entity, entities)
        country = next(iter(found)) if len(found) == 1 else None
        rules = [*entity.sources, RULE] if country else entity.sources
        return entity.model_copy(update={"country": country, "actor_code": country, "sources": rules})
    if entity.country or entity.actor_code or entity.type not in PLACED_TYPES or entity.kind == "igo":
        return entity
    if entity.type != "PERSON" and _regional(entity.name):
        return entity  # "European partners", "the Mediterranean": a region's, of no one country
    if entity.type != "PERSON" and _common_noun(doc, entity):
        return entity  # "Guerrillas operating in X": a group noun the NER took for a name
    owner = _owner(doc, entity, entities) if entity.type == "ORG" else None
    if owner is not None:  # "the United Nations Emergency Relief Coordinator": the UN's office
        code = owner.actor_code if owner.type == "ORG" else owner.country
        update = {"country": owner.country, "actor_code": code, "sources": [*entity.sources, OWNED]}
        return entity.model_copy(update=update)
    sector = None
    if entity.type == "PERSON" and not entity.roles and (written := _country_before(doc, entity)) is not None:
        update = {"country": written, "actor_code": written, "sources": [*entity.sources, WRITTEN]}
        return entity.model_copy(update=update)
    if entity.type == "PERSON":
        offices = [r for r in entity.roles if not r.former and r.sector in STATE_SECTORS | HOME_SECTORS]
        if not offices or any(r.country for r in entity.roles):
            return entity  # no state office, or one of a country the text names for it
        sector = offices[0].sector
    found = _countries_around(doc, entity, entities)
    if len(found) != 1:
        return entity
    country = next(iter(found))
    if entity.type == "NORP" and (nations := countries.demonym_of(entity.name)) and country not in nations:
        return entity  # "Koreans" (South or North) are not the Japanese of their sentence
    return entity.model_copy(
        update={"country": country, "actor_code": country + (sector or ""), "sources": [*entity.sources, RULE]}
    )


def _countries_around(doc: Doc, entity: Entity, entities: list[Entity]) -> set[str]:
    """The countries named in the sentences of an entity's mentions: other entities' countries and
    country words ("the Ghana Cocoa Board")."""
    found_at = [char_tokens(doc, m.start, m.end) for m in entity.mentions]  # token ranges: no Span
    sents = list({sentence_at(doc, at[0]) for at in found_at if at is not None})
    spans = [span_chars(doc, a, b) for a, b in sents]
    # people travel: "President X visited Norway" says nothing of X's country, nor does a city
    # ("Ambassador X left Kabul"); for a person only the countries named otherwise count
    person = entity.type == "PERSON"
    aside = _acted_on(doc, entity) if person else set()
    found = {
        other.country
        for other in entities
        if other.id != entity.id and other.country and other.kind not in MEDIA  # "told AFP": no place
        for m in other.mentions
        if any(lo <= m.start < hi for lo, hi in spans)
        and m.start not in aside
        and not (person and other.type in ("GPE", "LOC", "FAC") and not _names_country(m.text))
    }
    own = [(m.start, m.end) for m in entity.mentions]
    starts, pos, text = token_offsets(doc), token_strings(doc, "POS"), token_strings(doc, "ORTH")
    for first, last in sents:
        for i in range(first, last):  # the document's arrays: no Token per word
            if pos[i] not in ("PROPN", "ADJ") or not text[i][:1].isupper():
                continue
            if any(lo <= starts[i] < hi for lo, hi in own) or starts[i] in aside:
                continue  # "ethnic Hungarians" names no country of its sentence
            ref = countries.lookup(text[i])
            if ref is not None and ref.how in countries.NAMING:
                found.add(ref.iso3)
    return {c for c in found if c and countries.country_name(c)}


def _ethnic(doc: Doc, entity: Entity) -> bool:
    """ "ethnic Hungarians", "ethnic Uzbeks": a people, coded where it lives, not the country its name
    recalls (as the events stage codes it); every mention must say so."""
    if entity.type != "NORP" or not entity.mentions:
        return False
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not (
            span[0].lower_ == "ethnic" or (span.start > 0 and doc[span.start - 1].lower_ == "ethnic")
        ):
            return False
    return True


def _resident(doc: Doc, entity: Entity) -> str | None:
    """ "Macedonian Albanians", "Iraqi Kurds": a people that every mention says is of
    another country (a country word right before it, outside the NER's span) is coded where it
    lives, the country word's, as the events stage codes the phrase; a pronoun that stands for it
    ("their forces") then takes that code too."""
    if entity.type != "NORP" or not entity.country or not entity.mentions:
        return None
    found = set()
    for m in entity.mentions:
        at = char_tokens(doc, m.start, m.end)
        if at is None or at[0] == 0:
            return None
        before = doc[at[0] - 1]
        if before.head.i not in range(*at) or not before.text[:1].isupper():
            return None
        ref = countries.lookup(before.text)
        if ref is None or ref.how not in countries.NAMING or ref.iso3 == entity.country:
            return None
        found.add(ref.iso3)
    return found.pop() if len(found) == 1 else None


def _people(doc: Doc, entity: Entity) -> bool:
    """ "the main Hutu rebel group", "the Hutu majority": a one-word name the NER took for a
    person's, with no office and no country, that only ever stands before a common noun, once at
    least a group noun (`lexicons/event_actor_nouns.tsv`), names a people, placed as an ethnic group is."""
    if entity.type != "PERSON" or entity.roles or entity.country or entity.actor_code or " " in entity.name:
        return False
    if phoenix.holders(entity.name):
        return False  # a dictionary person's surname ("the Bush administration"), not a people
    nouns, group = actor_nouns(), False
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        after = doc[span.end] if span is not None and span.end < len(doc) else None
        if span is None or after is None or after.pos_ != "NOUN":  # (the parse may not hang the name on it)
            return False
        group = group or after.lemma_.lower() in nouns or span.root.head.lemma_.lower() in nouns
    return group


def _leaders_government(doc: Doc, entity: Entity) -> str | None:
    """ "The Obama administration", "the Putin government": a surname that every mention puts
    before a government noun names the government of the country whose head the dictionary
    lists under it (the office-holders of that surname, one country only)."""
    if entity.type != "PERSON" or entity.country or entity.actor_code or " " in entity.name or not entity.mentions:
        return None
    lemma = token_strings(doc, "LEMMA")
    for m in entity.mentions:
        at = char_tokens(doc, m.start, m.end)
        if at is None or at[1] >= len(doc) or lemma[at[1]].lower() not in GOVERNMENTS:
            return None
    heads = {
        r.code[:3]
        for actor, _extra in phoenix.holders(entity.name)
        for r in actor.restrictions
        if r.code and len(r.code) == 6 and r.code.endswith("GOV")
    }
    return heads.pop() if len(heads) == 1 else None


def _country_before(doc: Doc, entity: Entity) -> str | None:
    """ "Peru's Juan Perez", "Peruvian Juan Perez": a country word right before a person's name
    with no title (a title with its country is a role's)."""
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        end = span.start - 1 if doc[span.start - 1].lower_ in ("'s", "’s") else span.start
        word = doc[end - 1] if end > 0 else None
        if word is None or word.dep_ not in ("poss", "amod", "compound", "nmod") or word.head not in span:
            continue  # "In Peru Juan Perez won": no owner
        for n in (3, 2, 1):  # (the NER may have drawn "Peruvian" into the name: no whole-name test)
            ref = countries.lookup(doc[max(0, end - n) : end].text)
            if ref is not None and ref.how in countries.NAMING and not (end > n and doc[end - n - 1].pos_ == "ADP"):
                return ref.iso3
    return None


def _regional(name: str) -> bool:
    """Does the gazetteer know the name (or its singular) as a region of no one country
    ("European", "West Africans")?"""
    forms = {name, name[:-1] if name.endswith("s") else name}
    return any(c.country is None and c.feature == "region" for f in forms for c in gazetteer.lookup(f))


def _common_noun(doc: Doc, entity: Entity) -> bool:
    """Is a mention only common nouns ("Guerrillas" at the start of a sentence)?"""
    pos = token_strings(doc, "POS")
    for m in entity.mentions:
        at = char_tokens(doc, m.start, m.end)
        if at is not None and all(p == "NOUN" for p in pos[at[0] : at[1]]):
            return True
    return False


def _acted_on(doc: Doc, entity: Entity) -> set[int]:
    """Where the words an entity acts on start: the objects of the verbs it is the subject of
    ("visited Moscow", "praised Norway")."""
    out: set[int] = set()
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = span.root.head
        verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]  # "met X and discussed Y"
        for c in (c for v in verbs for c in v.children):
            if c.dep_ in ("dobj", "dative", "attr"):  # the object's own words, not all it governs
                out |= {c.idx} | {t.idx for t in c.children if t.dep_ in ("compound", "amod", "poss", "nmod")}
    return out


def _names_country(text: str) -> bool:
    """ "Mali", "Malian" name a country; "Bamako" only a place in it."""
    ref = countries.lookup(text)
    return ref is not None and ref.how in countries.NAMING


def _owner(doc: Doc, entity: Entity, entities: list[Entity]) -> Entity | None:
    """A coded organisation or country named right before an organisation, in one phrase, is the
    one it belongs to ("the United Nations Emergency Relief Coordinator"), not its sentence's."""
    starts = {m.start for m in entity.mentions}
    for other in entities:
        if other.id == entity.id or not (other.actor_code or other.country) or other.type not in ("ORG", "GPE"):
            continue
        if any(m.end + 1 in starts and doc.text[m.end : m.end + 1] == " " for m in other.mentions):
            return other
    return None
