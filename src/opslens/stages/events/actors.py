"""Who did it and to whom: an event's source and target actors, read from the dependency parse.

The source is the subject of the event word (or of the verb it hangs from: "agreed to provide",
"is ready to contribute"), the agent of a passive ("was attacked by X"), or for a noun its
owner ("Serbia's crackdown"), its national adjective ("the Israeli pullback"), its "by X", or
the subject of the verb that governs it ("Israel reimposed blockades"). The target is the
object, a "with/against/to/on … X" phrase, the owner or "of X" of the object ("denounced
Serbia's crackdown", "demanded the resignation of X"), the subject of a demanded clause
("demanded that X withdraw"), the subject of a threat's condition ("if X goes ahead"), or,
when nothing else is named, the place the act is aimed at ("imposed a curfew in X").

Coordinated actors are kept together (`ActorRef.members`); for mutual acts ("X and Y signed",
"X telephoned Y", "talks with Y") both sides are the source and the event is reciprocal, with no
target. Each actor is coded from the entity it names: its actor code, a capital acting as the
government ("Moscow denied" → RUSGOV), a country word inside a group ("Ghanaian authorities",
"rebels in Guinea") with the sector of the group noun (`lexicons/event_actor_nouns.tsv`), and
for an office-holder whose country is not written, the one country the sentence is about; an
office named by its title ("the Ohio attorney general") takes the country of a place in its
phrase, else the one article country its title convention allows (`lexicons/titles.tsv`). An act
of purpose is done by the group it was prepared for ("trained X to fight Y": X fights).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from opslens.knowledge import countries
from opslens.knowledge.titles import titles
from opslens.knowledge import read_tsv
from opslens.contract import ActorRef, Analysis, Entity, Place
from opslens.nlp.deps import GROUP_LOCATIVES, PLACE_TARGET, SHARES_SUBJECT_WITH_COMPLEMENTS, SUBJECTS

TARGET_PREPS = {"with", "against", "to", "on", "at", "into", "between", "for", "toward", "towards", "from", "upon"}
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "among"}  # "the poisoning of X", "mediation among X's factions"
CONDITION_MARKS = {"if", "unless"}
PARTITIVES = {"group", "number", "third", "half", "quarter", "some", "many", "most", "dozens", "hundreds",
              "thousands", "scores", "members", "member", "part", "rest", "majority", "one", "two", "delegation"}
DOMESTIC_SECTORS = {"OPP", "REB", "INS", "CVL", "REF", "LAB", "AGR", "EDU", "BUS", "MED", "REL", "COP", "JUD", "LEG", "MIL"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
HOME_SECTORS = {"OPP", "REB", "INS", "LAB", "AGR"}  # groups that act in their own country
STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP"}  # offices of a state: held where the news is
THING_PRONOUNS = {"it", "its", "they", "their", "them"}
PROTEST_NOUNS = {"protest", "defiance", "opposition"}  # "in protest at X", "in defiance of X"
# groups that belong where they act ("students protested in Tehran"): not refugees, and not state
# forces or officials, who often act abroad
LOCAL_SECTORS = {"CVL", "LAB", "EDU", "AGR", "OPP", "BUS", "MED", "REL", "HLH"}
# "rebels operating in X", "a newspaper based in X": the participles that place a group
LOCATING_PARTICIPLES = {"base", "operate", "live", "active", "reside"}


@dataclass
class Actors:
    source: ActorRef | None
    target: ActorRef | None
    reciprocal: bool = False
    target_is_place: bool = False


@cache
def actor_nouns() -> dict[str, str | None]:
    return {row["noun"]: (None if row["sector"] in ("", "-") else row["sector"])
            for row in read_tsv("event_actor_nouns.tsv")}


def noun_sector(tok: Token) -> tuple[bool, str | None]:
    """Whether a noun names an actor, and its sector: the collective nouns of the lexicon,
    else the titles' offices ("minister", "judge")."""
    nouns = actor_nouns()
    heads = titles().heads
    lower = tok.lower_
    office = _title_head(tok)
    if office is not None:  # "the attorney general" is no general
        return True, office.code
    # the lemma, or the word without its plural ending when the tagger took it for a name ("Rebels")
    for form in dict.fromkeys((tok.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower)):
        if form in nouns:
            return True, nouns[form]
        sector = heads.get((form,))
        if sector is not None:
            return True, sector.code
    return False, None


