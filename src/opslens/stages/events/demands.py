"""Demands in reported speech: a speech verb whose complement says what another must do ("said X
must withdraw", "insisted that Y should resign", "says X has to go"), or a verb of wishing whose
infinitive has a subject of its own ("wants Russia to withdraw"), is a demand of X by the
speaker, carried by the report of those words (their speaker reports it; the outlet only relays it).
The words of the demanded clause are then no events of their own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.contract import ActorRef, Event
from opslens.knowledge.event_codes import EventCue, event_lexicon
from opslens.nlp import token_heads, token_strings
from opslens.nlp.tense import OBLIGED_AUX
from opslens.stages.events.actors import Actors
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.record import Context, make

OBLIGATION_HEADS = {"have", "need"}  # "has to", "needs to"
FIRST_PERSON = {"i", "we"}
THIRD_PERSON = {"it", "they", "he", "she"}
CONDITIONS = {"if", "when", "whenever", "once", "unless"}  # "if you …, you have to …": anyone


def demand_clauses(doc: Doc) -> dict[int, Token]:
    """Speech verbs whose complement says what someone must do ("said X must withdraw",
    "insisted that Y should resign"), and verbs of wishing whose infinitive has its own subject
    ("wants X to leave") → {speech or wishing verb index: the obliged clause's verb}."""
    lex = event_lexicon()
    out: dict[int, Token] = {}
    deps, pos, lemmas, heads = (*(token_strings(doc, a) for a in ("DEP", "POS", "LEMMA")), token_heads(doc))
    for i, dep in enumerate(deps):  # from the token arrays: a Token only for a clause's verb
        head = heads[i]
        if dep not in ("ccomp", "xcomp") or pos[head] not in ("VERB", "AUX"):
            continue
        tok, lemma = doc[i], lemmas[head].lower()
        if dep == "xcomp":
            if ("speech", lemma) in lex and _told_to(tok) and ("verb", f"{lemma} to {tok.lemma_.lower()}") not in lex:
                out[head] = tok  # "told Washington to stop arming Taiwan": a demand of the one told (not "to leave")
            continue
        said = _demanding(lex, lemma) is not None and _obliged(tok) and not _own_side(tok)
        if said or (("wish", lemma) in lex and _wished_of_another(tok)):
            out[head] = tok
    return out


def _demanding(lex: dict[tuple[str, str], EventCue], lemma: str) -> EventCue | None:
    """A verb of saying, or of demanding ("X must go, they demanded"), whose obliged clause is a demand."""
    verb = lex.get(("verb", lemma))
    return lex.get(("speech", lemma)) or (verb if verb is not None and verb.cameo.startswith("10") else None)


def _told_to(clause: Token) -> bool:
    """An infinitive of a verb of saying that has someone told: "told X to leave"."""
    told = any(c.dep_ in ("dobj", "dative") for c in clause.head.children)
    return told and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _wished_of_another(clause: Token) -> bool:
    """ "wants Russia to withdraw": an infinitive with a subject of its own is wished of that actor."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and any(
        c.dep_ == "nsubj" for c in clause.children
    )


def _own_side(clause: Token) -> bool:
    """ "We have to look at X as …", "I must say": what the speaker's own side must do is resolve,
    not a demand of another actor."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None and clause.lemma_.lower() in OBLIGATION_HEADS:
        subject = subject_of(clause)
    return subject is not None and (subject.lower_ in FIRST_PERSON or _anyone(clause, subject))


def _anyone(clause: Token, subject: Token) -> bool:
    """ "If you take a paycheck from X, you have to be careful": a "you" whose condition is also
    said of "you" is anyone (the generic "you"), not an actor told what to do."""
    if subject.lower_ != "you":
        return False
    conditions = [c for c in clause.children if c.dep_ == "advcl"]
    return any(
        any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        and any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ == "you" for s in c.children)
        for c in conditions
    )


def _obliged(verb: Token) -> bool:
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if "have" in aux and verb.tag_ == "VBN":
        return False  # "should have beaten X": a judgment of what was not done, not a demand
    if any(a in OBLIGED_AUX for a in aux):
        return True
    return verb.lemma_.lower() in OBLIGATION_HEADS and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
    )


def _coded(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.code or ref.members)


def _oneself(speaker: ActorRef | None, obliged: ActorRef | None) -> bool:
    """ "Israel said it must respond", "the chancellor said Germany must act": what a state or its
    government says it must do itself is its resolve, not a demand of another actor."""
    if speaker is None or obliged is None:
        return False
    if speaker.entity is not None and speaker.entity == obliged.entity:
        return True
    own, other = speaker.code or "", obliged.code or ""
    return len(other) == 3 and own[:3] == other and own[3:6] in ("", "GOV")


def in_demand(tok: Token, demanded: dict[int, Token]) -> bool:
    """Is this word inside a demanded clause (or its verb)?"""
    if not demanded:
        return False
    clauses = {v.i for v in demanded.values()}
    node = tok
    while True:
        if node.i in clauses:
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def demand(ctx: Context, speech: Token, clause: Token, vid: str) -> Event | None:
    """The demand a speech verb makes of the subject of its obliged clause (a target only when
    it codes as an actor)."""
    lex, lemma = event_lexicon(), speech.lemma_.lower()
    demanding = _demanding(lex, lemma)
    cue = demanding or lex[("wish", lemma)]
    obliged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    addressee = next((c for c in speech.children if c.dep_ in ("dobj", "dative")), None)
    if obliged is None and clause.dep_ == "xcomp":
        obliged = addressee  # "told X to leave"
    elif obliged is None and clause.lemma_.lower() in OBLIGATION_HEADS:
        obliged = subject_of(clause)
    if obliged is not None and obliged.lower_ in THIRD_PERSON and addressee is not None:
        obliged = addressee  # "told Iran it must release …": the one told is the one obliged
    actors = Actors(ctx.actors.codes.ref(subject_of(speech)), ctx.actors.codes.ref(obliged))
    if _oneself(actors.source, actors.target):
        return None
    if (demanding is None or clause.dep_ == "xcomp") and not (_coded(actors.source) and _coded(actors.target)):
        return None  # "I want you to know", "told reporters to wait": no actor's demand of another
    if actors.target is not None and actors.target.code is None:
        actors.target = None
    # the demand is in the words said ("He added: “X must withdraw”"): the report that holds them carries it
    return make(ctx, speech, cue, vid, actors, cue.cameo, cue.plover, "demand", said=clause)
