"""Whom a pronoun actor stands for: the speaker of the words the pronoun is the subject of ("X said
it would …"), else its antecedent by the rule every stage shares (`nlp.mentions.antecedent`, in
its NEARBY variant: the last country, organisation, people or person named near it).
"""

from __future__ import annotations

from spacy.tokens import Token

from opslens.contract import Entity
from opslens.nlp.deps import SUBJECTS
from opslens.nlp.mentions import NEARBY, Mentions, antecedent
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.groups import noun_sector


def referent(pronoun: Token, mentions: Mentions) -> Token | Entity | None:
    """What a pronoun actor stands for: the phrase naming the speaker whose words it is the
    subject of (a token, to be coded as an actor phrase), else its antecedent entity, else None."""
    speaker = _speaker_of(pronoun, mentions)
    if speaker is not None:
        return speaker
    return antecedent(pronoun, mentions, NEARBY)


def _speaker_of(pronoun: Token, mentions: Mentions) -> Token | None:
    """ "X said (that) it/they/he would …": the pronoun subject of what someone says is the
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
    named = mentions.entity_at(speaker)
    person = named is not None and named.type == "PERSON"
    if pronoun.lower_ == "they":
        return speaker if plural or not person else None
    if pronoun.lower_ == "it":
        return speaker if not plural and not person else None
    return speaker if person or noun_sector(speaker)[0] else None
