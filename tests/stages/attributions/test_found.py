"""The ranges the stage draws (found.py): a token range's characters without the punctuation at
its edges, a character range's tokens, the tokens inside quotations."""

from __future__ import annotations

from opslens.nlp import doc_text
from opslens.nlp.quotes import find_quotes
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.found import (
    Found,
    chars_of,
    direct,
    hint,
    inside_quotes,
    quoted,
    token_chars,
    tokens_of,
)

TEXT = "Jane Doe, a lawyer (retired), said on Monday that “the deal is done, and final.”"


def test_a_token_ranges_characters_leave_out_the_punctuation_at_its_edges(analyzer):
    doc = analyzer.nlp("The deal, he said, is done.")
    assert isinstance(chars_of(doc, Tokens(0, 3)), Chars)
    assert chars_of(doc, Tokens(0, 3)) == (0, 8) and doc.text[0:8] == "The deal"  # the comma after "deal"
    assert token_chars(doc, Tokens(0, 3)) == (0, 9)  # edges as they are
    assert chars_of(doc, Tokens(2, 5)) == (10, 17)  # ", he said," → "he said"


def test_the_comma_closing_an_apposition_and_a_bracket_opened_inside_stay(analyzer):
    doc = analyzer.nlp(TEXT)
    assert doc.text[slice(*chars_of(doc, Tokens(0, 9)))] == "Jane Doe, a lawyer (retired),"
    assert doc.text[slice(*chars_of(doc, Tokens(3, 8)))] == "a lawyer (retired)"
    assert doc.text[slice(*chars_of(doc, Tokens(3, 9)))] == "a lawyer (retired)"  # no apposition inside: the comma goes


def test_a_character_ranges_tokens_are_those_it_touches(analyzer):
    doc = analyzer.nlp(TEXT)
    assert tokens_of(doc, Chars(2, 13)) == Tokens(0, 5)  # "ne Doe, a l"
    assert doc[slice(*tokens_of(doc, Chars(2, 13)))].text == "Jane Doe, a lawyer"


def test_the_tokens_inside_a_quotation_and_whether_a_content_quotes_words(analyzer):
    doc = analyzer.nlp(TEXT)
    quotes = find_quotes(doc_text(doc))
    inside = inside_quotes(doc, quotes)
    assert [doc[i].text for i in sorted(inside)] == ["the", "deal", "is", "done", ",", "and", "final", ".", "”"]
    assert quoted(doc[14], quotes) and not quoted(doc[13], quotes)  # "the", not the opening mark
    assert direct(doc.text, [Chars(50, 80)], quotes) and not direct(doc.text, [Chars(0, 8)], quotes)


def test_what_the_rules_found_as_the_taggers_read_it(analyzer):
    doc = analyzer.nlp(TEXT)
    f = Found(cue=Tokens(9, 10), content=Chars(45, 80), source=Tokens(0, 9), source_chars=Chars(0, 29))
    h = hint(doc, f)
    assert (h.cue, h.source, h.content) == ((30, 34), (0, 29), ((45, 80),))
