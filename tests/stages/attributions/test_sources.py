"""What kind of source a chain link is (sources.py): its role, office, anonymity, kind and country,
read from the source's own words and the entity it names."""

from __future__ import annotations

import pytest

from opslens.contract import Entity, Role
from opslens.stages.attributions import sources


@pytest.fixture(scope="module")
def span(analyzer):
    def parse(text: str):
        return analyzer.nlp(text)[:]

    return parse


@pytest.mark.parametrize(
    "text, role",
    [
        ("a senior U.K. defence source", "official"),
        ("residents", "person"),
        ("a statement", "document"),
        ("the news agency", "outlet"),
        ("the prime minister", None),
    ],
)
def test_the_role_comes_from_the_head_noun_or_the_word_before_it(span, text, role):
    assert sources.head_role(span(text)) == role


@pytest.mark.parametrize(
    "text, office",
    [
        ("the prime minister", "named"),
        ("Russia's president", "named"),  # one holder, if not by name
        ("a minister", "unnamed"),
        ("two senators", "unnamed"),  # one or several of many
        ("the university's president", None),  # a president that is no government's
        ("the spokesman", None),
        ("a reporter", None),  # many hold it alike; no office of state
    ],
)
def test_an_office_is_named_when_the_words_point_at_its_one_holder(span, text, office):
    assert sources.office(span(text)) == office


def test_anonymous_when_the_words_say_so_or_an_official_stands_unnamed(span):
    assert sources.is_anonymous(span("people familiar with the matter"), None)
    assert sources.is_anonymous(span("the spokesman"), None) and sources.is_anonymous(span("a minister"), None)
    assert not sources.is_anonymous(span("the prime minister"), None) and not sources.is_anonymous(
        span("the ministry"), None
    )
    ruiz = Entity(id="e1", name="Ana Ruiz", type="PERSON")
    assert not sources.is_anonymous(span("an unnamed official, Ana Ruiz"), ruiz)  # a named person never is


@pytest.mark.parametrize(
    "text, kind",
    [
        ("a senior U.K. defence source", "anonymous_official"),
        ("people familiar with the matter", "anonymous_official"),
        ("residents", "other"),
        ("the prime minister", "named_official"),
        ("the ministry", "named_official"),
        ("the army", "named_official"),
        ("state television", "state_media"),
        ("the news agency", "news_outlet"),
        ("a statement", "document"),
        ("protesters", "other"),
    ],
)
def test_the_kind_of_an_unnamed_source_comes_from_its_words(span, text, kind):
    s = span(text)
    assert sources.kind(s, None, sources.is_anonymous(s, None)) == kind


def test_the_kind_of_a_named_source_comes_from_its_entity(span):
    tass = Entity(id="e1", name="TASS", type="ORG", kind="state_media", country="RUS")
    lopes = Entity(id="e2", name="Rui Lopes", type="PERSON", roles=[Role(title="minister", sector="GOV")])
    park = Entity(id="e3", name="Lina Park", type="PERSON")
    oslo = Entity(id="e4", name="Norway", type="GPE", country="NOR")
    assert sources.kind(span("TASS"), tass, False) == "state_media"
    assert sources.kind(span("Rui Lopes"), lopes, False) == "named_official"
    assert sources.kind(span("Lina Park"), park, False) == "other"
    assert (
        sources.kind(span("the ministry's spokesman, Lina Park"), park, False) == "named_official"
    )  # the words say so
    assert sources.kind(span("Norway"), oslo, False) == "named_official"  # a state speaking


def test_the_country_is_the_entitys_else_one_named_in_the_source(span):
    tass = Entity(id="e1", name="TASS", type="ORG", kind="state_media", country="RUS")
    kremlin = Entity(id="e2", name="Kremlin", type="ORG", kind="government_body", country="RUS")
    assert sources.country(span("TASS"), tass, []) == "RUS"
    assert sources.country(span("a spokesman for the Kremlin"), None, [kremlin]) == "RUS"
    assert sources.country(span("a senior U.K. defence source"), None, []) == "GBR"
    assert sources.country(span("Russian officials"), None, []) == "RUS"
    assert sources.country(span("officials in Kyiv"), None, []) == "UKR"
    assert sources.country(span("officials"), None, []) is None


def test_a_link_holds_the_words_the_entity_its_kind_and_country(span):
    s = span("a senior Turkish diplomat")
    link = sources.link(s, None, [], sources.is_anonymous(s, None))
    assert (link.name, link.entity, link.kind, link.country) == (
        "a senior Turkish diplomat",
        None,
        "anonymous_official",
        "TUR",
    )
