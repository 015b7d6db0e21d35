"""The rules' verb and noun cues: a word of the speech-cue lexicon with its content (the clause,
infinitive, object or preposition it governs, the clause around "…, he said", a block set off
after a colon) and its source, PARC-style ("said that …", "his claim that …", "criticism of …").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.knowledge.speech_cues import Cue, cue_lexicon
from opslens.nlp.spans import Tokens, overlaps
from opslens.stages.attributions.cues import (
    around,
    as_clause,
    clause_noun,
    clauses,
    cue_of,
    cue_span,
    gapped,
    parenthetical,
    part_of_quote_cue,
    relayed,
    set_off,
    with_that_conjuncts,
)
from opslens.stages.attributions.found import Found, chars_of
from opslens.stages.attributions.rules_according import according_to
from opslens.stages.attributions.subjects import add_source, subject_np, subject_of

GROUNDS = {"for", "as", "of", "over"}


def from_token(doc: Doc, tok: Token) -> Found | None:
    """The report a cue word of the lexicon (or "according to") introduces, if its content is there."""
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return according_to(doc, tok)
    if tok.pos_ == "NOUN":
        return _from_noun(doc, tok)
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass", "amod", "compound"):
        return None
    cue, particle = cue_of(tok)
    if cue is None or part_of_quote_cue(tok):
        return None
    content = _content(doc, tok, cue, particle)
    if content is None:
        return None
    f = Found(cue=cue_span(tok, particle), content=chars_of(doc, content))
    add_source(doc, tok, cue, f)
    if f.source and overlaps(f.source, content):
        f.source = None
    return f


def _from_noun(doc: Doc, noun: Token) -> Found | None:
    """ "his claim that …", "the ministry's warning that …", "criticism of …"."""
    cue = cue_lexicon("noun").get(noun.lemma_.lower())
    if cue is None:
        return None
    content: Tokens | None = None
    for c in noun.children:
        if c.i < noun.i:
            continue
        if (
            "clause" in cue.takes
            and c.dep_ in ("acl", "ccomp", "appos")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ):
            if gapped(c):  # "accusations that Moscow denies": Moscow's denial, not the accusations' content
                continue
            content = Tokens(c.left_edge.i, c.right_edge.i + 1)
        elif "infinitive" in cue.takes and c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children):
            content = Tokens(c.left_edge.i, c.right_edge.i + 1)
        elif "prep" in cue.takes and c.dep_ == "prep" and c.lower_ in ("of", "on", "about", "for"):
            obj = next((o for o in c.children if o.dep_ in ("pobj", "pcomp")), None)
            content = Tokens(obj.left_edge.i, obj.right_edge.i + 1) if obj is not None else None
        if content:
            break
    if content is None and "clause" in cue.takes and noun.dep_ == "dobj":
        content = set_off(doc, noun) or set_off(doc, noun.head)  # "She issued this statement:" ending its paragraph
    if content is None:
        return None
    f = Found(cue=Tokens(noun.i, noun.i + 1), content=chars_of(doc, content))
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        f.source = Tokens(owner.left_edge.i, owner.right_edge.i + 1)
    elif noun.dep_ == "dobj" and cue_of(noun.head)[0] is None and (subject := subject_of(noun.head)) is not None:
        f.source = subject_np(
            subject, noun.head
        )  # "X issued a warning that"; not "X denied reports that": those are others'
    return f


def _content(doc: Doc, verb: Token, cue: Cue, particle: Token | None) -> Tokens | None:
    """Token range of what was said, by the forms the cue takes, most specific first."""
    kids = list(verb.children)
    if (relay := relayed(verb, cue)) is not None:
        return relay
    if "clause" in cue.takes:
        clause = clauses(verb)
        if clause:
            return with_that_conjuncts(verb, clause[0])
        if parenthetical(doc, verb) or as_clause(verb):
            return around(doc, verb.head, verb)
        if (block := set_off(doc, verb)) is not None:
            return block
    if "infinitive" in cue.takes:
        for c in kids:
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children):
                return Tokens(c.left_edge.i, c.right_edge.i + 1)
    if "prep" in cue.takes and particle is not None and particle.dep_ == "prep":
        obj = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
        if obj:
            return Tokens(obj[0].left_edge.i, obj[0].right_edge.i + 1)
    if "object" in cue.takes:
        for c in kids:
            if c.dep_ == "dobj" and c.pos_ != "PRON":
                return Tokens(c.left_edge.i, _with_grounds(verb, c.right_edge.i + 1))
        if gapped(verb):  # "the plans that countries offered": the plans
            return clause_noun(doc, verb)
    return None


def _with_grounds(verb: Token, end: int) -> int:
    """ "criticized X for Y", "cited X as Y": the grounds after the object belong to the content."""
    for c in verb.rights:
        if c.i == end and c.dep_ == "prep" and c.lower_ in GROUNDS:
            end = c.right_edge.i + 1
    return end
