"""The `Found` record (an attribution before its speaker and chain are known) and the ranges the
stage draws: a token range's characters without the punctuation at its edges, a character
range's tokens, the document's text built once, the tokens inside quotations.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from opslens.contract import ChainLink
from opslens.nlp import span_chars, token_flags, token_heads, token_offsets, token_strings
from opslens.nlp.quotes import Quote
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.taggers import features as attribution_features

EDGE_PUNCT = {",", ".", ";", ":", "-", "\u2014", "\u2013", "(", ")"}


@dataclass
class Found:
    """An attribution before its speaker and chain are known: cue, source and outer are token
    ranges, the others character ranges (ends excluded)."""

    cue: Tokens
    content: Chars
    source: Tokens | None = None
    outer: Tokens | None = None  # "X quoted Y as saying": X
    passive_quote: bool = False  # "Y was quoted as saying": the chain goes on from an earlier Y
    source_chars: Chars | None = None
    antecedent: Found | None = None  # the earlier attribution "the source" refers back to
    direct: bool = False
    more: list[Chars] = field(default_factory=list)  # quotations that carry on the content
    links: list[ChainLink] = field(default_factory=list)
    speaker: str | None = None
    anonymous: bool = False
    cue_chars: Chars | None = None  # the taggers' cue, edges as they drew them
    line: bool = False  # a speaker's line ("PENCE: …"): the content is the rest of the line
    signed: bool = False  # "“…” ― Ana Ruiz": the content is the whole signed quotation
    shares: Found | None = None  # "X said …, adding that …": the report whose speaker this one's is
    act: bool = False  # "agreed to hold talks": the cue is an act of its own and reports nothing


def chars_of(doc: Doc, tokens: Tokens) -> Chars:
    """Character offsets of a token range, without the punctuation, spaces and dangling "and"
    at its edges (a closing bracket stays when its opening one is inside)."""
    start, end = tokens
    text, space = token_strings(doc, "ORTH"), token_flags(doc, "IS_SPACE")
    while end - start > 1 and _loose_end(doc, start, end):
        end -= 1
    while end - start > 1 and (text[start] in EDGE_PUNCT or space[start]):
        start += 1
    return token_chars(doc, Tokens(start, end))


def _loose_end(doc: Doc, start: int, end: int) -> bool:
    text, dep, heads = token_strings(doc, "ORTH"), token_strings(doc, "DEP"), token_heads(doc)
    last = end - 1
    if text[last] == ")" and "(" in text[start:last]:
        return False
    if (
        text[last] == ","
        and any(text[t] == "," and dep[t] == "punct" and dep[heads[t]] != "conj" for t in range(start + 1, last))
        and "appos" in dep[start:end]
    ):
        return False  # the comma closing an apposition
    return text[last] in EDGE_PUNCT or dep[last] == "cc" or token_flags(doc, "IS_SPACE")[last]


def token_chars(doc: Doc, tokens: Tokens) -> Chars:
    """Character offsets of a token range, edges as they are."""
    return Chars(*span_chars(doc, *tokens))


def tokens_of(doc: Doc, span: Chars) -> Tokens:
    """The tokens a character range touches."""
    found = attribution_features.tokens_in(doc, *span)
    return Tokens(found.start, found.stop)


def direct(text: str, pieces: list[Chars], quotes: list[Quote]) -> bool:
    """Whether a content's pieces take in a quotation of two words or more."""
    return any(
        q.start < p[1] and p[0] < q.end and q.words(text) >= 2 for q in quotes for p in pieces
    )  # `overlaps`, inline (asked of every quotation for every report); words: a regex, last


def inside_quotes(doc: Doc, quotes: list[Quote]) -> set[int]:
    """Indices of the tokens that start inside a quotation (after its opening mark)."""
    starts = token_offsets(doc)
    inside: set[int] = set()
    for q in quotes:
        inside.update(range(bisect.bisect_right(starts, q.start), bisect.bisect_left(starts, q.end)))
    return inside


def quoted(tok: Token, quotes: list[Quote]) -> bool:
    """Whether a token starts inside a quotation, after its opening mark."""
    return any(q.start < tok.idx < q.end for q in quotes)


def hint(doc: Doc, f: Found) -> attribution_features.Hint:
    """What the rules found, as the taggers read it (character offsets)."""
    return attribution_features.Hint(chars_of(doc, f.cue), f.source_chars, tuple([f.content, *f.more]))
