"""The stage contract: each stage fills a field of its own, after the stages it needs; dating is a
stage of its own and no stage changes the article it was given."""

from __future__ import annotations

import pytest

from opslens.contract import Published
from opslens.errors import ConfigError
from opslens.pipeline.stages import DATING, STAGES, Stage, check
from opslens.stages.dating import date_article
from tests.support import article


def nothing(doc, analysis):
    return []


def test_the_stages_in_order_each_after_what_it_needs():
    assert check(STAGES) == STAGES
    assert [(s.name, s.needs) for s in STAGES][:3] == [("entities", ()), ("dating", ()), ("times", ("dating",))]


@pytest.mark.parametrize(
    "stages, message",
    [
        ((Stage("entities", nothing), Stage("headlines", nothing)), "stage 'headlines' fills no field of the analysis"),
        (
            (Stage("times", nothing, needs=(DATING,)), Stage(DATING, nothing)),
            "stage 'times' needs dating, which must come before it",
        ),
        ((Stage("places", nothing), Stage("places", nothing)), "stage 'places' comes twice"),
    ],
)
def test_a_pipeline_that_breaks_the_contract_is_refused_when_built(stages, message):
    with pytest.raises(ConfigError) as caught:
        check(stages)
    assert str(caught.value) == message


def test_dating_infers_the_date_and_leaves_the_given_article_alone(analyzer):
    text = "MOSCOW, March 3, 2021 (Reuters) - Talks on the grain deal resumed on Wednesday.\n"
    given = article(text)
    analysis = analyzer.analyze(given)
    assert (analysis.article.published.value, analysis.article.published.source) == ("2021-03-03", "inferred")
    assert given.published == Published()  # the input's record is not rewritten
    assert [t.value for t in analysis.times] == ["2021-03-03", "2021-03-03"]


def test_dating_keeps_a_given_date(analyzer):
    analysis = analyzer.analyze(article("Talks resumed on Wednesday.", "2022-01-23"))
    doc = analyzer.nlp(analysis.article.text)
    assert date_article(doc, analysis) == analysis.article.published
    assert analysis.pipeline.stages[:3] == ["entities", "dating", "times"]
