"""Who acts, on made-up sentences run through the whole pipeline: a name with no code of its own
acts for the body its appositive role names; an act the subject receives (a dictionary code of the
second direction alone) is done to it by the other side; "thousands of Kenyans" are the Kenyans."""

from __future__ import annotations

import pytest

from tests.stages.events.support import code, only


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Jan Egeland, the head of the World Food Programme, urged Sudan to open its borders.", "IGOUNOWFP", "SDN"),
        (
            "Kenzo Oshima, the United Nations Emergency Relief Coordinator, urged Chad to open its borders.",
            "IGOUNO",
            "TCD",
        ),
    ],
)
def test_a_name_acts_for_the_body_its_role_names(dated, text, source, target):
    a = dated(text)
    e = only(a)
    names = {x.id: x.name for x in a.entities}
    assert (e.plover, e.source_actor.code if e.source_actor else None) == ("REQUEST", source)
    assert e.target_actor is not None and e.target_actor.code == target
    assert e.source_actor is not None and names.get(e.source_actor.entity or "") in ("Jan Egeland", "Oshima")


def test_a_coded_name_keeps_its_own_code_over_its_role(dated):
    e = only(dated("Olaf Berg, a Norwegian diplomat, accused Russia of lying."))
    assert (e.source_actor.code if e.source_actor else None, e.target_actor.code if e.target_actor else None) == (
        "NORGOV",
        "RUS",
    )


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("A Kenyan prisoner died in Ugandan police custody.", "UGA", "KENCVL"),
        ("The Kenyan activist died in detention in Uganda.", "UGA", "KENCVL"),
    ],
)
def test_an_act_the_subject_receives_is_done_to_it_by_the_other_side(dated, text, source, target):
    # CAMEO.2.0.txt: "- * (IN &DETENTION) [:184] # DIE": the code's second direction alone
    e = only(dated(text))
    assert (e.cameo, e.source_actor.code if e.source_actor else None) == ("184", source)
    assert e.target_actor is not None and e.target_actor.code == target


@pytest.mark.parametrize(
    "text, source",
    [
        ("Thousands of Kenyans protested against the tax increase.", "KEN"),
        ("Thousands of Serbs rallied in Belgrade against the government.", "SRB"),
    ],
)
def test_a_number_of_a_people_is_that_people(dated, text, source):
    e = only(dated(text))
    assert (e.plover, e.source_actor.code if e.source_actor else None) == ("PROTEST", source)


def test_an_acronym_the_tagger_took_for_an_adjective_is_still_a_listed_name(dated):
    # Phoenix.International.actors.txt: ECOWAS_ [IGOWAFBUSWAS]; the tagger reads "ECOWAS" here as ADJ
    e = only(dated("ECOWAS leaders threatened to impose sanctions on Niger."))
    assert (e.plover, e.source_actor.code if e.source_actor else None) == ("THREATEN", "IGOWAFBUSWAS")


@pytest.mark.parametrize(
    "text, plover, source, target",
    [
        ("Police arrested 40 opposition supporters in Harare.", "COERCE", "ZWECOP", "ZWEOPP"),
        ("Security forces killed 12 militants in Kashmir.", "ASSAULT", "INDMIL", "INDREB"),
        ("Police detained two journalists in Nairobi.", "COERCE", "KENCOP", "KENMED"),
    ],
)
def test_a_states_forces_with_no_country_said_are_the_countrys_where_they_act(dated, text, plover, source, target):
    e = only(dated(text))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == (plover, source, target)


def test_forces_in_a_sentence_of_two_countries_stay_uncoded(dated):
    e = only(dated("Troops shelled villages on both sides of the border between Armenia and Azerbaijan."))
    assert code(e.source_actor) is None


