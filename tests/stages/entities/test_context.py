"""Countries from context: an organisation, group, place or office-holder the text and the
dictionaries leave without a country takes the one country of its sentences."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis
from opslens.stages.entities.context import LED, RESIDENT, RULE, WRITTEN
from tests.support import article


def coded(a: Analysis) -> dict[str, tuple[str | None, str | None]]:
    return {e.name: (e.country, e.actor_code) for e in a.entities}


@pytest.mark.parametrize(
    "text, name, country, code",
    [
        # an unlisted group in a sentence about one country
        (
            "The Kenyan government banned the Popular Renewal Movement on Monday.",
            "Popular Renewal Movement",
            "KEN",
            "KEN",
        ),
        (
            "Police in Nairobi broke up a rally of the Popular Renewal Movement.",
            "Popular Renewal Movement",
            "KEN",
            "KEN",
        ),
        # an office-holder whose country is not written, with the sector of the office
        ("Opposition leader Ruiz was arrested in Guatemala on Sunday.", "Ruiz", "GTM", "GTMOPP"),
        ("Rebels in Mali rejected an appeal from President Keita to lay down their arms.", "Keita", "MLI", "MLIGOV"),
        # an ethnic group lives where its sentence is, not in the country its name recalls
        ("Slovak police detained ten ethnic Hungarians near the border.", "Hungarians", "SVK", "SVK"),
        # a people's name the NER took for a person's, before a group noun: a people, placed so
        ("The Karen rebel group accused Myanmar's army of shelling villages.", "Karen", "MMR", "MMR"),
        ("The main Hutu rebel group attacked an army post in Burundi on Monday.", "Hutu", "BDI", "BDI"),
        ("The main Hutu rebel group attacked a post on the border of Burundi and Rwanda.", "Hutu", None, None),
        # two countries: no one country; a region's people or sea: none; a visitor: not the host's
        ("Ghana and Togo praised the Citizens Action Front.", "Citizens Action Front", None, None),
        ("Serbia accepted the European proposal.", "European", None, None),
        ("Turkey deployed warships to the eastern Mediterranean.", "Mediterranean", None, None),
        ("Prime Minister Okafor visited Moscow on Tuesday.", "Okafor", None, None),
        ("Prime Minister Okafor met his Estonian counterpart and praised Latvia.", "Okafor", None, None),
        # a common noun the NER took for a name is left to the events stage's group reading
        ("Guerrillas operating in Colombia freed two hostages.", "Guerrillas", None, None),
        # a news outlet reports the sentence: its country is not what the sentence is about
        ("The Foreign Ministry denied the report, the state news agency Xinhua said.", "Foreign Ministry", None, None),
    ],
)
def test_the_one_country_of_the_sentence(analyze, text, name, country, code):
    a = analyze(text)
    assert coded(a)[name] == (country, code)
    entity = next(e for e in a.entities if e.name == name)
    assert (RULE in entity.sources) == (country is not None)


@pytest.mark.parametrize(
    "text, country",
    [
        ("Peru's Juan Perez accused Chile of spying.", "PER"),
        ("Peruvian Juan Perez accused Chile of spying.", "PER"),
        ("In Peru Juan Perez won the vote.", None),  # a place the sentence is in, not the man's owner
    ],
)
def test_a_country_word_right_before_a_name_without_a_title_is_the_persons(analyze, text, country):
    a = analyze(text)
    assert coded(a)["Juan Perez"] == (country, country)
    assert (WRITTEN in next(e for e in a.entities if e.name == "Juan Perez").sources) == (country is not None)


def test_an_ethnic_group_between_two_countries_loses_the_country_of_its_name(analyze):
    a = analyze("Ethnic Hungarians in Romania and Serbia protested on Friday.")
    assert coded(a)["Hungarians"] == (None, None)


def test_an_organisation_named_right_after_another_is_part_of_it_not_of_its_sentence(analyze):
    a = analyze("The European Union Border Assistance Mission left Libya.")
    assert coded(a)["Border Assistance Mission"] == (None, "IGOEUREEC")


@pytest.mark.parametrize(
    "text, country",
    [
        ("Macedonian Albanians said their forces had left Tetovo.", "MKD"),  # where they live
        ("Albanians said their forces had left Tetovo.", "ALB"),  # alone: the people's own
    ],
)
def test_a_people_of_another_country_is_coded_where_it_lives(analyze, text, country):
    a = analyze(text)
    assert coded(a)["Albanians"] == (country, country)
    entity = next(e for e in a.entities if e.name == "Albanians")
    assert (RESIDENT in entity.sources) == (country == "MKD")


def test_a_leaders_government_is_the_country_the_dictionary_lists_its_head_in(analyzer):
    """The dictionary codes no lone "Mugabe" (only full names): "the Mugabe government" is still
    Zimbabwe's."""
    text = "The Mugabe government expelled two British journalists."
    mugabe = next(e for e in analyzer.analyze(article(text, "2021-03-04")).entities if e.name == "Mugabe")
    assert (mugabe.country, mugabe.actor_code, mugabe.sources[-1]) == ("ZWE", "ZWEGOV", LED)
    text = "The Bush administration accused Syria of harbouring insurgents."
    bush = next(e for e in analyzer.analyze(article(text, "2021-03-04")).entities if e.name == "Bush")
    assert (bush.country, bush.actor_code) == (None, None)  # heads of two countries bear the name: none, not Syria
