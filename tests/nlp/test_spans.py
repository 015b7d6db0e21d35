"""Token ranges and character ranges: typed, and still plain tuples."""

from __future__ import annotations

from opslens.nlp.spans import Chars, Tokens, overlaps


def test_ranges_unpack_index_and_compare_as_tuples():
    start, end = Tokens(2, 5)
    assert (start, end) == (2, 5) and Tokens(2, 5)[1] == 5 and Chars(3, 9) == (3, 9)
    assert Chars(3, 9).start == 3 and Chars(3, 9).end == 9
    assert sorted([Chars(9, 12), Chars(3, 9)]) == [(3, 9), (9, 12)]


def test_a_slice_of_a_document_by_a_token_range(analyzer):
    doc = analyzer.nlp("The minister said the talks would resume.")
    assert doc[slice(*Tokens(1, 3))].text == "minister said"


def test_ranges_overlap_when_they_share_a_position_ends_excluded():
    assert overlaps(Chars(0, 5), Chars(4, 8))
    assert not overlaps(Chars(0, 5), Chars(5, 8))
    assert overlaps(Tokens(3, 4), Tokens(0, 10))