def _title_head(tok: Token):
    """The sector of a title of two or more words ending at this noun ("attorney general",
    "secretary general"), or None."""
    t = titles()
    words = [w.lower_ for w in tok.doc[max(0, tok.i - t.max_len + 1):tok.i + 1]]
    found = t.longest(t.heads, words, len(words))
    return found[1] if found and found[0] > 1 else None


class ActorReader:
    def __init__(self, doc, analysis: Analysis):
        self.doc = doc
        self.analysis = analysis
        self.entity_by_char: dict[int, Entity] = {}
        for e in analysis.entities:
            for m in e.mentions:
                for c in range(m.start, m.end):
                    self.entity_by_char.setdefault(c, e)
        self.place_by_char: dict[int, Place] = {}
        for p in analysis.places:
            for m in p.mentions:
                for c in range(m.start, m.end):
                    self.place_by_char.setdefault(c, p)
        self._sentence_countries: dict[int, set[str]] = {}
        # actor refs whose country was inferred from the sentence ("office", "home"), and refs
        # that are places an act is aimed at, by id(): see `_unless_abroad`
        # (the refs are kept, so that their ids stay theirs)
        self._guessed: dict[int, tuple[str, ActorRef]] = {}
        self._places: dict[int, ActorRef] = {}

    # -- lookups ---------------------------------------------------------------------------
    def entity_at(self, tok: Token) -> Entity | None:
        return self.entity_by_char.get(tok.idx)

    def place_at(self, tok: Token) -> Place | None:
        return self.place_by_char.get(tok.idx)

    def actor_like(self, tok: Token) -> bool:
        """An actor is a named entity, a pronoun, or a person/group noun; not a thing ("talks on trade")."""
        if self.entity_at(tok) is not None or any(
                self.entity_at(t) is not None for t in _modifiers(partitive_head(tok))):
            return True  # "Israel", "French mediation", "a group of Moroccan diplomats"
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | {"them", "they"}
        head = partitive_head(tok)
        return tok.pos_ == "PROPN" or noun_sector(head)[0] or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")

    def _speaker_of(self, pronoun: Token) -> Token | None:
        """"X said (that) it/they/he would …": the pronoun subject of what someone says is the
        speaker, when the speaker is named by a phrase and the pronoun agrees with it."""
        if pronoun.dep_ not in SUBJECTS or pronoun.lower_ not in {"it", "they", "he", "she"}:
            return None
        clause = pronoun.head
        for _ in range(3):
            if clause.dep_ == "ccomp":
                break
            if clause.dep_ not in ("xcomp", "conj", "acomp") or clause.head.i == clause.i:
                return None
            clause = clause.head
        else:
            return None
        speaker = subject_of(clause.head)
        if speaker is None or speaker.pos_ == "PRON" or speaker.i == pronoun.i:
            return None
        plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
        person = self.entity_at(speaker) is not None and self.entity_at(speaker).type == "PERSON"
        if pronoun.lower_ == "they":
            return speaker if plural or not person else None
        if pronoun.lower_ == "it":
            return speaker if not plural and not person else None
        return speaker if person or noun_sector(speaker)[0] else None

    def antecedent(self, pronoun: Token) -> Entity | None:
        """"it"/"they" → the last country or organisation named before it in the article; "he"/"she"
        → the last person who was a subject (else the last person named)."""
        word = pronoun.lower_
        types = ("PERSON",) if word in PERSON_PRONOUNS else ("GPE", "ORG", "NORP") if word in THING_PRONOUNS else None
        if types is None:
            return None
        last = subject = None
        for tok in pronoun.doc[max(0, pronoun.sent.start - 60):pronoun.i]:
            e = self.entity_at(tok)
            if e is None or e.type not in types:
                continue
            last = e
            if tok.dep_ in SUBJECTS or tok.head.dep_ in SUBJECTS:
                subject = e
        return subject or last

    # -- events ------------------------------------------------------------------------------
    def for_verb(self, tok: Token, cue) -> Actors:
        subject = self._trained(tok) or subject_of(tok)
        if subject is not None and not self.actor_like(subject):
            subject = None  # "the bombing killed 58 people": an act, not an actor
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == tok.i:
            if cue.self_directed and agent is None:  # "the rebels have been demobilized": they did it
                return self._actors(cue, subject, None, None)
            to = self._prep_target(tok, {"to"}) if agent is None else None
            if to is not None:  # "X is opposed to Y", "X is committed to Y": a state of X's
                return self._actors(cue, subject, to, "prep")
            return self._actors(cue, agent, subject, "object")
        if agent is not None and tok.tag_ == "VBN":  # "a plan backed by X"
            return self._actors(cue, agent, tok.head if tok.dep_ == "acl" else None, "object")
        if cue.self_directed:
            return self._actors(cue, subject, None, None)
        target, how = self._verb_target(tok, cue, subject)
        return self._actors(cue, subject, target, how)

    def _trained(self, verb: Token) -> Token | None:
        """"trained Syrian opposition forces to fight X": the named group an act of purpose was
        prepared for acts in it (not "used tear gas to disperse X", not "sent its troops", not
        "opened the Friendship Bridge to allow …")."""
        if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is None or self._own_forces(obj):
            return None
        named = self.entity_at(obj)
        if not (noun_sector(partitive_head(obj))[0] or (named is not None and named.type in ("PERSON", "ORG", "NORP"))):
            return None  # "opened the Friendship Bridge to allow …": a thing prepared is no actor
        return obj if any(self.entity_at(t) for t in _own_words(obj)) else None

    def for_noun(self, noun: Token, cue) -> Actors:
        """"X held talks with Y", "Y's sanctions on Z", "the X attack on Y", "rallies by X"; for a
        noun that is an act only with its verb ("accepted the miners' demands", "lodged a protest"),
        the verb's subject, and the noun's owner is the target."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        source = owner if cue.pos != "object" else None
        if source is None and cue.pos != "object":
            source = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                           for g in c.children if g.dep_ == "pobj" and self.actor_like(g)), None)
        if source is None and cue.pos != "object":
            source = next((c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                           and self.entity_at(c) and self.entity_at(c).country), None)
        verb = _governing_verb(noun, states=cue.cameo[:2] in ("14", "15"))
        if source is None and verb is not None:
            source = subject_of(verb)
            if source is not None and source.dep_ == "nsubjpass":
                source = None
        if cue.self_directed:
            return self._actors(cue, source, None, None)
        candidates = [(owner, "prep")] if cue.pos == "object" and owner is not None and self.actor_like(owner) else []
        candidates += [(self._prep_target(noun, NOUN_TARGET_PREPS, skip=source), "prep"),
                      (self._after_place(noun), "prep")]
        if verb is not None and noun.dep_ == "dobj":
            candidates.append((self._prep_target(verb, TARGET_PREPS, skip=source), "prep"))
        if cue.cameo.startswith("14"):
            for holder in (noun, verb):
                if holder is not None:
                    candidates.append((self._embedded_target(holder, ("advcl", "xcomp", "acl")), "purpose"))
                    candidates.append((self._protest_against(holder), "purpose"))
        candidates += [(self._place_target(noun), "place"), (self._place_target(verb), "place")]
        target, how = self._best(candidates)
        if how == "prep" and isinstance(target, Token) and target.head.lower_ in ("with", "between"):
            how = "with"
        return self._actors(cue, source, target, how)

    def _actors(self, cue, source, target, how) -> Actors:
        src = self.ref(source) if isinstance(source, Token) else source
        tgt = self.ref(target) if isinstance(target, Token) else target
        src, tgt = self._unless_abroad(src, tgt), self._unless_abroad(tgt, src)
        if tgt is not None and src is not None and _same(src, tgt):
            tgt = None
        if tgt is not None and tgt.code is None and tgt.entity is None and not tgt.members:
            tgt = None
        if cue.mutual and src is not None:
            if src.members and tgt is not None and (how == "place" or any(_same(m, tgt, country=True) for m in src.members)):
                tgt = None  # "X and Y signed a treaty in Z": Z is the venue
            if src.members and tgt is None:
                return Actors(src, None, reciprocal=True)
            if tgt is not None and how in ("object", "with"):
                return Actors(compound((src.members or [src]) + (tgt.members or [tgt])), None, reciprocal=True)
        return Actors(src, tgt, target_is_place=how == "place")

    def _unless_abroad(self, ref: ActorRef | None, other: ActorRef | None) -> ActorRef | None:
        """An actor whose country was only inferred from the sentence's one country loses it when
        the other side of the event is that very country acting or acted on as a state: "President
        X praised Norway", "President X visited Moscow", "militants fired rockets into Israel" are
        most often acts across a border. Domestic counterparts keep it: opposition groups, the
        government facing its own rebels, a curfew imposed in a city."""
        if ref is None or other is None or not other.code or id(other) in self._places:
            return ref
        parts = ref.members or [ref]
        kept = [self._abroad(p, other) for p in parts]
        if all(k is p for k, p in zip(kept, parts)):
            return ref
        return compound(kept) if ref.members else kept[0]

    def _abroad(self, ref: ActorRef, other: ActorRef) -> ActorRef:
        kind = self._guessed.get(id(ref), (None,))[0]
        if kind is None or not ref.code or ref.code[:3] != other.code[:3]:
            return ref
        state = len(other.code) == 3 or (kind == "office" and other.code[3:6] in ("GOV", "MIL"))
        if kind == "office" and ref.code[3:6] not in ("GOV", "MIL", ""):
            return ref  # judges and police act at home
        return ActorRef(entity=ref.entity, code=None) if state else ref

    def _best(self, candidates):
        """The first candidate that codes as an actor, else the first found at all."""
        found = [(t, how) for t, how in candidates if t is not None]
        for t, how in found:
            ref = self.ref(t) if isinstance(t, Token) else t
            if ref is not None and (ref.code or ref.members):
                return t, how
        return found[0] if found else (None, None)

    def _verb_target(self, tok: Token, cue, subject: Token | None):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
        candidates = []
        if obj is not None and self.actor_like(obj) and not self._own_forces(obj):
            candidates.append((obj, "object"))
        candidates.append((self._prep_target(tok, TARGET_PREPS, skip=subject), "prep"))
        if obj is not None:
            candidates.append((self._object_target(obj), "object-owner"))
        for prep in tok.children:  # "denounced as a crime X's …"
            if prep.dep_ == "prep" and prep.lower_ == "as":
                candidates += [(self._behind(g), "object-owner") for g in prep.children if g.dep_ == "pobj"]
        if cue.embeds:
            candidates.append((self._embedded_target(tok), "embedded"))
        if cue.cameo.startswith("14"):  # "went on strike to demand the release of X"
            candidates.append((self._embedded_target(tok, ("advcl", "xcomp", "acl")), "purpose"))
            candidates.append((self._protest_against(tok), "purpose"))
        if cue.embeds or cue.cameo.startswith("13"):
            candidates.append((self._condition_subject(tok), "condition"))
        candidates += [(self._place_target(tok), "place"), (self._place_target(obj), "place")]
        target, how = self._best(candidates)
        if how == "prep" and isinstance(target, Token) and target.head.lower_ in ("with", "between"):
            how = "with"
        return target, how

    def _own_forces(self, obj: Token) -> bool:
        """"withdrew its troops", "deployed peacekeepers": the actor's own means, not a target."""
        is_actor, sector = noun_sector(obj)
        if any(c.dep_ == "poss" and c.lower_ in THING_PRONOUNS | PERSON_PRONOUNS for c in obj.children):
            return not is_actor or sector in ("MIL", "COP")  # not "met his counterpart"
        return is_actor and sector in ("MIL", "COP") and not any(self.entity_at(t) for t in _own_words(obj))

    def _object_target(self, obj: Token):
        """The actor behind a thing acted on: "denounced Serbia's crackdown", "lifted the ban on X",
        "demanded the resignation of X", "an admission by X", "suspended part of the aid for X"."""
        obj = partitive_head(obj)
        return self._behind(obj) or self._prep_target(obj, NOUN_TARGET_PREPS)

    def _embedded_target(self, tok: Token, clauses=("xcomp", "ccomp")):
        """"demanded that X withdraw" → X; "offered to hand over suspects to Britain" → Britain;
        "threatened to cut off power to X" → X; "went on strike to demand the release of X" → X."""
        candidates = []
        for c in tok.children:
            if c.dep_ not in clauses or c.i < tok.i:  # "Given that X happened, Y offered …"
                continue
            subj = next((s for s in c.children if s.dep_ in SUBJECTS), None)
            if c.dep_ == "ccomp" and subj is not None and subj.dep_ == "nsubj" and self.actor_like(subj) \
                    and subj.lower_ not in THING_PRONOUNS | PERSON_PRONOUNS:
                candidates.append((subj, "embedded"))
            obj = next((o for o in c.children if o.dep_ in ("dobj", "dative")), None)
            if obj is not None and self.actor_like(obj) and not self._own_forces(obj):
                candidates.append((obj, "object"))
            candidates.append((self._prep_target(c, TARGET_PREPS, skip=subj), "prep"))
            if obj is not None:
                candidates.append((self._object_target(obj), "object-owner"))
            candidates.append((self._condition_subject(c), "condition"))
            if not _venue(c):
                candidates += [(self._place_target(c), "place"), (self._place_target(obj), "place")]
        return self._best(candidates)[0]

    def _protest_against(self, tok: Token):
        """"in protest at X's decision", "in defiance of the authorities": whom a protest is against
        (the "at/against X" may hang from the protest noun or from the verb of the act)."""
        against = {"of", "against", "at", "over"}
        nouns = [n for n in tok.subtree if n.dep_ == "pobj" and n.head.lower_ == "in" and n.lemma_.lower() in PROTEST_NOUNS]
        for noun in nouns:
            for holder, preps in ((noun, against), (tok, against - {"of"})):
                for obj in (g for p in holder.children if p.dep_ == "prep" and p.lower_ in preps
                            for g in p.children if g.dep_ == "pobj"):
                    found = self._behind(obj) or (obj if self.actor_like(obj) else None)  # the owner of "X's decision"
                    if found is not None:
                        return found
        return None

    def _condition_subject(self, tok: Token):
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
                if subj is not None and self.actor_like(subj):
                    return subj
        return None

    def _prep_target(self, tok: Token, preps: set[str], skip=None) -> Token | None:
        for prep in tok.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:  # "gave a welcome to X": dative
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                if skip is not None and obj.i == getattr(skip, "i", -1):
                    continue
                if self.actor_like(obj):
                    return obj
                behind = self._behind(obj)
                if behind is not None:
                    return behind
        return None

    def _after_place(self, noun: Token) -> Token | None:
        """"the poisoning in London of X": the parser hangs "of X" on the place; it is the noun's."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_TARGET:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self.place_at(obj) is not None:
                        found = self._prep_target(obj, {"of"})
                        if found is not None:
                            return found
        return None

    def _behind(self, thing: Token, depth: int = 2) -> Token | None:
        """The actor behind a thing: "against X's policies", "against violations by X", "a war
        against X", "a programme of aid for X"."""
        owner = next((c for c in thing.children if c.dep_ == "poss" and self.actor_like(c)), None)
        if owner is not None and owner.lower_ not in THING_PRONOUNS | PERSON_PRONOUNS:
            return owner
        for appos in thing.children:  # "denounced as a crime Serbia's crackdown"
            if appos.dep_ == "appos" and depth > 1 and (found := self._behind(appos, depth - 1)) is not None:
                return found
        for prep in thing.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS | {"by"}:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None or obj.lower_ in THING_PRONOUNS | PERSON_PRONOUNS:
                    continue
                if self.actor_like(obj):
                    return obj
                if depth > 1 and (deeper := self._behind(obj, depth - 1)) is not None:
                    return deeper
        return None

    def _place_target(self, tok: Token | None) -> ActorRef | None:
        """"imposed a curfew in X", "deployed troops into X": the place the act is aimed at, as the
        country it lies in."""
        if tok is None:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_TARGET:
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    ref = self._place_ref(obj)
                    if ref is not None:
                        return ref
        return None

    def _place_ref(self, tok: Token) -> ActorRef | None:
        for t in _own_words(tok):
            place = self.place_at(t)
            if place is not None and place.country:
                entity = self.entity_at(t)
                ref = ActorRef(entity=entity.id if entity else None, code=place.country)
                self._places[id(ref)] = ref
                return ref
        return None

    def _entity_ref(self, entity: Entity, tok: Token, code: str | None) -> ActorRef:
        ref = ActorRef(entity=entity.id, code=code)
        if code and entity.type == "PERSON" and not (entity.actor_code or entity.country):
            self._guessed[id(ref)] = ("office", ref)  # the country came from the sentence (`_context_code`)
        return ref

    # -- coding one actor phrase ---------------------------------------------------------------
    def ref(self, tok: Token | None) -> ActorRef | None:
        if tok is None:
            return None
        members = [tok] + [c for c in tok.children if c.dep_ == "conj" and self.actor_like(c)]
        refs = [self.one(m) for m in members]
        if len(refs) == 1:
            return refs[0]
        coded = [r for r in refs if r.code or r.entity]
        if len(coded) < 2:
            return coded[0] if coded else refs[0]
        return compound(coded)

    def one(self, tok: Token) -> ActorRef:
        """The entity an actor phrase names and its code: its head's, else one named inside it
        ("Hungarian officials", "the Russian Defence Ministry", "rebels in the Ivory Coast")."""
        head = partitive_head(tok)
        is_actor, sector = noun_sector(head)
        if is_actor and sector in (None, "CVL"):  # "opposition parties", "rebel groups", "opposition activists"
            # (CVL is CAMEO's catch-all: a modifier with a sector of its own says more)
            sector = next((sec for c in head.children if c.dep_ in ("compound", "amod")
                           for ok, sec in [noun_sector(c)] if ok and sec), sector)
        ethnic = any(c.lower_ == "ethnic" for c in _modifiers(head)) or any(c.lower_ == "ethnic" for c in tok.children)
        entity = self.entity_at(tok)
        if entity is None and tok.pos_ == "PRON":
            speaker = self._speaker_of(tok)
            if speaker is not None:
                return self.one(speaker)
            entity = self.antecedent(tok)
            if entity is not None:
                return self._entity_ref(entity, tok, self._code(entity, tok, None))
        if entity is not None and entity.type == "NORP" and (ethnic or self._located_in(head)):
            # "the Albanians of southern Serbia", "ethnic Turks demonstrated in Sweden": an ethnic
            # group is coded with the country it lives or acts in, not the one its name recalls
            located = self._located_in(head) or self._clause_location(tok)
            return ActorRef(entity=None, code=located) if located else ActorRef(entity=None, code=None)
        if entity is not None:
            code = self._code(entity, tok, None)
            if code is None and not ethnic and entity.type in ("NORP", "ORG"):
                word = self._country_word(head) or self._word_in_mention(entity, tok)
                code = word + (sector or "") if word else None
            if code is None and is_actor and not ethnic and entity.type != "PERSON":  # "Guerrillas operating in X"
                located = self._located_in(head)
                code = located + (sector or "") if located else None
            return self._entity_ref(entity, tok, code)
        inside = self._inside(head, ethnic)
        if inside is not None:
            ent, t = inside
            parts = [t] + [c for c in t.children if c.dep_ == "conj" and self.entity_at(c) is not None]
            refs = [ActorRef(entity=self.entity_at(p).id, code=self._code(self.entity_at(p), p, sector if is_actor else None))
                    for p in parts]
            return compound(refs) if len(refs) > 1 else refs[0]
        located = self._located_in(head) if is_actor else None
        if located is None and ethnic and is_actor:
            located = self._clause_location(tok)
        if located is None and is_actor and sector in LOCAL_SECTORS and self._country_word(head) is None:
            located = self._clause_location(tok)  # "students protested in Tehran", "killed 12 villagers in X"
        if located:
            return ActorRef(entity=None, code=located + (sector or ""))
        if is_actor and sector is None and not ethnic:  # "leaders of the opposition coalition"
            led = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), None)
            if led is not None:
                inner = self.one(led)
                if inner.code or inner.entity:
                    return inner
                sector = noun_sector(led)[1] or next((sec for c in led.children if c.dep_ in ("compound", "amod")
                                                      for ok, sec in [noun_sector(c)] if ok and sec), None)
        word = None if ethnic else self._country_word(head)
        if word is None and is_actor and sector in STATE_SECTORS and not ethnic:
            word = self._placed_office(head) or self._convention_country(head)
        if word is None and is_actor and sector in HOME_SECTORS and not ethnic:
            found = self.sentence_countries(tok)  # an opposition or rebel group acts at home
            word = next(iter(found)) if len(found) == 1 else None
            if word is not None:
                ref = ActorRef(entity=None, code=word + sector)
                self._guessed[id(ref)] = ("home", ref)
                return ref
        if word is not None:
            return ActorRef(entity=None, code=word + (sector or "") if word != self._country_word_exact(head) else word)
        place = self._place_ref(tok)
        if place is not None and tok.ent_type_ in ("GPE", "LOC", "FAC"):
            return place
        return ActorRef(entity=None, code=None)

    def _placed_office(self, head: Token) -> str | None:
        """"the New York state attorney general", "the Texas governor": an office named by a
        place the gazetteer puts in a country."""
        for t in _modifiers(head):
            place = self.place_at(t)
            if place is not None and place.country:
                return place.country
        return None

    def _convention_country(self, head: Token) -> str | None:
        """"the attorney general" with no country written: the one country of the article that
        has such an office by the titles lexicon's conventions."""
        t = titles()
        words = [w.lower_ for w in head.doc[max(0, head.i - t.max_len + 1):head.i + 1]]
        for n in range(len(words), 0, -1):
            held = t.conventions.get(tuple(words[-n:]))
            if held:
                named = {e.country for e in self.analysis.entities if e.country} | {
                    p.country for p in self.analysis.places if p.country}
                found = [c for c in held if c in named]
                return found[0] if len(found) == 1 else None
        return None

    def _inside(self, head: Token, ethnic: bool):
        """The first entity with a country among a phrase's own words, skipping ethnic demonyms."""
        for t in _own_words(head):
            if t.i == head.i:
                continue
            e = self.entity_at(t)
            if e is None or not (e.actor_code or e.country):
                continue
            if ethnic and e.type == "NORP":
                continue
            if t.dep_ == "pobj" and t.head.lower_ in GROUP_LOCATIVES and t.head.head.i == head.i and t.head.lower_ != "of":
                continue  # "rebels in X" is a location, handled with the sector
            return e, t
        return None

    def _country_word(self, head: Token) -> str | None:
        """A country written in the phrase that the NER did not mark: "Uzbekistan", "Ghanaian
        authorities"."""
        exact = self._country_word_exact(head)
        if exact:
            return exact
        for c in _own_words(head):
            if c.i < head.i and c.dep_ in ("amod", "compound", "nmod", "poss"):
                ref = countries.lookup(c.text)
                if ref is not None and ref.how in countries.NAMING:
                    return ref.iso3
        return None

    def _word_in_mention(self, entity: Entity, tok: Token) -> str | None:
        """"Radical French" (a NORP the NER drew too wide) is French."""
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

    def _clause_location(self, tok: Token) -> str | None:
        """The country of the "in X" of the clause an actor is the subject or object of (or of the
        verb's object: "went on strike in X")."""
        verb = tok.head
        if tok.dep_ not in SUBJECTS | {"dobj"}:
            return None
        objects = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        objects += [c for c in verb.children if c.dep_ == "dobj" and c.i != tok.i]
        for prep in list(verb.children) + [p for o in objects for p in o.children]:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "within", "across", "throughout"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        ref = self._place_ref(obj)
                        if ref is not None:
                            return ref.code
        return None

    def _located_in(self, head: Token) -> str | None:
        """"rebels in the Ivory Coast", "Albanians of southern Serbia", "guerrillas operating in X",
        "a newspaper based in X": the country a group is in (state forces and officials stationed
        or based abroad are not placed by a participle)."""
        holders = [head]
        if noun_sector(head)[1] not in STATE_SECTORS:
            holders += [c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in LOCATING_PARTICIPLES]
        preps = [(p, holder) for holder in holders for p in holder.children]
        for prep, holder in preps:
            if prep.dep_ == "prep" and prep.lower_ in (GROUP_LOCATIVES if holder is head else {"in", "inside", "across"}):
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    for t in _own_words(obj):
                        place = self.place_at(t)
                        e = self.entity_at(t)
                        if e is not None and e.type == "GPE" and e.country:
                            return e.country
                        if place is not None and place.country and (e is None or e.type in ("GPE", "LOC", "FAC")):
                            return place.country
        return None

    def _code(self, entity: Entity, tok: Token, sector: str | None) -> str | None:
        code = entity.actor_code or entity.country
        if code is None:
            place = self.place_at(tok)  # "the West Bank", "Jericho": where the gazetteer places it
            mention = next((m for m in entity.mentions if m.start <= tok.idx < m.end), None)
            whole = mention is not None and all(mention.start <= c.idx < mention.end for c in tok.children if c.dep_ == "compound")
            if place is not None and place.country and entity.type in ("GPE", "LOC") and whole:
                code = place.country  # not "Kenzo Oshima", a person the NER took for a town
        if code is None and entity.type == "PERSON":
            code = self._context_code(entity, tok)
        if code is None:
            return None
        if len(code) == 3 and entity.type == "GPE" and tok.ent_type_ == "GPE":
            ref = countries.lookup(tok.text) if tok.text else None
            mention = next((m.text for m in entity.mentions if m.start <= tok.idx < m.end), tok.text)
            ref = countries.lookup(mention) or ref
            if ref is not None and ref.how in ("capital", "metonym"):
                return code + "GOV"  # "Moscow denied": the capital acting is the government
        if len(code) == 3 and sector and entity.type in ("NORP", "GPE"):
            return code + sector
        return code

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
        current = [r.sector for r in person.roles if not r.former]
        return next(iter(found)) + (current[0] if current else "")

    def sentence_countries(self, tok: Token) -> set[str]:
        sent = tok.sent
        if sent.start in self._sentence_countries:
            return self._sentence_countries[sent.start]
        lo, hi = sent.start_char, sent.end_char
        taken = {r.country for e in self.analysis.entities if e.type == "PERSON" for r in e.roles
                 if r.country and r.evidence and lo <= r.evidence.start < hi}
        for t in sent:  # "the Guatemalan foreign minister", "the South African leader": another state's office
            e = self.entity_at(t)
            if e is not None and e.country and e.type in ("NORP", "GPE") and t.dep_ in ("amod", "compound", "poss", "nmod"):
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
                if ref is not None and ref.how in countries.NAMING and not any(
                        r.evidence and r.evidence.start <= t.idx < r.evidence.end
                        for e in self.analysis.entities if e.type == "PERSON" for r in e.roles):
                    found.add(ref.iso3)
        found = {c for c in found if c not in taken}
        self._sentence_countries[sent.start] = found
        return found


