"""Who a cue's words come from, as the parse shows it: its subject (or the subject of the clause
it shares one with), its passive agent, the two of "X quoted Y as saying", and the noun phrase of
each without a dateline or a closing date.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.knowledge.speech_cues import Cue
from opslens.nlp import token_flags, token_heads, token_strings
from opslens.nlp.deps import SHARES_SUBJECT, SUBJECTS  # a cue's subject is its head's: "…, saying", "smiled and said"
from opslens.nlp.spans import Tokens
from opslens.stages.attributions.cues import relayed
from opslens.stages.attributions.found import Found

BREAKS = (":", "-", "--", "\u2014", "\u2015", "\u2013")  # "OSLO — Nordic ministers", "Update: the mayor"


def add_source(doc: Doc, verb: Token, cue: Cue, f: Found) -> None:
    """The source of a verb cue, and for "X quoted Y as saying" the X that relays it, into `f`."""
    subject = subject_of(verb)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if relayed(verb, cue) is not None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:  # X quoted Y as saying
            f.source = noun_phrase(obj, verb)
            f.outer = noun_phrase(subject, verb) if subject is not None else None
        elif subject is not None and subject.dep_ == "nsubjpass":  # Y was quoted (by X) as saying
            f.source = noun_phrase(subject, verb)
            f.outer = noun_phrase(agent, verb) if agent is not None else None
            f.passive_quote = True
        return
    if agent is not None:
        f.source = noun_phrase(agent, verb)
    elif subject is not None and subject.dep_ == "nsubj":
        f.source = subject_np(subject, verb)
    elif subject is not None and subject.lower_ not in ("it", "there"):
        f.source = None  # "X is expected to …": the passive subject is not who said it


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, else the noun its relative or participle clause hangs on, else its
    head's (three clauses up at most)."""
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if tok.dep_ == "relcl":  # "Smith, who said …": the noun the clause hangs on
            return tok.head
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":  # "issued a statement saying …"
            return subject_of(tok.head.head) if tok.head.dep_ == "dobj" else tok.head
        if tok.dep_ not in SHARES_SUBJECT:
            return None
        tok = tok.head
    return None


def subject_np(subject: Token, verb: Token) -> Tokens:
    """The subject's words, taking in a name the parser made a second subject ("the state news
    agency Xinhua reported")."""
    start, end = noun_phrase(subject, verb)
    for s in subject.head.children:
        if s.dep_ in SUBJECTS and s.i > subject.i and s.left_edge.i == end and s.i < verb.i:
            end = s.right_edge.i + 1
    return Tokens(start, end)


def noun_phrase(tok: Token, cue: Token | None = None) -> Tokens:
    """A source's words: the whole noun phrase with its appositions and relative clauses
    ("Jane Doe, a lawyer who …,"), but never reaching the cue."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if cue is not None and start <= cue.i < end:
        end = cue.i if cue.i > tok.i else end
        start = cue.i + 1 if cue.i < tok.i else start
    for t in range(tok.i - 1, start - 1, -1):  # a parse run across a paragraph break
        if "\n" in tok.doc[t].text or "\n" in tok.doc[t].whitespace_:
            start = t + 1
            break
    if any(tok.doc[t].text == "," for t in range(tok.i, end)) and end < len(tok.doc) and tok.doc[end].text == ",":
        end += 1  # "Jane Doe, a lawyer," keeps the comma that closes the apposition
    return without_asides(tok.doc, Tokens(start, end))


def without_asides(doc: Doc, tokens: Tokens) -> Tokens:
    """The source without the dateline or headline label before it ("OSLO - Nordic
    ministers", "Update: the mayor") and the date it closes with ("a review board in 2019").
    Appositions and relative clauses stay, as PolNeAR keeps them ("Jane Doe, who …,")."""
    start, end = tokens
    text, spaced, pos = token_strings(doc, "ORTH"), token_flags(doc, "SPACY"), token_strings(doc, "POS")
    upper, punct = token_flags(doc, "IS_UPPER"), token_flags(doc, "IS_PUNCT")  # (read by index: no Tokens)
    for i in range(start + 1, min(start + 5, end - 1)):
        label = range(start, i)
        if (
            text[i] in BREAKS
            and spaced[i - 1]
            and spaced[i]
            and not any(pos[t] in ("VERB", "AUX") for t in label)
            and (text[i] == ":" or all(upper[t] or punct[t] for t in label))
        ):
            start = i + 1
    ent, deps, heads = token_strings(doc, "ENT_TYPE"), token_strings(doc, "DEP"), token_heads(doc)
    last = end - 1
    prep = heads[last]
    if (
        end - start > 2
        and ent[last] == "DATE"
        and deps[prep] == "prep"
        and prep > start
        and not (start <= heads[prep] < end and pos[heads[prep]] == "VERB")
        and all(ent[t] == "DATE" or t == prep for t in range(prep, end))
    ):
        end = prep
    return Tokens(start, end)
