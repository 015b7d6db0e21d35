"""Demands in reported speech: a speech verb whose complement says what another must do ("said X
must withdraw", "insisted that Y should resign", "says X has to go") is a demand of X by the
speaker, carried by the report of those words (their speaker reports it; the outlet only relays it).
The words of the demanded clause are then no events of their own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.contract import Event
from opslens.knowledge.event_codes import event_lexicon
from opslens.nlp.tense import OBLIGED_AUX
from opslens.stages.events.actors import Actors
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.record import Context, make

OBLIGATION_HEADS = {"have", "need"}  # "has to", "needs to"
FIRST_PERSON = {"i", "we"}
THIRD_PERSON = {"it", "they", "he", "she"}
CONDITIONS = {"if", "when", "whenever", "once", "unless"}  # "if you …, you have to …": anyone


def demand_clauses(doc: Doc) -> dict[int, Token]:
    """Speech verbs whose complement says what someone must do: "said X must withdraw",
    "insisted that Y should resign" → {speech verb index: the obliged clause's verb}."""
    lex = event_lexicon()
    out: dict[int, Token] = {}
    for tok in doc:
        if tok.dep_ != "ccomp" or not _obliged(tok) or _own_side(tok):
            continue
        head = tok.head
        cue = lex.get(("speech", head.lemma_.lower()))
        if cue is not None and head.pos_ in ("VERB", "AUX"):
            out[head.i] = tok
    return out


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
    cue = event_lexicon()[("speech", speech.lemma_.lower())]
    obliged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if obliged is None and clause.lemma_.lower() in OBLIGATION_HEADS:
        obliged = subject_of(clause)
    addressee = next((c for c in speech.children if c.dep_ in ("dobj", "dative")), None)
    if obliged is not None and obliged.lower_ in THIRD_PERSON and addressee is not None:
        obliged = addressee  # "told Iran it must release …": the one told is the one obliged
    actors = Actors(ctx.actors.codes.ref(subject_of(speech)), ctx.actors.codes.ref(obliged))
    if actors.target is not None and actors.target.code is None:
        actors.target = None
    # the demand is in the words said ("He added: “X must withdraw”"): the report that holds them carries it
    return make(ctx, speech, cue, vid, actors, cue.cameo, cue.plover, "demand", said=clause)