def _venue(verb: Token) -> bool:
    """"offered to meet in Moscow": where a meeting is held is its venue, not its target."""
    from opslens.stages.events import event_lexicon# the lexicon lives with the stage
    cue = event_lexicon().get(("verb", verb.lemma_.lower()))
    return cue is not None and cue.cameo.startswith("04")


def compound(parts: list[ActorRef]) -> ActorRef:
    """Several actors as one ("Hungary and Romania"): entity and code are the first coded part's."""
    first = next((p for p in parts if p.code), parts[0])
    return ActorRef(entity=first.entity, code=first.code, members=parts)


def subject_of(tok: Token) -> Token | None:
    node = tok
    for _ in range(5):
        subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if node.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            if obj is not None and (obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or noun_sector(partitive_head(obj))[0]):
                return obj  # "trained the militia to fight": the militia fights ("opened the bridge to allow …": not the bridge)
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return node.head
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":  # "resorted to throwing …"
            node = node.head
        if node.dep_ not in SHARES_SUBJECT_WITH_COMPLEMENTS | {"prep"} or node.head.i == node.i:
            return None
        node = node.head
    return None


def _governing_verb(noun: Token, states: bool = False) -> Token | None:
    """The verb a noun is the object of ("reimposed blockades", "began a hunger strike"); with
    `states`, also of a state one is on ("went on strike", "remained on alert")."""
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    preps = ("in", "into", "under", "during") + (("on",) if states else ())
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX") \
            and noun.head.lower_ in preps:  # "put under investigation"
        return noun.head.head
    return None


