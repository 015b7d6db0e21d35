"""The rules' "according to X, …": X is the source and the clause around it the content."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.nlp.quotes import CLOSING_MARKS
from opslens.nlp.spans import Tokens
from opslens.stages.attributions.cues import around
from opslens.stages.attributions.found import Found, chars_of


def according_to(doc: Doc, tok: Token) -> Found | None:
    """The report "according to" (the token `tok`) introduces: its object the source, the clause
    around it the content."""
    to = doc[tok.i + 1]
    obj = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not obj:
        return None
    if tok.dep_ == "ROOT" and (split := _after_the_comma(doc, tok, obj[0])) is not None:
        source, content = split
        return Found(cue=Tokens(tok.i, tok.i + 2), content=chars_of(doc, content), source=source)
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis") and clause.head.i != clause.i:
        clause = clause.head
    said = around(doc, clause, tok)
    if said is None:
        return None
    source = Tokens(obj[0].left_edge.i, obj[0].right_edge.i + 1)
    return Found(cue=Tokens(tok.i, tok.i + 2), content=chars_of(doc, said), source=source)


def _after_the_comma(doc: Doc, according: Token, obj: Token) -> tuple[Tokens, Tokens] | None:
    """ "According to X, the plan reeks of haste": when the parser found no clause for "according"
    to hang on (it made the sentence's verb a noun in the source's apposition), the source ends
    at the first comma after "to" and the content is the rest of the sentence."""
    end = according.sent.end
    comma = next((t.i for t in doc[according.i + 2 : end] if t.text == ","), None)
    if comma is None or comma <= obj.left_edge.i or comma + 1 >= end:
        return None
    stop = end
    while (
        stop > comma + 1
        and (doc[stop - 1].is_punct or doc[stop - 1].is_space)
        and doc[stop - 1].text not in CLOSING_MARKS
    ):
        stop -= 1
    return Tokens(obj.left_edge.i, comma), Tokens(comma + 1, stop)
