"""Event verbs read in a sense they do not have in their sentence.

A verb of force whose object or "in/for/at …" phrase is a contest of votes, a rank or a rival
(`lexicons/contest_words.tsv`) tells a contest won or lost: "beat her rival in the caucuses",
"swept his challenger in five states", "took the lead in the polls" are no attacks or seizures.
"""

from __future__ import annotations

from spacy.tokens import Token

from opslens.knowledge.event_codes import EventCue, contest_words

# investigations and sweeps, coercion, assault, fighting, mass violence: physical acts
FORCE_ROOTS = ("09", "17", "18", "19", "20")
CONTEST_PREPS = {"in", "for", "at", "across"}


def other_sense(verb: Token, cue: EventCue) -> bool:
    """Is the event verb in a sense other than its code's here?"""
    return _contest(verb, cue)


def _contest(verb: Token, cue: EventCue) -> bool:
    """A verb of force whose object or "in/for/at" phrase is a contest, a rank or a rival."""
    if not cue.cameo.startswith(FORCE_ROOTS):
        return False
    words = contest_words()
    return any(w.lemma_.lower() in words or w.lower_ in words for w in _named(verb))


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