def partitive_head(tok: Token) -> Token:
    """"a group of Moroccan diplomats" → diplomats; "one third of the rebels" → rebels."""
    node = tok
    for _ in range(3):
        if node.lower_ not in PARTITIVES and node.pos_ != "NUM":
            return node
        of = next((g for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        if of is None:
            return node
        node = of
    return node


def _modifiers(tok: Token):
    """The words that modify a noun before it or as its owner: "French" in "French mediation",
    "Romania's" in "Romania's new government" (not "in Buenos Aires")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss"):
            yield c
            yield from _modifiers(c)


def _own_words(tok: Token):
    """An actor phrase's words without its clauses: "a group of Moroccan diplomats" includes
    "Moroccan", "officials who met X" does not include X."""
    yield tok
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "appos", "conj", "cc", "punct"):
            continue
        if c.dep_ == "prep" and c.lower_ not in GROUP_LOCATIVES:
            continue
        yield from _own_words(c)


def _same(a: ActorRef, b: ActorRef, country: bool = False) -> bool:
    """The same actor; with `country`, also any two actors of one country ("Israel", "Israeli")."""
    if a.entity and b.entity and a.entity == b.entity:
        # one entity named in both, but as different actors: "Palestinian police … from
        # Palestinian armed groups" (the country word is shared, the groups are not)
        return not (a.code and b.code and a.code != b.code)
    return country and bool(a.code and b.code) and a.code[:3] == b.code[:3]
