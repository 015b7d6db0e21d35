"""Where one report ends because another begins (borders.py), on reports made by hand over
parsed sentences, as the taggers would hand them on."""

from __future__ import annotations

from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.borders import (
    before_conjoined_cues,
    pieces_of_later_cues,
    sharing,
    sources_before_reporting_clauses,
    sources_short_of_cues,
)
from opslens.stages.attributions.found import Found, chars_of


def test_a_content_ends_before_and_a_cue_of_the_same_speaker(analyzer):
    text = "The governor said the budget was balanced and warned that cuts were coming."
    doc = analyzer.nlp(text)
    said = Found(cue=Tokens(2, 3), content=Chars(18, 74), source=Tokens(0, 2))  # the tagger ran on past "and"
    warned = Found(cue=Tokens(8, 9), content=Chars(53, 74))
    before_conjoined_cues(doc, [said, warned])
    assert text[slice(*said.content)] == "the budget was balanced" and isinstance(said.content, Chars)
    assert warned.content == (53, 74) and text[53:74] == "that cuts were coming"


def test_a_participle_with_no_source_shares_the_speaker_and_source_of_its_head(analyzer):
    doc = analyzer.nlp("Tanaka said the deal was done, adding that talks would go on.")
    said = Found(cue=Tokens(1, 2), content=Chars(12, 29), source=Tokens(0, 1), source_chars=Chars(0, 6))
    adding = Found(cue=Tokens(7, 8), content=Chars(38, 60))
    sharing(doc, [said, adding])
    assert adding.shares is said and (adding.source, adding.source_chars) == ((0, 1), (0, 6))
    assert said.shares is None


def test_a_source_stops_before_a_relative_clause_that_reports(analyzer):
    text = "Ms. Ruiz, who told the panel she had resigned, said the vote was unfair."
    doc = analyzer.nlp(text)
    said = Found(cue=Tokens(11, 12), content=Chars(52, 70), source=Tokens(0, 11))
    told = Found(cue=Tokens(4, 5), content=Chars(29, 45), source=Tokens(3, 4))
    sources_before_reporting_clauses(doc, [said, told])
    assert said.source == Tokens(0, 2) and text[slice(*said.source_chars)] == "Ms. Ruiz"


def test_a_source_that_runs_into_another_reports_cue_ends_before_it(analyzer):
    doc = analyzer.nlp("State television reported, citing an official, that the talks would resume.")
    reported = Found(cue=Tokens(2, 3), content=Chars(0, 0), source=Tokens(0, 2))
    citing = Found(cue=Tokens(4, 5), content=Chars(0, 0), source=Tokens(0, 4))  # "State television reported,"
    sources_short_of_cues(doc, [reported, citing])
    assert citing.source == Tokens(0, 2) and citing.source_chars == chars_of(doc, Tokens(0, 2)) == (0, 16)


def test_a_later_piece_that_another_cue_stands_before_is_not_this_ones(analyzer):
    text = "“A deal is near,” Ms. Roe said, going on to praise the envoy. “He did well.”"
    doc = analyzer.nlp(text)
    said = Found(cue=Tokens(9, 10), content=Chars(0, 17), more=[Chars(62, 76)])
    alone = Found(cue=Tokens(9, 10), content=Chars(0, 17), more=[Chars(62, 76)])
    going = Found(cue=Tokens(11, 13), content=Chars(41, 60))
    assert (doc[9].text, doc[11].text, text[41:60], text[62:76]) == (
        "said",
        "going",
        "to praise the envoy",
        "“He did well.”",
    )
    pieces_of_later_cues(doc, [said, going])
    pieces_of_later_cues(doc, [alone])
    assert said.more == []  # "going on to …" stands between "said" and "He did well"
    assert alone.more == [(62, 76)]
