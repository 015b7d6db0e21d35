"""What one actor phrase names, and its actor code.

An actor phrase is coded from the entity it names: the entity's actor code or country; a capital
acting as the government ("Moscow denied" → RUSGOV); a country word inside a group ("Ghanaian
authorities", "rebels in Guinea") with the sector of the group noun (`groups.noun_sector`); a
group placed by its clause ("students protested in Tehran"); for an office-holder whose country is
not written, the one country the sentence is about; an office named by its title ("the Ohio
attorney general") takes the country of a place in its phrase, else the one article country its
title convention allows (`lexicons/titles.tsv`); a name the NER missed, by the Phoenix dictionaries
(`_listed`). A pronoun stands for what `pronouns.referent`
finds. Coordinated actors are kept together (`ActorRef.members`).

A country inferred from the sentence, and a place an act is aimed at, are remembered by the
ActorRef they were put in (`inferred`, `is_place`): the events stage drops such a country when the
other side of the event is that very country (`ActorReader`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from opslens.contract import ActorRef, Analysis, Entity
from opslens.knowledge import countries, phoenix
from opslens.knowledge.sectors import HOME_SECTORS, LOCAL_SECTORS, STATE_SECTORS
from opslens.nlp.deps import SUBJECTS
from opslens.nlp.mentions import PERSON_PRONOUNS, THING_PRONOUNS
from opslens.stages.entities import context
from opslens.stages.entities.dictionary import place_agrees, usable
from opslens.stages.events.groups import modifiers, noun_sector, own_words, partitive_head
from opslens.stages.events.phrase_countries import PhraseCountries
from opslens.stages.events.pronouns import referent

SPEAKERS_FOR = {"spokesman", "spokeswoman", "spokesperson", "representative"}  # "a spokesman for X" speaks as X
# where a clause acts: "in X", "across X"; "marched through X" is in X too
CLAUSE_LOCATIVES = {"in", "inside", "within", "across", "throughout", "through"}
FORCES_AT_HOME = {"COP", "MIL"}  # police, troops, security forces: a state's own where no country is said
GOVERNMENT_NOUNS = {"government", "authorities"}  # "the government": the state's, as its forces


def compound(parts: list[ActorRef]) -> ActorRef:
    """Several actors as one ("Hungary and Romania"): entity and code are the first coded part's."""
    first = next((p for p in parts if p.code), parts[0])
    return ActorRef(entity=first.entity, code=first.code, members=parts)


def _coordinated(tok: Token) -> list[Token]:
    """The words coordinated with a phrase's word, down the whole chain: spaCy hangs each part of
    "Mordor, Rohan, Fornost and Bree" on the one before it. A verb has one subject: a second one
    is the rest of a list the parser split ("Lions, tigers, and Gondor welcomed")."""
    found: list[Token] = []
    todo = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "nsubj":
        todo += [c for c in tok.head.children if c.dep_ == "nsubj" and c.i > tok.i]
    while todo:
        t = todo.pop(0)
        found.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return found


def _distinct(parts: list[ActorRef]) -> list[ActorRef]:
    """Parts once each: two words of one mention ("Gondor and Arnor" drawn as one) are one part."""
    seen: set[tuple[str | None, str | None]] = set()
    kept = []
    for p in parts:
        if (p.entity, p.code) not in seen:
            seen.add((p.entity, p.code))
            kept.append(p)
    return kept


@dataclass(frozen=True)
class _Phrase:
    """An actor phrase: its word, its head past a partitive, whether the head names a group or an
    office and its sector, and whether it is an ethnic group ("ethnic Turks")."""

    tok: Token
    head: Token
    is_actor: bool
    sector: str | None
    ethnic: bool


