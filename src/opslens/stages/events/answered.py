"""The accusation a rejection answers, when the rejection names it and whose it is.

"De Blasio rejected criticism from Trump that …", "the chair dismissed Sanders' accusations that
…", "Ailes denied the allegations by his former anchor": the rejection reports the accusation it
answers. That accusation is an event of its own (CAMEO 111/112, by its owner), told in the same
sentence, so that a claim and its answer can be linked even when no other sentence or article
reports the claim (`link/contested.py`). It is aimed at the subject of its "that" clause or its
"against X" when they name an actor ("accusations that the Clinton campaign broke the law"), else
at the one who rejects it: criticism one answers is most often criticism of oneself.

Only claim nouns that accuse (`lexicons/contest_cues.tsv`, column cameo) and only with an owner
(a possessive, "from X", "by X"): "denied the charges" names no accuser, and inventing one would
put words in someone's mouth.
"""

from __future__ import annotations

from spacy.tokens import Token

from opslens.contract import ActorRef, Event
from opslens.knowledge.contest_cues import accusation_codes, contest_kind
from opslens.knowledge.event_codes import EventCue
from opslens.stages.events.actors import Actors
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.record import Context, make

OWNER_PREPS = {"from", "by"}
CLAUSES = {"acl", "ccomp", "relcl"}
TOLD = {"asserted", "reported"}  # a rejection made; one planned, refused or supposed answers nothing yet


def answered_claim(ctx: Context, verb: Token, rejection: Event, vid: str) -> Event | None:
    """The accusation the rejection told by `verb` names with its owner, as an event; else None."""
    if contest_kind(rejection.rule) is None or rejection.source_actor is None or rejection.modality not in TOLD:
        return None
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in accusation_codes()), None)
    owner = _owner(noun, ctx) if noun is not None else None
    if noun is None or owner is None:
        return None
    source = ctx.actors.codes.ref(owner)
    target = _accused(noun, ctx) or rejection.source_actor
    if source is None or not (source.code or source.entity) or source == target:
        return None
    lemma = noun.lemma_.lower()
    cameo = accusation_codes()[lemma]
    cue = EventCue(lemma, "noun", cameo, False, False, None)
    claim = make(ctx, noun, cue, vid, Actors(source, target), cameo, None, f"claim:{lemma}")
    if claim is None:
        return None
    # told as its answer is told: who reports the rejection reports the accusation it names (the
    # words around the noun are the answer's, "rejected", not a denial or a report of the accuser)
    return claim.model_copy(update={"modality": rejection.modality, "attribution": rejection.attribution})


def _owner(noun: Token, ctx: Context) -> Token | None:
    """Whose accusation: "Sanders' accusations", "criticism from Trump", "charges by the FBI"."""
    for child in noun.children:
        if child.dep_ == "poss" and ctx.actors.codes.actor_like(child):
            return child
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and ctx.actors.codes.actor_like(obj):
                return obj
    return None


def _accused(noun: Token, ctx: Context) -> ActorRef | None:
    """Whom the accusation names as its target: "accusations against X", "criticism that X …"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "against":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and ctx.actors.codes.actor_like(obj):
                return ctx.actors.codes.ref(obj)
        if child.dep_ in CLAUSES and child.pos_ in ("VERB", "AUX"):
            subject = subject_of(child)
            if subject is not None and subject.pos_ != "PRON" and ctx.actors.codes.actor_like(subject):
                ref = ctx.actors.codes.ref(subject)
                if ref is not None and (ref.code or ref.entity):
                    return ref
    return None
