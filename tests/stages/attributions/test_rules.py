"""What the rules find (rules.py and its finders), before the taggers: each report's cue and
source (token ranges), its content and further pieces (character ranges), and its flags."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis, Article, PipelineInfo
from opslens.nlp.quotes import find_quotes
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.rules import rule_found
from opslens.stages.attributions.rules_verbs import from_token


@pytest.fixture(scope="module")
def found(analyzer):
    def run(text: str) -> list[tuple]:
        doc = analyzer.nlp(text)
        analysis = Analysis(
            article=Article(id="t", sha256="-", text=text), pipeline=PipelineInfo(version="-", model="-")
        )
        out = []
        for f in rule_found(doc, analysis, find_quotes(text)):
            assert isinstance(f.cue, Tokens) and isinstance(f.content, Chars)
            out.append(
                (
                    doc[slice(*f.cue)].text,
                    doc[slice(*f.source)].text if f.source else None,
                    text[slice(*f.content)],
                    [text[slice(*m)] for m in f.more],
                    f.direct,
                )
            )
        return out

    return run


def test_a_verb_its_subject_and_its_that_clause(found):
    assert found("The minister said that the talks had failed.") == [
        ("said", "The minister", "that the talks had failed", [], False)
    ]


def test_according_to_x_the_clause_around_it(found):
    assert found("According to the ministry, the talks failed.") == [
        ("According to", "the ministry", "the talks failed", [], False)
    ]


def test_a_noun_its_owner_and_its_that_clause(found):
    assert found("His claim that the figures were forged was dismissed.") == [
        ("claim", "His", "that the figures were forged", [], False)
    ]


def test_a_quotation_takes_the_cue_of_its_sentence_and_goes_on_into_the_next(found):
    assert found("“The talks failed,” she said. “We will try again.”") == [
        ("said", "she", "“The talks failed,”", ["“We will try again.”"], True)
    ]


def test_a_speaker_line_reports_the_rest_of_the_line(found):
    assert found("PENCE: Well, look, the president has been very clear.") == [
        (":", "PENCE", "Well, look, the president has been very clear.", [], False)
    ]


def test_a_quotation_signed_after_a_dash_is_the_words_of_the_one_named(found):
    assert found("“I voted early.” ― Ana Ruiz") == [("―", "Ana Ruiz", "“I voted early.”", [], True)]


def test_a_quotation_set_off_after_a_colon_is_said_whatever_the_verb(found):
    assert found("Ms. Lindqvist continued:\n\n“We have done everything we could.”") == [
        ("continued:", "Ms. Lindqvist", "“We have done everything we could.”", [], True)
    ]


def test_x_quoted_y_as_saying_gives_y_as_the_source_and_x_as_the_outer_one(analyzer):
    doc = analyzer.nlp("Reuters quoted a senior diplomat as saying that the ceasefire would hold.")
    f = from_token(doc, doc[1])
    assert (doc[slice(*f.source)].text, doc[slice(*f.outer)].text, f.passive_quote) == (
        "a senior diplomat",
        "Reuters",
        False,
    )
    passive = analyzer.nlp("The spokesman was quoted as saying the plan had been dropped.")
    g = from_token(passive, passive[3])
    assert (passive[slice(*g.cue)].text, passive[slice(*g.source)].text, g.outer, g.passive_quote) == (
        "was quoted",
        "The spokesman",
        None,
        True,
    )
