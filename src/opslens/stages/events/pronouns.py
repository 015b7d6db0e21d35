"""Whom a pronoun actor stands for. `referent` is the one entry point (the events stage's pronoun
resolution, in one place so that it can be swapped for a shared one): the speaker of the words the
pronoun is the subject of ("X said it would …"), else the entity named last before it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from opslens.contract import Entity
from opslens.nlp.deps import SUBJECTS
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.groups import noun_sector

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
THING_PRONOUNS = {"it", "its", "they", "their", "them"}

EntityAt = Callable[[Token], "Entity | None"]


def referent(pronoun: Token, entity_at: EntityAt) -> Token | Entity | None:
    """What a pronoun actor stands for: the phrase naming the speaker whose words it is the
    subject of (a token, to be coded as an actor phrase), else its antecedent entity, else None."""
    speaker = _speaker_of(pronoun, entity_at)
    if speaker is not None:
        return speaker
    return _antecedent(pronoun, entity_at)


def _speaker_of(pronoun: Token, entity_at: EntityAt) -> Token | None:
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
    named = entity_at(speaker)
    person = named is not None and named.type == "PERSON"
    if pronoun.lower_ == "they":
        return speaker if plural or not person else None
    if pronoun.lower_ == "it":
        return speaker if not plural and not person else None
    return speaker if person or noun_sector(speaker)[0] else None


def _antecedent(pronoun: Token, entity_at: EntityAt) -> Entity | None:
    """"it"/"they" → the last country or organisation named before it in the article (within the
    60 words before its sentence); "he"/"she" → the last person who was a subject (else the last
    person named)."""
    word = pronoun.lower_
    types = ("PERSON",) if word in PERSON_PRONOUNS else ("GPE", "ORG", "NORP") if word in THING_PRONOUNS else None
    if types is None:
        return None
    last = subject = None
    for tok in pronoun.doc[max(0, pronoun.sent.start - 60):pronoun.i]:
        e = entity_at(tok)
        if e is None or e.type not in types:
            continue
        last = e
        if tok.dep_ in SUBJECTS or tok.head.dep_ in SUBJECTS:
            subject = e
    return subject or last
