"""The countries an actor phrase or its sentence names, for `actor_codes.ActorCoder`.

A group's country written in its phrase ("Ghanaian authorities", a country word the NER missed),
where a group is ("rebels in the Ivory Coast", "guerrillas operating in X"), an office named by a
place ("the Texas governor") or by the titles lexicon's conventions ("the attorney general" in an
article about one country that has one), and for an office-holder with no country written, the one
country the sentence names (`sentence_countries`, less another state's office-holders').
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.contract import Analysis, Entity, Place
from opslens.knowledge import countries
from opslens.knowledge.sectors import STATE_SECTORS
from opslens.knowledge.titles import titles
from opslens.nlp.deps import GROUP_LOCATIVES
from opslens.nlp.mentions import Mentions
from opslens.stages.events.groups import modifiers, noun_sector, own_words

# "rebels operating in X", "a newspaper based in X": the participles that place a group
LOCATING_PARTICIPLES = {"base", "operate", "live", "active", "reside"}


class PhraseCountries:
    """The entities, places and countries of one document's phrases and sentences (looked up by
    the character a word starts at)."""

    def __init__(self, doc: Doc, analysis: Analysis):
        self.doc = doc
        self.analysis = analysis
        self.mentions = Mentions.of(doc, analysis)
        self._sentence_countries: dict[int, tuple[set[str], set[str]]] = {}

    def entity_at(self, tok: Token) -> Entity | None:
        return self.mentions.entity_at(tok)

    def place_at(self, tok: Token) -> Place | None:
        return self.mentions.place_at(tok)

    def _placed_office(self, head: Token) -> str | None:
        """ "the New York state attorney general", "the Texas governor": an office named by a
        place the gazetteer puts in a country."""
        for t in modifiers(head):
            place = self.place_at(t)
            if place is not None and place.country:
                return place.country
        return None

    def _convention_country(self, head: Token) -> str | None:
        """ "the attorney general" with no country written: the one country of the article that
        has such an office by the titles lexicon's conventions."""
        t = titles()
        words = [w.lower_ for w in head.doc[max(0, head.i - t.max_len + 1) : head.i + 1]]
        for n in range(len(words), 0, -1):
            held = t.conventions.get(tuple(words[-n:]))
            if held:
                named = {e.country for e in self.analysis.entities if e.country} | {
                    p.country for p in self.analysis.places if p.country
                }
                found = [c for c in held if c in named]
                return found[0] if len(found) == 1 else None
        return None

    def _inside(self, head: Token, ethnic: bool) -> tuple[Entity, Token] | None:
        """The first entity with a country among a phrase's own words, skipping ethnic demonyms."""
        for t in own_words(head):
            if t.i == head.i:
                continue
            e = self.entity_at(t)
            if e is None or not (e.actor_code or e.country):
                continue
            if ethnic and e.type == "NORP":
                continue
            if (
                t.dep_ == "pobj"
                and t.head.lower_ in GROUP_LOCATIVES
                and t.head.head.i == head.i
                and t.head.lower_ != "of"
            ):
                continue  # "rebels in X" is a location, handled with the sector
            return e, t
        return None

    def _country_word(self, head: Token) -> str | None:
        """A country written in the phrase that the NER did not mark: "Uzbekistan", "Ghanaian
        authorities"."""
        exact = self._country_word_exact(head)
        if exact:
            return exact
        for c in own_words(head):
            if c.i < head.i and c.dep_ in ("amod", "compound", "nmod", "poss"):
                ref = countries.lookup(c.text)
                if ref is not None and ref.how in countries.NAMING:
                    return ref.iso3
        return None

    def _word_in_mention(self, entity: Entity, tok: Token) -> str | None:
        """ "Radical French" (a NORP the NER drew too wide) is French."""
        mention = next((m for m in entity.mentions if m.start <= tok.idx < m.end), None)
        if mention is None:
            return None
        for word in mention.text.split():
            ref = countries.lookup(word)
            if ref is not None and ref.how in ("demonym",):
                return ref.iso3
        return None

    def _country_word_exact(self, head: Token) -> str | None:
        found = countries.ending_at(head.doc, head.i + 1) if head.pos_ == "PROPN" else None
        return found[1].iso3 if found else None

    def _located_in(self, head: Token) -> str | None:
        """ "rebels in the Ivory Coast", "Albanians of southern Serbia", "guerrillas operating in X",
        "a newspaper based in X": the country a group is in (state forces and officials stationed
        or based abroad are not placed by a participle)."""
        holders = [head]
        if noun_sector(head)[1] not in STATE_SECTORS:
            holders += [c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in LOCATING_PARTICIPLES]
        preps = [(p, holder) for holder in holders for p in holder.children]
        for prep, holder in preps:
            if prep.dep_ == "prep" and prep.lower_ in (
                GROUP_LOCATIVES if holder is head else {"in", "inside", "across"}
            ):
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    for t in own_words(obj):
                        place = self.place_at(t)
                        e = self.entity_at(t)
                        if e is not None and e.type == "GPE" and e.country:
                            return e.country
                        if place is not None and place.country and (e is None or e.type in ("GPE", "LOC", "FAC")):
                            return place.country
        return None

    def _context_code(self, person: Entity, tok: Token) -> str | None:
        """An office-holder whose country is not written ("President X threatened to ban Ugandan
        opposition candidates"): the one country the sentence names, when only one is named and it
        is not another office-holder's country ("welcomed the South African leader")."""
        if not person.roles or any(r.country for r in person.roles):
            return None
        if not all(r.sector in STATE_SECTORS for r in person.roles):
            return None  # a cleric or an activist may well speak about another country
        found = self.sentence_countries(tok)
        if len(found) != 1:
            return None
        # (every role has a sector of STATE_SECTORS here: none is None)
        current = [r.sector for r in person.roles if not r.former and r.sector is not None]
        return next(iter(found)) + (current[0] if current else "")

    def sentence_countries(self, tok: Token, offices: bool = False) -> set[str]:
        """The countries a sentence names (entities other than people, places, country words
        inside names), less (unless `offices`) those of another state's office-holder named in it
        ("the Guatemalan foreign minister")."""
        sent = tok.sent
        if sent.start in self._sentence_countries:
            return self._sentence_countries[sent.start][offices]
        lo, hi = sent.start_char, sent.end_char
        taken = {
            r.country
            for e in self.analysis.entities
            if e.type == "PERSON"
            for r in e.roles
            if r.country and r.evidence and lo <= r.evidence.start < hi
        }
        for t in sent:  # "the Guatemalan foreign minister", "the South African leader": another state's office
            e = self.entity_at(t)
            if (
                e is not None
                and e.country
                and e.type in ("NORP", "GPE")
                and t.dep_ in ("amod", "compound", "poss", "nmod")
            ):
                office = titles().heads.get((t.head.lemma_.lower(),))
                if office is not None and (office.code in STATE_SECTORS or t.head.lemma_.lower() == "leader"):
                    taken.add(e.country)
        found: set[str] = set()
        for e in self.analysis.entities:
            if e.type == "PERSON" or not e.country:
                continue
            if any(lo <= m.start < hi for m in e.mentions):
                found.add(e.country)
        for p in self.analysis.places:
            if p.country and any(lo <= m.start < hi for m in p.mentions):
                found.add(p.country)
        for t in sent:  # country words inside names the NER kept whole ("the Kenya Anti-Corruption Commission")
            if t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper():
                ref = countries.lookup(t.text)
                if (
                    ref is not None
                    and ref.how in countries.NAMING
                    and not any(
                        r.evidence and r.evidence.start <= t.idx < r.evidence.end
                        for e in self.analysis.entities
                        if e.type == "PERSON"
                        for r in e.roles
                    )
                ):
                    found.add(ref.iso3)
        self._sentence_countries[sent.start] = ({c for c in found if c not in taken}, found)
        return self._sentence_countries[sent.start][offices]