def test_a_coalition_acts_as_the_country_leading_it(dated):
    e = only(dated("The Saudi-led coalition bombed a market in Yemen."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("ASSAULT", "SAU", "YEM")


def test_a_pronoun_for_a_people_of_another_country_takes_where_it_lives(dated):
    e = only(dated("Macedonian Albanians said their fighters had attacked the town of Tetovo."))
    assert (e.plover, code(e.source_actor)) == ("ASSAULT", "MKDREB")


@pytest.mark.parametrize(
    "text",
    ["Hungary sealed its frontier with Serbia.", "Hungary sealed its border with Serbia."],
)
def test_a_border_sealed_is_closed_on_the_country_across_it(dated, text):
    e = only(dated(text))
    assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == ("COERCE", "172", "HUN", "SRB")


def test_the_one_told_is_the_one_a_demand_obliges(dated):
    e = only(dated("The United States told Iran it must release the detainees or face sanctions."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("REQUEST", "USA", "IRN")


def test_told_to_act_is_a_demand_of_the_one_told(dated):
    e = only(dated("Beijing told Washington to stop arming Taiwan."))
    assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == ("REQUEST", "100", "CHNGOV", "USAGOV")
    assert dated("The president told reporters to wait.").events == []  # no actor's demand of another


def test_prisoners_a_state_frees_are_its_own_people(dated):
    e = only(dated("Burundi's president pardoned 2,000 prisoners."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("RETREAT", "BDIGOV", "BDICVL")


@pytest.mark.parametrize(
    "text, plover, target",
    [
        ("Vietnam lodged a protest over China's deployment of an oil rig.", "ACCUSE", "CHN"),
        ("Greece complained over Turkey's violations of its airspace.", "ACCUSE", "TUR"),
    ],
)
def test_a_complaint_is_aimed_at_the_one_behind_what_it_is_over(dated, text, plover, target):
    e = only(dated(text))
    assert (e.plover, code(e.target_actor)) == (plover, target)


def test_an_act_ordered_is_the_act_not_a_demand(dated):
    e = only(dated("The Iraqi prime minister ordered an investigation into the bombing."))
    assert (e.plover, e.cameo, code(e.source_actor)) == ("ACCUSE", "090", "IRQGOV")


def test_a_spokesman_for_a_body_speaks_as_the_body(dated):
    e = only(dated("A spokesman for the Peruvian army accused the rebels of the attack."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("ACCUSE", "PERMIL", "PERREB")


def test_the_government_of_a_domestic_dispute_is_the_sentences_country(dated):
    e = only(dated("The Kenyan opposition accused the government of fraud."))
    assert (code(e.source_actor), code(e.target_actor)) == ("KENOPP", "KENGOV")
    # a state acting names another government
    e = only(dated("The United States condemned the government."))
    assert (code(e.source_actor), e.target_actor) == ("USA", None)


def test_koreans_are_not_the_japanese_of_their_sentence(dated):
    e = only(dated("Hundreds of Koreans demonstrated against the visit of the Japanese prime minister."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("PROTEST", None, "JPNGOV")


def test_a_journey_to_protest_is_the_protest_and_a_strike_to_protest_one_protest(dated):
    went = only(dated("Kenyan teachers went to Nairobi to protest against the government."))
    assert (went.plover, went.cue.text, code(went.target_actor)) == ("PROTEST", "protest", "KENGOV")
    strike = only(dated("Palestinian workers went on strike to protest Israeli restrictions."))
    assert (strike.cue.text, code(strike.source_actor), code(strike.target_actor)) == ("strike", "PSELAB", "ISR")


def test_accused_of_a_crime_is_an_accusation_not_a_conviction(dated):
    # the dictionary's ACCUSE block shares CONVICT's "(OF &CRIME) [173]"
    e = only(dated("President Zelensky accused Russia of war crimes."))
    assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == ("ACCUSE", "112", "UKRGOV", "RUS")


def test_a_states_aircraft_act_for_its_military(dated):
    e = only(dated("Israel said its jets struck Hamas targets in Gaza."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("ASSAULT", "ISRMIL", "PSEREB")
