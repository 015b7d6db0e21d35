"""Who did it and to whom: an event's source and target actors, read from the dependency parse.

The source is the subject of the event word (or of the verb it hangs from: "agreed to provide",
"is ready to contribute"), the agent of a passive ("was attacked by X"), or for a noun its
owner ("Serbia's crackdown"), its national adjective ("the Israeli pullback"), its "by X", or
the subject of the verb that governs it ("Israel reimposed blockades"). The target is found by
`targets.TargetFinder`. An act of purpose is done by the group it was prepared for ("trained X to
fight Y": X fights). Each actor phrase is coded by `actor_codes.ActorCoder`.

For mutual acts ("X and Y signed", "X telephoned Y", "talks with Y") both sides are the source and
the event is reciprocal, with no target; so is an act between two sides that no one else does ("the
talks between X and Y collapsed"). A country inferred for an actor from its sentence is dropped when
the other side is that very country acting as a state (`ActorReader._unless_abroad`).

A dictionary pattern of an act the subject receives (`[:b]`: "received a loan from X", "died in X's
custody") is done to the subject by the other side. A state acts at home: its measures on its own
people (a curfew, a state of emergency, martial law: `DOMESTIC_MEASURES`) with no one else named are
aimed at its own country, and an unnamed group of people it acts on in a sentence naming no other
country is its own ("Kenyan police arrested 20 protesters": KENCOP → KENCVL).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from opslens.contract import ActorRef, Analysis
from opslens.knowledge.countries import country_name
from opslens.knowledge.event_codes import EventCue
from opslens.knowledge.sectors import LOCAL_SECTORS, STATE_SECTORS
from opslens.stages.events.actor_codes import ActorCoder, compound
from opslens.stages.events.clauses import by_whom, claimed_by, governing_verb, subject_of, trip_for
from opslens.stages.events.groups import noun_sector, own_words, partitive_head
from opslens.stages.events.targets import Found, TargetFinder


@dataclass
class Actors:
    """An event's source and target; `reciprocal` when both sides act (the target is then None);
    `target_is_place` when the target is only the place the act was aimed at."""

    source: ActorRef | None
    target: ActorRef | None
    reciprocal: bool = False
    target_is_place: bool = False


class ActorReader:
    """Reads the source and target of the event words of one parsed document.

    It reads the dependency parse around an event word, and the entities and places the earlier
    stages found (`analysis.entities`, `analysis.places`, by character offset). For a verb
    (`for_verb`) it finds, in this order: the subject (or the group an act of purpose was prepared
    for), the passive's agent, then the target (`TargetFinder.of_verb`); for a noun (`for_noun`):
    its owner, "by X", a national modifier, else the subject of its governing verb, then the
    target (`TargetFinder.of_noun`). Both phrases are then coded (`ActorCoder.ref`), a country
    only inferred is dropped across a border (`_unless_abroad`), a target that is the source or
    names nothing is dropped, and a mutual act becomes reciprocal (`_actors`).
    """

    def __init__(self, doc: Doc, analysis: Analysis):
        self.codes = ActorCoder(doc, analysis)
        self.targets = TargetFinder(self.codes)

    def for_verb(self, tok: Token, cue: EventCue) -> Actors:
        """ "X attacked Y", "Y was attacked by X", "a plan backed by X", "X resigned"."""
        subject = self._trained(tok) or subject_of(tok)
        if subject is not None and not self.codes.names_actor(subject):
            subject = by_whom(subject)  # "shells fired by Serb forces hit X": who fired them
        if subject is not None and not self.codes.names_actor(subject):
            subject = None  # "the bombing killed 58 people": an act, not an actor
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == tok.i:
            if cue.self_directed and agent is None:  # "the rebels have been demobilized": they did it
                return self._actors(cue, subject, None, None)
            to = self.targets.prep_target(tok, {"to"}) if agent is None else None
            if to is not None:  # "X is opposed to Y", "X is committed to Y": a state of X's
                return self._actors(cue, subject, to, "prep")
            if agent is not None and not names_anyone(self.codes.ref(subject)):
                found = self._by_doer(tok, cue, agent)  # "aid was delivered to Y by X"
                if found is not None and found.target is not None:
                    return found
            return self._actors(cue, agent, subject, "object")
        if agent is not None and tok.tag_ == "VBN":
            if tok.dep_ == "acl":  # "a plan backed by X"
                return self._actors(cue, agent, tok.head, "object")
            found = self._by_doer(tok, cue, agent)  # "sanctions were imposed on Y by X"
            return found or self._actors(cue, agent, None, "object")  # "beaten by agents for X": whose agents
        if cue.self_directed:
            to = self.targets.prep_target(tok, {"to"}) if cue.cameo.startswith("08") else None
            return self._actors(cue, subject, to, "prep" if to is not None else None)  # "surrendered to X"
        target, how = self.targets.of_verb(tok, cue, subject)
        if cue.received:  # "received a loan from X", "died in X's custody": X did it to the subject
            return self._actors(cue, target, subject, "object")
        return self._actors(cue, subject, target, how)

    def _by_doer(self, verb: Token, cue: EventCue, agent: Token) -> Actors | None:
        """A passive's "by X" that codes as an actor, with the verb's own target ("on Y", "to Y");
        None for a doer with no code."""
        named = self.codes.ref(agent)
        if named is None or not (named.code or named.members):
            return None
        target, how = self.targets.of_verb(verb, cue, agent)
        return self._actors(cue, agent, target, how)

    def _trained(self, verb: Token) -> Token | None:
        """ "trained Syrian opposition forces to fight X": the named group an act of purpose was
        prepared for acts in it (not "used tear gas to disperse X", not "sent its troops", not
        "opened the Friendship Bridge to allow …")."""
        if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is None or self.targets.own_forces(obj):
            return None
        named = self.codes.entity_at(obj)
        if not (noun_sector(partitive_head(obj))[0] or (named is not None and named.type in ("PERSON", "ORG", "NORP"))):
            return None  # "opened the Friendship Bridge to allow …": a thing prepared is no actor
        return obj if any(self.codes.entity_at(t) for t in own_words(obj)) else None

    def for_noun(self, noun: Token, cue: EventCue) -> Actors:
        """ "X held talks with Y", "Y's sanctions on Z", "the X attack on Y", "rallies by X"; for a
        noun that is an act only with its verb ("accepted the miners' demands", "lodged a protest"),
        the verb's subject, and the noun's owner is the target."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        source = owner if cue.pos != "object" else None
        if source is None and cue.pos != "object":
            source = next(
                (
                    g
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ == "by"
                    for g in c.children
                    if g.dep_ == "pobj" and self.codes.actor_like(g)
                ),
                None,
            )
        if source is None and cue.pos != "object":
            source = next(
                (
                    c
                    for c in noun.children
                    if c.dep_ in ("compound", "amod", "nmod")
                    and (e := self.codes.entity_at(c)) is not None
                    and e.country
                ),
                None,
            )
        verb = governing_verb(noun, states=cue.cameo[:2] in ("14", "15"))
        if source is None and verb is None and cue.cameo.startswith("04"):
            verb = trip_for(noun)  # "arrived in Baghdad for talks with X": who arrived
        if source is None and verb is None:
            verb = claimed_by(noun)  # "X claimed responsibility for the bombing": X bombed
        if source is None and verb is not None:
            source = subject_of(verb)
            if source is not None and source.dep_ == "nsubjpass":
                source = None
        if cue.self_directed:
            return self._actors(cue, source, None, None)
        target, how = self.targets.of_noun(noun, cue, owner, source, verb)
        return self._actors(cue, source, target, how)

    def _actors(self, cue: EventCue, source: Found, target: Found, how: str | None) -> Actors:
        """The source and target coded; a target that is the source or names nothing dropped; a
        mutual act with both sides named made reciprocal ("X and Y signed", "X met Y")."""
        src = self.codes.ref(source) if isinstance(source, Token) else source
        tgt = self.codes.ref(target) if isinstance(target, Token) else target
        src, tgt = self._unless_abroad(src, tgt), self._unless_abroad(tgt, src)
        if tgt is not None and src is not None and _same(src, tgt):
            tgt = None
        if tgt is not None and tgt.code is None and tgt.entity is None and not tgt.members:
            tgt = self._at_home(target, src)
        if tgt is None and cue.cameo in DOMESTIC_MEASURES:
            tgt = _own_country(src)
        if src is None and tgt is not None and tgt.members and _between(target):
            return Actors(tgt, None, reciprocal=True)  # "talks between X and Y", "fighting between X and Y"
        if cue.mutual and src is not None:
            if (
                src.members
                and tgt is not None
                and (how == "place" or any(_same(m, tgt, country=True) for m in src.members))
            ):
                tgt = None  # "X and Y signed a treaty in Z": Z is the venue
            if src.members and tgt is None:
                return Actors(src, None, reciprocal=True)
            if tgt is not None and how in ("object", "with"):
                return Actors(compound((src.members or [src]) + (tgt.members or [tgt])), None, reciprocal=True)
        return Actors(src, tgt, target_is_place=how == "place")

    def _at_home(self, target: Found, src: ActorRef | None) -> ActorRef | None:
        """ "Kenyan police arrested 20 protesters": an unnamed group of people (civilians, workers,
        students…) that a state acts on, in a sentence that names no other country, is that state's
        own; a group from elsewhere is named so ("Somali civilians", "refugees from X")."""
        home = _own_country(src)
        if home is None or not isinstance(target, Token) or not home.code:
            return None
        is_actor, sector = noun_sector(partitive_head(target))
        if not is_actor or sector not in LOCAL_SECTORS or self.codes.sentence_countries(target) - {home.code}:
            return None
        return ActorRef(entity=None, code=home.code + sector)

    def _unless_abroad(self, ref: ActorRef | None, other: ActorRef | None) -> ActorRef | None:
        """An actor whose country was only inferred from the sentence's one country loses it when
        the other side of the event is that very country acting or acted on as a state: "President
        X praised Norway", "President X visited Moscow", "militants fired rockets into Israel" are
        most often acts across a border. Domestic counterparts keep it: opposition groups, the
        government facing its own rebels, a curfew imposed in a city."""
        if ref is None or other is None or not other.code or self.codes.is_place(other):
            return ref
        parts = ref.members or [ref]
        kept = [self._abroad(p, other) for p in parts]
        if all(k is p for k, p in zip(kept, parts)):
            return ref
        return compound(kept) if ref.members else kept[0]

    def _abroad(self, ref: ActorRef, other: ActorRef) -> ActorRef:
        kind = self.codes.inferred(ref)
        if kind is None or not ref.code or not other.code or ref.code[:3] != other.code[:3]:
            return ref
        state = len(other.code) == 3 or (kind == "office" and other.code[3:6] in ("GOV", "MIL"))
        if kind == "office" and ref.code[3:6] not in ("GOV", "MIL", ""):
            return ref  # judges and police act at home
        return ActorRef(entity=ref.entity, code=None) if state else ref


