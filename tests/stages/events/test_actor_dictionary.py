"""Event actors with the Phoenix dictionaries, on made-up sentences: group nouns get the sector of
the agents dictionary, a dictionary person in office at the article's date is coded without the
text naming the country, and a minister the dictionaries do not list gets no code from nowhere."""

from __future__ import annotations

import pytest

from opslens.contract import ActorRef, Analysis
from opslens.stages.events.groups import noun_sector
from tests.support import article


def sector_of(nlp, text: str, word: str) -> tuple[bool, str | None]:
    doc = nlp(text)
    return noun_sector(next(t for t in doc if t.text == word))


def test_group_nouns_get_sector_codes(analyzer):
    nlp = analyzer.nlp
    assert sector_of(nlp, "Striking dock workers blocked the port.", "workers") == (True, "LAB")
    assert sector_of(nlp, "Customs officials seized the cargo.", "officials") == (True, "GOV")
    assert sector_of(nlp, "Smugglers crossed the border at night.", "Smugglers") == (True, "CRM")  # agents only
    assert sector_of(nlp, "Paramilitaries attacked the village.", "Paramilitaries") == (True, "MIL")
    assert sector_of(nlp, "The table was cleared.", "table") == (False, None)


def codes(analysis: Analysis) -> list[tuple[str, str | None, str | None]]:
    def code(ref: ActorRef | None) -> str | None:
        return ref.code if ref else None

    return [(e.plover, code(e.source_actor), code(e.target_actor)) for e in analysis.events]


@pytest.fixture(scope="module")
def sirleaf(analyzer):
    text = "Ellen Johnson Sirleaf condemned Liberian rebels on Monday."
    return analyzer.analyze(article(text, "2010-03-15"))


def test_a_dictionary_person_in_office_is_coded_at_the_article_date(sirleaf):
    accusations = [c for c in codes(sirleaf) if c[0] == "ACCUSE"]
    assert accusations == [("ACCUSE", "LBRGOV", "LBRREB")]


def test_an_unlisted_minister_gets_no_country_from_the_dictionaries(analyzer):
    analysis = analyzer.analyze(article("Interior Minister Anna Berg condemned the attack.", "2010-03-15"))
    assert [c for c in codes(analysis) if c[0] == "ACCUSE"] == [("ACCUSE", None, None)]
