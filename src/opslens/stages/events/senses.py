"""Event verbs read in a sense they do not have in their sentence.

A verb of force whose object or "in/for/at …" phrase is a contest of votes, a rank or a rival
(`lexicons/contest_words.tsv`) tells a contest won or lost: "beat her rival in the caucuses",
"swept his challenger in five states", "took the lead in the polls" are no attacks or seizures;
one with no one fought, only a thing striven for, is striving ("fought for the bill").
A verb of meeting or calling with an object predicate names ("called the ruling a disgrace",
"call it the politics of pique"); one that names no partner but a topic is speech ("he talked
about unity"). A verb of force done by words ("attacked X, questioning whether …", "hit back by
accusing X of …") is criticism (CAMEO 111), `verbal`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from opslens.knowledge.event_codes import EventCue, contest_words
from opslens.knowledge.speech_cues import cue_lexicon
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.groups import noun_sector, partitive_head

# investigations and sweeps, coercion, assault, fighting, mass violence: physical acts
FORCE_ROOTS = ("09", "17", "18", "19", "20")
ASSAULT_ROOTS = ("18", "19", "20")  # assault, fighting, mass violence
CONTEST_PREPS = {"in", "for", "at", "across"}
ACTOR_TYPES = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}  # actors and places
MODALS = {"will", "would", "shall", "should", "must", "can", "could", "may", "might", "'ll"}  # an act to come
TOPIC_PREPS = {"about", "of"}  # "talked about unity"
PARTNER_PREPS = {"with", "to", "between", "among"}  # "talked with X about …"
WORD_CLASSES = {"speech", "evaluation", "writing"}  # speech cues that are words said: "questioning", "accusing"


def other_sense(verb: Token, cue: EventCue) -> bool:
    """Is the event verb in a sense other than its code's here?"""
    if _contest(verb, cue) or _striving(verb, cue) or _naming(verb, cue):
        return True
    return _topic_only(verb, cue) or _opinion(verb, cue)


def verbal(verb: Token, cue: EventCue) -> EventCue:
    """ "attacked X, questioning whether he was fit", "hit back by accusing X of lying": a verb
    of force whose manner is words said is criticism (CAMEO 111), not force."""
    if not cue.cameo.startswith(ASSAULT_ROOTS):
        return cue
    said = cue_lexicon("verb")
    for c in verb.children:
        manner = [c] if c.dep_ == "advcl" else [g for g in c.children if g.dep_ == "pcomp"] if c.lower_ == "by" else []
        for m in manner:
            if m.tag_ == "VBG" and (found := said.get(m.lemma_.lower())) is not None and found.kind in WORD_CLASSES:
                return replace(cue, phrase=f"{verb.lemma_.lower()} by {m.lower_}", cameo="111", plover=None, bare=False)
    return cue


def _contest(verb: Token, cue: EventCue) -> bool:
    """A verb of force whose object or "in/for/at" phrase is a contest, a rank or a rival."""
    if not cue.cameo.startswith(FORCE_ROOTS):
        return False
    words = contest_words()
    return any(w.lemma_.lower() in words or w.lower_ in words for w in _named(verb))


def _striving(verb: Token, cue: EventCue) -> bool:
    """ "fought for the bill", "will fight to the bitter end": a verb of fighting with no one
    fought, only a thing striven for or an end, is striving (WordNet "fight": strive, campaign)."""
    if not cue.cameo.startswith(ASSAULT_ROOTS) or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    if not any(p.lower_ in ("for", "to") for p in preps) or any(p.lower_ not in ("for", "to") for p in preps):
        return False
    things = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")]
    things += [w for g in things for p in g.children if p.lower_ == "of" for w in p.children]  # "control of X"
    return bool(things) and not any(_someone(g) for g in things)


def _someone(word: Token) -> bool:
    """An actor or a place, by its entity, its tag, or a noun of people."""
    return word.ent_type_ in ACTOR_TYPES or word.pos_ in ("PROPN", "PRON") or noun_sector(partitive_head(word))[0]


def _naming(verb: Token, cue: EventCue) -> bool:
    """ "called the ruling a disgrace": a verb of meeting or calling with an object predicate."""
    return cue.cameo.startswith("04") and any(c.dep_ == "oprd" for c in verb.children)


def _topic_only(verb: Token, cue: EventCue) -> bool:
    """ "Governor Hale talked about unity": a verb of meeting with a topic, no partner and one
    speaker (not "the two leaders talked about trade") is speech."""
    if not (cue.mutual and cue.cameo.startswith("04")):
        return False
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    if not preps & TOPIC_PREPS or preps & PARTNER_PREPS or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    subject = subject_of(verb)  # "topics she wants to talk about": the subject of "wants"
    return (
        subject is not None
        and subject.tag_ in ("NN", "NNP", "PRP")
        and not any(c.dep_ == "conj" for c in subject.children)
    )


def _opinion(verb: Token, cue: EventCue) -> bool:
    """ "everyone agrees the law was flawed": agreeing that something is so, with no act to come
    (no modal, no infinitive), is sharing an opinion, not an agreement to act (CAMEO 03)."""
    if not (cue.mutual and cue.cameo.startswith("03")) or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(
        a.dep_ == "aux" and (a.lower_ in MODALS or a.lower_ == "to") for c in clauses for a in c.children
    )


def _named(verb: Token) -> list[Token]:
    """The nouns of the verb's object and of its "in/for/at" phrases, with their modifiers."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in CONTEST_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return [w for h in heads for w in (h, *h.children) if w.i == h.i or w.dep_ in ("compound", "amod")]