# CAMEO codes of measures a state takes on its own people (the codebook's "impose/ease/threaten to
# impose restrictions on political freedoms, a ban on parties, a curfew, a state of emergency or
# martial law"): with no one else named, they are aimed at the state's own country
DOMESTIC_MEASURES = frozenset(
    {"0811", "0812", "0813", "0814", "1321", "1322", "1323", "1324", "1721", "1722", "1723", "1724"}
)


def _between(target: Found) -> bool:
    """Was the target found as "between X and Y" (both sides of what no one else does)?"""
    return isinstance(target, Token) and target.head.lower_ == "between" and target.dep_ == "pobj"


def _own_country(ref: ActorRef | None) -> ActorRef | None:
    """The country of a state actor (a country, its government, forces, courts or police), as the
    target of a measure it takes at home; None for any other actor."""
    code = ref.code if ref is not None and not ref.members else None
    if not code or country_name(code[:3]) is None or (len(code) > 3 and code[3:6] not in STATE_SECTORS):
        return None
    return ActorRef(entity=None, code=code[:3])


def _same(a: ActorRef, b: ActorRef, country: bool = False) -> bool:
    """The same actor; with `country`, also any two actors of one country ("Israel", "Israeli")."""
    if a.entity and b.entity and a.entity == b.entity:
        # one entity named in both, but as different actors: "Palestinian police … from
        # Palestinian armed groups" (the country word is shared, the groups are not)
        return not (a.code and b.code and a.code != b.code)
    if not country or not a.code or not b.code:
        return False
    return a.code[:3] == b.code[:3]


def names_anyone(ref: ActorRef | None) -> bool:
    """Does an actor reference name someone: an entity, a code or members?"""
    return ref is not None and bool(ref.code or ref.entity or ref.members)
