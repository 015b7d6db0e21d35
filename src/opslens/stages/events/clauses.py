"""Where an actor stands in its clause: the subject of a verb, found through the verbs it hangs
from ("agreed to provide", "is ready to contribute", "trained the militia to fight"), and the verb
a noun is the object of ("reimposed blockades", "went on strike").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from opslens.knowledge import cameo_verbs, read_tsv
from opslens.knowledge.event_codes import event_lexicon
from opslens.nlp.deps import SHARES_SUBJECT_WITH_COMPLEMENTS, SUBJECTS
from opslens.nlp.tense import WILLING_NOUNS
from opslens.stages.events.groups import noun_sector, partitive_head


def subject_of(tok: Token) -> Token | None:
    """The subject of a verb, else of the verb it shares its subject with (up to five steps up);
    the object of "trained X to fight" for its infinitive; the noun a relative clause hangs from."""
    node = tok
    for _ in range(5):
        subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if node.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            if obj is not None and (
                obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or noun_sector(partitive_head(obj))[0]
            ):
                # "trained the militia to fight": the militia fights
                # ("opened the bridge to allow …": not the bridge)
                return obj
        if node.dep_ == "acl" and (_said_thing(node.head) or _willingness(node.head)):
            node = node.head.head  # "issued a statement accusing X", "expressed willingness to talk"
            continue
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return node.head
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":  # "resorted to throwing …"
            node = node.head
        if node.dep_ not in SHARES_SUBJECT_WITH_COMPLEMENTS | {"prep"} or node.head.i == node.i:
            return None
        node = node.head
    return None


def _willingness(noun: Token) -> bool:
    """ "expressed (its) willingness to", "signalled readiness to": whoever shows it is willing."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.lemma_.lower() in WILLING_NOUNS


def _said_thing(noun: Token) -> bool:
    """A document issued or sent ("issued a statement accusing X", "sent a letter urging X"): a
    document noun of `lexicons/source_words.tsv` that a verb has as its object (not "tapped links
    leading into X": links say nothing)."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.lemma_.lower() in _documents()


@cache
def _documents() -> frozenset[str]:
    return frozenset(row["phrase"] for row in read_tsv("source_words.tsv") if row["role"] == "document")


def governing_verb(noun: Token, states: bool = False) -> Token | None:
    """The verb a noun is the object of ("reimposed blockades", "began a hunger strike"); with
    `states`, also of a state one is on ("went on strike", "remained on alert")."""
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    preps = ("in", "into", "under", "during") + (("on",) if states else ())
    if (
        noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and noun.head.head.pos_ in ("VERB", "AUX")
        and noun.head.lower_ in preps
    ):  # "put under investigation"
        return noun.head.head
    return None


def trip_for(noun: Token) -> Token | None:
    """ "arrived in Baghdad for talks with X", "travelled to Moscow for a summit": the verb of going
    or meeting (its own CAMEO code 04, `knowledge.cameo_verbs`) whose "for" the noun is the purpose
    of; not a phrase of its own ("called for talks" is a request)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    verb = prep.head
    entry = cameo_verbs.verb(verb.lemma_.lower())
    if entry is None or not (entry.code or "").startswith("04"):
        return None
    return None if ("verb", f"{verb.lemma_.lower()} for") in event_lexicon() else verb


CLAIMS = {"responsibility", "credit"}  # "claimed responsibility for", "took credit for"
OWNING = {"claim", "accept", "admit", "take", "acknowledge", "assume", "bear"}  # not "denied responsibility"


def claimed_by(noun: Token) -> Token | None:
    """ "The Taliban claimed responsibility for the bombing": the verb whose subject owns the act
    as its author (the dictionary codes the claim itself, CAMEO 015, a statement PLOVER drops)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in CLAIMS:
        return None
    claim = prep.head
    verb = claim.head
    if claim.dep_ != "dobj" or verb.lemma_.lower() not in OWNING or verb.pos_ != "VERB":
        return None
    return None if any(c.dep_ == "neg" for c in verb.children) else verb


def for_clause(clause: Token) -> bool:
    """ "called for X to withdraw": the parse hangs "X to withdraw" on the verb as a clause whose
    mark is "for", not as the object of a preposition."""
    return clause.dep_ in ("advcl", "ccomp", "xcomp") and any(
        m.dep_ == "mark" and m.lower_ == "for" for m in clause.children
    )


def by_whom(thing: Token) -> Token | None:
    """The agent of a participle on a thing: "shells fired by Serb forces", "a bomb planted by
    rebels" → who fired, who planted."""
    for acl in thing.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None
