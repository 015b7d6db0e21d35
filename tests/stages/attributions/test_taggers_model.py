"""The learned attribution taggers: their inputs (word classes from the parser's token vectors),
likely cues, and how a content meets a quotation."""

from __future__ import annotations

import pytest
from spacy.tokens import DocBin

from opslens.contract import Analysis, Article, PipelineInfo
from opslens.stages.attributions import find_attributions, quote_spans
from opslens.stages.attributions.taggers import features as af
from opslens.stages.attributions.taggers import model as am

SENTENCE = "The foreign minister said on Monday that the talks would resume in Geneva."


def _analysis(text: str) -> Analysis:
    return Analysis(article=Article(id="t", sha256="-", text=text), pipeline=PipelineInfo(version="-", model="-"))


def test_every_token_gets_one_word_class_per_granularity(analyzer):
    doc = analyzer.nlp(SENTENCE)
    classes = af._word_classes(doc)
    assert len(classes) == len(doc)
    assert all([c.split("=")[0] for c in tok] == ["vc32", "vc256"] for tok in classes)
    assert all(0 <= int(c.split("=")[1]) < int(c[2:].split("=")[0]) for tok in classes for c in tok)


def test_a_doc_without_the_parsers_vectors_is_still_tagged(analyzer):
    """A doc restored from a DocBin has no tok2vec vectors: no word classes, the same cue."""
    doc = analyzer.nlp(SENTENCE)
    restored = next(DocBin(docs=[doc]).get_docs(analyzer.nlp.vocab))
    assert restored.tensor.shape[0] == 0 and af._word_classes(restored) == []
    for d in (doc, restored):
        (a,) = find_attributions(d, _analysis(SENTENCE))
        assert (a.cue.text, a.source.text, a.content.text) == (
            "said",
            "The foreign minister",
            "that the talks would resume in Geneva",
        )


def test_a_cue_the_best_labelling_misses_is_taken_when_likely_enough(analyzer, monkeypatch):
    """ "is casting himself as": a stance cue of PolNeAR's long tail, below the best labelling."""
    text = "The governor is casting himself as the defender of the farmers."
    doc = analyzer.nlp(text)
    monkeypatch.setattr(am, "LIKELY_CUE", 1.01)  # the best labelling alone
    assert find_attributions(doc, _analysis(text)) == []
    monkeypatch.undo()
    (a,) = find_attributions(doc, _analysis(text))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "is casting",
        "The governor",
        "himself as the defender of the farmers",
    )


QUOTED = 'He said: "We have to rebuild the bridge. It will take two years. The money is there."'


def _info(doc) -> af.DocInfo:
    return af.DocInfo(doc, quote_spans(doc.text), [])


def _tokens(doc, text: str) -> tuple[int, int]:
    span = doc.char_span(doc.text.index(text), doc.text.index(text) + len(text))
    return span.start, span.end


def _taken_whole(analyzer, text: str, cue: str, run: str) -> str:
    doc = analyzer.nlp(text)
    start, end = am._whole_quotation(_info(doc), _tokens(doc, cue), _tokens(doc, run))
    return doc[start:end].text


@pytest.mark.parametrize(
    ("text", "cue", "run", "whole"),
    [
        # a content that opens a quotation after its cue, stopped at the quotation's first full stop
        (
            QUOTED,
            "said:",
            '"We have to rebuild the bridge.',
            '"We have to rebuild the bridge. It will take two years. The money is there."',
        ),
        # one that closes a quotation before its cue, started at its last sentence
        (
            '"The port is closed. Ships are waiting. Nobody knows when it will reopen," Mr. Lindqvist said.',
            "said",
            'Nobody knows when it will reopen,"',
            '"The port is closed. Ships are waiting. Nobody knows when it will reopen,"',
        ),
        # one that runs into a quotation after its cue
        (
            'She proposed two changes, including "Cut the stadium. Keep the schools open."',
            "proposed",
            'two changes, including "Cut the stadium.',
            'two changes, including "Cut the stadium. Keep the schools open."',
        ),
    ],
)
def test_a_content_at_the_edge_of_a_quotation_takes_the_whole_quotation(analyzer, text, cue, run, whole):
    assert _taken_whole(analyzer, text, cue, run) == whole


def test_a_content_inside_a_quotation_is_not_stretched_to_its_edges(analyzer):
    assert _taken_whole(analyzer, QUOTED, "said:", "It will take two years.") == "It will take two years."


def test_a_source_that_runs_into_another_reports_cue_ends_before_it(analyzer):
    """The tagger's source of "citing" sometimes takes in "reported," after the outlet."""
    from opslens.stages.attributions import Found
    from opslens.stages.attributions.borders import sources_short_of_cues as _sources_short_of_cues

    doc = analyzer.nlp("State television reported, citing an official, that the talks would resume.")
    reported = Found(cue=(2, 3), content=(0, 0), source=(0, 2))
    citing = Found(cue=(4, 5), content=(0, 0), source=(0, 4))  # "State television reported,"
    _sources_short_of_cues(doc, [reported, citing])
    assert doc[slice(*citing.source)].text == "State television" and citing.source_chars == (0, 16)
    assert reported.source == (0, 2)
