"""The taggers' spans merged with the rules' (learned.py): relayed reports keep the rules'
structure, a content the cue stands inside is the words on either side of it, and a content
begins at the cue's clause after when the words were said."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis, Article, PipelineInfo
from opslens.nlp.quotes import find_quotes
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.learned import learned
from opslens.stages.attributions.rules import rule_found


@pytest.fixture(scope="module")
def merged(analyzer):
    def run(text: str):
        doc = analyzer.nlp(text)
        analysis = Analysis(
            article=Article(id="t", sha256="-", text=text), pipeline=PipelineInfo(version="-", model="-")
        )
        quotes = find_quotes(text)
        rules = rule_found(doc, analysis, quotes)
        return doc, rules, learned(doc, rules, quotes)

    return run


def test_a_relayed_report_is_the_rules_own(merged):
    doc, rules, out = merged("Reuters quoted a senior diplomat as saying that the ceasefire would hold.")
    (f,) = out
    assert (
        f is rules[0] and doc[slice(*f.outer)].text == "Reuters" and doc[slice(*f.source)].text == "a senior diplomat"
    )


def test_a_content_the_cue_stands_inside_is_the_words_on_either_side(merged):
    text = "The minister is said to have resigned."
    doc, _, out = merged(text)
    (f,) = out
    assert isinstance(f.cue, Tokens) and isinstance(f.cue_chars, Chars)
    assert (doc[slice(*f.cue)].text, text[slice(*f.cue_chars)]) == ("is said", "is said")
    assert [text[slice(*p)] for p in (f.content, *f.more)] == ["The minister", "to have resigned"]
    assert f.source is None and not f.direct


def test_a_content_begins_at_the_clause_after_when_it_was_said(merged):
    text = "Interfax reported on March 3 that the plant had closed."
    doc, _, out = merged(text)
    (f,) = out
    assert (text[slice(*f.cue_chars)], doc[slice(*f.source)].text, text[slice(*f.content)]) == (
        "reported",
        "Interfax",
        "that the plant had closed",
    )