class ActorCoder(PhraseCountries):
    """Codes the actor phrases of one document, from the entities and places the earlier stages
    found in it (looked up by the character a word starts at; the countries a phrase or its
    sentence names come from `PhraseCountries`)."""

    def __init__(self, doc: Doc, analysis: Analysis):
        super().__init__(doc, analysis)
        # actor refs whose country was inferred from the sentence ("office", "home"), and refs
        # that are places an act is aimed at, by id(): see `inferred` and `is_place`
        # (the refs are kept, so that their ids stay theirs)
        self._guessed: dict[int, tuple[str, ActorRef]] = {}
        self._places: dict[int, ActorRef] = {}

    # -- lookups ---------------------------------------------------------------------------
    def actor_like(self, tok: Token) -> bool:
        """An actor is a named entity, a pronoun, or a person/group noun; not a thing ("talks on trade")."""
        head = partitive_head(tok)
        if self.entity_at(tok) is not None or any(self.entity_at(t) is not None for t in [head, *modifiers(head)]):
            return True  # "Israel", "French mediation", "a group of Moroccan diplomats", "thousands of Serbs"
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | {"them", "they"}
        if tok.pos_ == "PROPN" or noun_sector(head)[0] or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        # a listed name the tagger took for a common noun ("Fornost and Gondor welcomed")
        return tok.text[:1].isupper() and self._listed(self._phrase(tok)) is not None

    def names_actor(self, tok: Token) -> bool:
        """Is the phrase, or a part coordinated with it, an actor ("lions, tigers and Gondor")?"""
        return self.actor_like(tok) or any(self.actor_like(c) for c in _coordinated(tok))

    def inferred(self, ref: ActorRef) -> str | None:
        """How a ref's country was inferred from its sentence: "office" (an office-holder's),
        "home" (a group acting at home), or None when it was written."""
        return self._guessed.get(id(ref), (None,))[0]

    def is_place(self, ref: ActorRef) -> bool:
        """Is this ref a place an act is aimed at (made by `place_ref`)?"""
        return id(ref) in self._places

    # -- coding one actor phrase ---------------------------------------------------------------
    def ref(self, tok: Token | None) -> ActorRef | None:
        """The actor a phrase names, with its coordinated parts ("Hungary and Romania")."""
        if tok is None:
            return None
        members = [tok] + [c for c in _coordinated(tok) if self.actor_like(c)]
        refs = [self.one(m) for m in members]
        if len(refs) == 1:
            return self._by_role(tok, refs[0])
        coded = _distinct([p for r in refs if r.code or r.entity for p in (r.members or [r])])
        if len(coded) < 2:
            return coded[0] if coded else refs[0]
        return compound(coded)

    def _by_role(self, tok: Token, ref: ActorRef) -> ActorRef:
        """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator": a name with no code of
        its own acts for the body its appositive role names (a code written there, not inferred)."""
        if ref.code or ref.members:
            return ref
        for appos in (c for c in tok.children if c.dep_ == "appos"):
            role = self.one(appos)
            if role.code and self.inferred(role) is None and not self.is_place(role):
                return ActorRef(entity=ref.entity or role.entity, code=role.code)
        return ref

    def one(self, tok: Token) -> ActorRef:
        """The entity an actor phrase names and its code: its head's, else one named inside it
        ("Hungarian officials", "the Russian Defence Ministry", "rebels in the Ivory Coast"), else
        a group coded by where it is or the country its sentence names."""
        phrase = self._phrase(tok)
        entity = self.entity_at(tok)
        if entity is None and tok.pos_ == "PRON":
            found = referent(tok, self.mentions)
            if isinstance(found, Token):
                return self.one(found)
            entity = found
            if entity is not None:
                return self._entity_ref(entity, tok, self._code(entity, tok, None))
        if entity is None and phrase.head.i != tok.i:
            entity = self.entity_at(phrase.head)  # "dozens of Kurds": the people named
        if entity is not None:
            return self._named(entity, phrase)
        inside = self._inside(phrase.head, phrase.ethnic)
        if inside is not None:
            return self._named_inside(inside[0], inside[1], phrase)
        listed = self._listed(phrase)
        if listed is not None:
            return listed
        return self._pronoun_owned(phrase) or self._unnamed(phrase)

    def _listed_parts(self, entity: Entity, tok: Token) -> ActorRef | None:
        """A mention the NER drew over several names ("Gondor and Osgiliath"): each name a
        dictionary lists, as a compound actor."""
        mention = next((m for m in entity.mentions if m.start <= tok.idx < m.end), None)
        if mention is None or not ({"and", "&"} & set(mention.text.split()) or "," in mention.text):
            return None
        date = phoenix.date_number(self.analysis.article.published.value)
        words = [t.text for t in self.doc.char_span(mention.start, mention.end, alignment_mode="expand") or []]
        parts = [
            ActorRef(entity=entity.id, code=code)
            for _, _, actor, extra in phoenix.actors_in(words)
            if (code := actor.code_at(date)) and (extra or usable(code))
        ]
        if len(parts) < 2:
            return None
        return compound(parts)

    def _listed(self, p: _Phrase) -> ActorRef | None:
        """A name the NER missed that a Phoenix dictionary lists ("the Moro Islamic Liberation
        Front" untagged): the capitalised words of the phrase, matched whole, coded at the
        article's date (`knowledge.phoenix`)."""
        words = [t for t in sorted(own_words(p.head), key=lambda t: t.i) if t.i <= p.head.i]
        tags = ("PROPN", "NOUN", "ADJ") if phoenix.extra_folder() else ("PROPN",)  # fictional names are tagged anyhow
        # an acronym is a name whatever the tagger took it for ("ECOWAS leaders": ADJ)
        names = [t for t in words if t.text[:1].isupper() and (t.pos_ in tags or (t.is_upper and len(t.text) > 2))]
        if not names or p.ethnic:
            return None
        date = phoenix.date_number(self.analysis.article.published.value)
        texts = [t.text for t in names]
        for i, j, actor, extra in phoenix.actors_in(texts):
            code = actor.code_at(date)
            if code and (extra or (usable(code) and place_agrees(" ".join(texts[i:j]), code))):
                return ActorRef(entity=None, code=code + (p.sector or "") if len(code) == 3 and p.is_actor else code)
        return None

    def _phrase(self, tok: Token) -> _Phrase:
        head = partitive_head(tok)
        is_actor, sector = noun_sector(head)
        if is_actor and sector in (None, "CVL"):  # "opposition parties", "rebel groups", "opposition activists"
            # (CVL is CAMEO's catch-all: a modifier with a sector of its own says more)
            sector = next(
                (
                    sec
                    for c in head.children
                    if c.dep_ in ("compound", "amod")
                    for ok, sec in [noun_sector(c)]
                    if ok and sec
                ),
                sector,
            )
        ethnic = any(c.lower_ == "ethnic" for c in modifiers(head)) or any(c.lower_ == "ethnic" for c in tok.children)
        return _Phrase(tok, head, is_actor, sector, ethnic)

    def _named(self, entity: Entity, p: _Phrase) -> ActorRef:
        """A phrase whose word is an entity's mention: the entity's code, else a country word in
        the phrase or the mention, else where the group is."""
        tok, head = p.tok, p.head
        if entity.type == "NORP" and (p.ethnic or self._located_in(head)):
            # "the Albanians of southern Serbia", "ethnic Turks demonstrated in Sweden": an ethnic
            # group is coded with the country it lives or acts in, not the one its name recalls
            located = self._located_in(head) or self._clause_location(tok)
            return ActorRef(entity=None, code=located) if located else ActorRef(entity=None, code=None)
        parts = None if p.ethnic else self._listed_parts(entity, tok)
        if parts is not None:  # "Gondor and Osgiliath" drawn as one mention: its names, not a guess for the whole
            return parts
        code = self._code(entity, tok, None)
        if code is None and not p.ethnic and entity.type in ("NORP", "ORG"):
            word = self._country_word(head) or self._word_in_mention(entity, tok)
            code = word + (p.sector or "") if word else None
        if code is None and p.is_actor and not p.ethnic and entity.type != "PERSON":  # "Guerrillas operating in X"
            located = self._located_in(head)
            code = located + (p.sector or "") if located else None
        return self._entity_ref(entity, tok, code)

    def _named_inside(self, entity: Entity, tok: Token, p: _Phrase) -> ActorRef:
        """An entity named inside the phrase ("Hungarian officials"), with those coordinated with it."""
        named = [(tok, entity)] + [
            (c, e) for c in tok.children if c.dep_ == "conj" and (e := self.entity_at(c)) is not None
        ]
        refs = [ActorRef(entity=e.id, code=self._code(e, t, p.sector if p.is_actor else None)) for t, e in named]
        return compound(refs) if len(refs) > 1 else refs[0]

    def _pronoun_owned(self, p: _Phrase) -> ActorRef | None:
        """ "Kenya said its troops had killed X", "the rebels and their supporters": a group owned
        by "its/their" is its owner's: the owner's country with the group's sector (an
        organisation's own code as it is). Only as a subject: an object "recalled its ambassador"
        is the actor's own means, not whom it acts on."""
        owner = next((c for c in p.head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if owner is None or not p.is_actor or p.tok.dep_ not in SUBJECTS:
            return None
        found = referent(owner, self.mentions)
        if isinstance(found, Token):
            code = self.one(found).code
        else:
            code = (found.actor_code or found.country) if found is not None else None
        if not code:
            return None
        return ActorRef(entity=None, code=code[:3] + (p.sector or "") if countries.country_name(code[:3]) else code)

    def _unnamed(self, p: _Phrase) -> ActorRef:
        """A phrase that names no entity: a group where it is ("rebels in X", "students protested
        in Tehran"), the group it leads ("leaders of the opposition coalition"), else by a country
        word or the sentence's one country (`_by_country`)."""
        tok, head, sector = p.tok, p.head, p.sector
        located = self._located_in(head) if p.is_actor else None
        if located is None and p.ethnic and p.is_actor:
            located = self._clause_location(tok)
        if located is None and p.is_actor and sector in LOCAL_SECTORS and self._country_word(head) is None:
            located = self._clause_location(tok)  # "students protested in Tehran", "killed 12 villagers in X"
        if located:
            return ActorRef(entity=None, code=located + (sector or ""))
        if p.is_actor and sector is None and not p.ethnic:  # "leaders of the opposition coalition"
            led = next(
                (
                    g
                    for c in head.children
                    if c.dep_ == "prep"
                    and (c.lower_ == "of" or (c.lower_ == "for" and head.lemma_.lower() in SPEAKERS_FOR))
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            if led is not None:
                inner = self.one(led)
                if inner.code or inner.entity:
                    return inner
                sector = noun_sector(led)[1] or next(
                    (
                        sec
                        for c in led.children
                        if c.dep_ in ("compound", "amod")
                        for ok, sec in [noun_sector(c)]
                        if ok and sec
                    ),
                    None,
                )
        return self._by_country(p, sector)

    def _by_country(self, p: _Phrase, sector: str | None) -> ActorRef:
        """A country word of the phrase; for a state's office, a place in its title or the title's
        convention; for a group acting at home, the sentence's one country; else a place the
        phrase names, else no code."""
        tok, head = p.tok, p.head
        word = None if p.ethnic else self._country_word(head)
        if word is None and p.is_actor and sector in STATE_SECTORS and not p.ethnic:
            word = self._placed_office(head) or self._convention_country(head)
            if word is None and (sector in FORCES_AT_HOME or (_the_government(head) and not _state_named(tok))):
                # "police arrested 40 people in Harare", "rebels ambushed an army patrol in X": a
                # state's forces, with no country said, are the country's where they act
                found = self.sentence_countries(tok, offices=True)
                word = self._clause_location(tok) or (next(iter(found)) if len(found) == 1 else None)
        if word is None and p.is_actor and sector in HOME_SECTORS and not p.ethnic:
            # an opposition or rebel group acts at home, against its own state's forces and officers
            # too ("rebels captured two Malian soldiers"), where its clause says it acts ("militants
            # beheaded a British aid worker in Syria")
            found = self.sentence_countries(tok, offices=True)
            word = self._clause_location(tok) or (next(iter(found)) if len(found) == 1 else None)
            if word is not None and sector is not None:
                ref = ActorRef(entity=None, code=word + sector)
                self._guessed[id(ref)] = ("home", ref)
                return ref
        if word is not None:
            return ActorRef(entity=None, code=word + (sector or "") if word != self._country_word_exact(head) else word)
        place = self.place_ref(tok)
        if place is not None and tok.ent_type_ in ("GPE", "LOC", "FAC"):
            return place
        return ActorRef(entity=None, code=None)

    def _entity_ref(self, entity: Entity, tok: Token, code: str | None) -> ActorRef:
        ref = ActorRef(entity=entity.id, code=code)
        if (
            code
            and entity.type == "PERSON"
            and (not (entity.actor_code or entity.country) or context.RULE in entity.sources)
        ):
            self._guessed[id(ref)] = ("office", ref)  # the country came from the sentence (`_context_code`)
        return ref

    def place_ref(self, tok: Token, words: Iterable[Token] | None = None) -> ActorRef | None:
        """The first word of a phrase (or of `words`) that the gazetteer places in a country, as that
        country; else a region the NER marked and placed in a country that the gazetteer does not
        list ("West Darfur State")."""
        words = list(own_words(tok) if words is None else words)
        for t in words:
            place = self.place_at(t)
            if place is not None and place.country:
                entity = self.entity_at(t)
                code = place.country
                if entity is not None and entity.actor_code and phoenix.extra_folder():
                    code = entity.actor_code  # an evaluation's fictional world renames real towns ("Bree")
                return self._place(ActorRef(entity=entity.id if entity else None, code=code))
        for t in words:
            entity = self.entity_at(t)
            if (
                entity is not None
                and entity.type in ("GPE", "LOC")
                and entity.country
                and t.ent_type_ in ("GPE", "LOC")
            ):
                return self._place(ActorRef(entity=entity.id, code=entity.country))
        return None

    def _place(self, ref: ActorRef) -> ActorRef:
        self._places[id(ref)] = ref
        return ref

    # -- countries of a phrase (the rest: PhraseCountries) ------------------------------------------
    def _clause_location(self, tok: Token) -> str | None:
        """The country of the "in X" of the clause an actor is the subject or object of (or of the
        verb's object: "went on strike in X")."""
        verb = tok.head
        if tok.dep_ not in SUBJECTS | {"dobj"}:
            return None
        objects = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        objects += [c for c in verb.children if c.dep_ == "dobj" and c.i != tok.i]
        places = [
            obj
            for prep in list(verb.children) + [p for o in objects for p in o.children]
            if prep.dep_ == "prep" and prep.lower_ in CLAUSE_LOCATIVES
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        # a place named by the phrase itself before one named deeper in it: "blocked streets in X
        # in defiance of Chinese authorities" is in X; "in the town of Y" is still in Y
        for words in [lambda o: [o, *modifiers(o)], own_words]:
            for obj in places:
                ref = self.place_ref(obj, words(obj))
                if ref is not None:
                    return ref.code
        return None

    # -- the code of an entity ---------------------------------------------------------------------
    def _code(self, entity: Entity, tok: Token, sector: str | None) -> str | None:
        """An entity's actor code or country, else the country the gazetteer puts a place in, else
        an office-holder's from the sentence; a capital acting is its government ("Moscow denied"),
        a country word with a group's sector is that group ("Ghanaian authorities")."""
        code = entity.actor_code or entity.country
        if code is None:
            place = self.place_at(tok)  # "the West Bank", "Jericho": where the gazetteer places it
            mention = next((m for m in entity.mentions if m.start <= tok.idx < m.end), None)
            whole = mention is not None and all(
                mention.start <= c.idx < mention.end for c in tok.children if c.dep_ == "compound"
            )
            if place is not None and place.country and entity.type in ("GPE", "LOC") and whole:
                code = place.country  # not "Kenzo Oshima", a person the NER took for a town
        if code is None and entity.type == "PERSON":
            code = self._context_code(entity, tok)
        if code is None:
            return None
        if len(code) == 3 and entity.type == "GPE" and tok.ent_type_ == "GPE":
            ref = countries.lookup(tok.text) if tok.text else None
            written = next((m.text for m in entity.mentions if m.start <= tok.idx < m.end), tok.text)
            ref = countries.lookup(written) or ref
            if ref is not None and ref.how in ("capital", "metonym"):
                return code + "GOV"  # "Moscow denied": the capital acting is the government
        if len(code) == 3 and sector and entity.type in ("NORP", "GPE"):
            return code + sector
        return code


def _the_government(head: Token) -> bool:
    """ "the government", "the authorities": the definite state of the sentence's one country
    ("Kenyan teachers protested against the government"), as a state's forces are."""
    return head.lemma_.lower() in GOVERNMENT_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _state_named(tok: Token) -> bool:
    """Does the sentence name a state itself ("the US condemned the government": another one's)?"""
    for ent in tok.sent.ents:
        found = countries.lookup(ent.text) if ent.label_ == "GPE" else None
        if found is not None and found.how in ("name", "alias"):
            return True
    return False
