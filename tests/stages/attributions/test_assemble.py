"""The records (assemble.py): the article's own reports, a report inside another's content
embedded in it and cut short of the holder's cue and source, a content in pieces."""

from __future__ import annotations

from opslens.contract import ChainLink
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.assemble import nested
from opslens.stages.attributions.found import Found

TEXT = "A source said the drone came from Lebanon, Xinhua reported."


def test_a_report_inside_anothers_content_is_embedded_and_cut_short_of_its_holder(analyzer):
    doc = analyzer.nlp(TEXT)
    xinhua = ChainLink(name="Xinhua", entity="e1", kind="state_media", country="CHN")
    reported = Found(
        cue=Tokens(10, 11),
        content=Chars(0, 41),
        source=Tokens(9, 10),
        source_chars=Chars(43, 49),
        links=[xinhua],
        speaker="e1",
    )
    said = Found(cue=Tokens(2, 3), content=Chars(14, 49), source=Tokens(0, 2), source_chars=Chars(0, 8), anonymous=True)
    (record,) = nested(doc, [said, reported])
    assert (record.id, record.cue.text, record.source.text, record.content.text, record.speaker) == (
        "a1",
        "reported",
        "Xinhua",
        "A source said the drone came from Lebanon",
        "e1",
    )
    assert record.chain == [xinhua] and record.reports and not record.direct
    (inner,) = record.embedded
    assert (inner.id, inner.cue.text, inner.source.text, inner.content.text, inner.anonymous) == (
        "a1.1",
        "said",
        "A source",
        "the drone came from Lebanon",
        True,
    )  # not ", Xinhua"


def test_pieces_that_overlap_are_one_and_the_others_are_fragments(analyzer):
    text = "“We will not sign,” the president said, “until the terms change.”"
    doc = analyzer.nlp(text)
    f = Found(cue=Tokens(9, 10), content=Chars(0, 19), more=[Chars(10, 19), Chars(40, 65)], direct=True, act=True)
    (record,) = nested(doc, [f])
    assert (record.content.start, record.content.end, record.content.fragments) == (0, 65, [[0, 19], [40, 65]])
    assert record.content.text == text and record.direct and not record.reports


def test_the_taggers_cue_edges_are_kept_as_they_drew_them(analyzer):
    doc = analyzer.nlp(TEXT)
    f = Found(cue=Tokens(10, 12), content=Chars(0, 41), cue_chars=Chars(50, 59))
    (record,) = nested(doc, [f])
    assert record.cue.text == "reported." and record.source is None
    f.cue_chars = None
    assert nested(doc, [f])[0].cue.text == "reported"  # the rules' cue: no full stop at its edge
