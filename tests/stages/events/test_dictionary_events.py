"""Event verbs from the CAMEO 2.0 dictionary on made-up sentences: a verb with its object or
prepositional phrase, light verbs, several events in a sentence, -ing nouns of force, a pattern
that is no event, and the discard list."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis
from tests.support import article


@pytest.fixture(scope="module")
def events(analyzer):
    cache: dict[str, Analysis] = {}

    def run(text: str) -> list[tuple[str, str, str | None, str | None]]:
        """(PLOVER, CAMEO, source code, target code) of each event."""
        if text not in cache:
            cache[text] = analyzer.analyze(article(text, "2023-05-10"))
        return [
            (
                e.plover,
                e.cameo,
                e.source_actor.code if e.source_actor else None,
                e.target_actor.code if e.target_actor else None,
            )
            for e in cache[text].events
        ]

    return run


def rules(analyzer, text: str) -> list[str | None]:
    return [e.rule for e in analyzer.analyze(article(text, "2023-05-10")).events]


def test_a_dictionary_verb_the_hand_lexicon_lacks(events, analyzer):
    assert events("Rebels torched a police station in the north of Mali.") == [("ASSAULT", "190", "MLIREB", "MLI")]
    assert rules(analyzer, "Rebels torched a police station in the north of Mali.") == [
        "verb:torch (CAMEO.2.0.txt:8706)"  # the line of the verb in the dictionary
    ]


def test_a_verb_with_a_prepositional_phrase(events):
    # "GO * (FOR …)": a trip for talks is a visit, not a retreat
    text = "Iranian envoys went back to Vienna for a new round of talks with the United States."
    assert events(text) == [("CONSULT", "042", "IRNGOV", "USA")]


def test_light_verbs_take_their_code_from_their_object(events):
    assert events("Russia launched an attack on Ukrainian positions.") == [("ASSAULT", "190", "RUS", "UKR")]
    # an object that is a noun event of the hand lexicon keeps its frame: talks are mutual
    assert events("The Egyptian foreign minister held talks with his Israeli counterpart.") == [
        ("CONSULT", "040", "EGYGOV", None)
    ]
    assert events("Kenyan police staged a raid on a Somali refugee camp.") == [("ASSAULT", "190", "KENCOP", "SOM")]
    assert events("Chinese officials said Beijing would impose martial law in Tibet.") == [
        ("THREATEN", "132", "CHNGOV", "CHN")
    ]


def test_the_hand_lexicon_keeps_what_the_dictionary_lacks(events):
    # "broker" stays a hand verb: mediation (CAMEO 045)
    assert events("The mediator brokered a truce between the two factions in Sudan.") == [
        ("CONSULT", "045", None, "SDN")
    ]


def test_several_events_in_one_sentence(events):
    assert events("Kenyan police arrested the protesters and tortured them.") == [
        ("COERCE", "173", "KENCOP", "KENCVL"),  # protesters at home are the state's own people
        ("ASSAULT", "1822", "KENCOP", "KEN"),
    ]
    assert events("Serbia recalled its ambassador from Croatia and Montenegro closed its border with Serbia.")[0] == (
        "SANCTION",
        "161",
        "SRB",
        "HRVGOV",
    )


def test_the_ing_noun_of_a_verb_of_force_is_its_act(events):
    # Gaza is PSEGZA in the Phoenix country actors (Palestine, its Gaza Strip)
    assert events("The shelling of Gaza by Israel continued for a third day.") == [("ASSAULT", "190", "ISR", "PSEGZA")]
    assert events("The kidnapping of two Italian aid workers by Somali militants angered Rome.") == [
        ("ASSAULT", "181", "SOMREB", "ITALAB")
    ]


def test_a_pattern_that_is_no_event_voids_its_object_too(events):
    # "AVERT * ATTACK [---]": an attack avoided did not happen
    assert events("Serbia avoided an attack on Kosovo.") == []


def test_a_dictionary_verb_alone_needs_someone_it_acts_on(events):
    # "GO" alone is CONSULT in its block: going missing is not
    assert events("Iranian envoys went missing in Vienna.") == []


def test_a_discarded_sentence_tells_no_event_but_its_neighbours_do(events):
    text = "Russia launched an attack on Ukrainian positions. Brazil beat Argentina in the World Cup final."
    assert events(text) == [("ASSAULT", "190", "RUS", "UKR")]


def test_a_sentence_about_a_past_war_is_not_discarded(events):
    text = (
        "Poland's parliament demanded an admission by Moscow that Soviet forces murdered Polish officers "
        "during World War Two."
    )
    assert [e[0] for e in events(text)][:1] == ["REQUEST"]


def test_fire_exchanged_is_a_fight_of_both_sides(events):
    # the hand row for "exchange" (information, 064) must not hide the dictionary's "EXCHANGE * FIRE"
    assert events("Indian and Pakistani troops exchanged fire across the border in Kashmir.") == [
        ("ASSAULT", "193", "INDMIL", None)
    ]


def test_military_exercises_show_force_and_joint_ones_cooperate(events):
    assert events("Iran held military exercises in the Gulf.") == [("MOBILIZE", "150", "IRN", None)]
    assert events("China staged large-scale naval exercises near Taiwan.") == [("MOBILIZE", "150", "CHN", "TWN")]
    assert events("Turkey and Azerbaijan held joint military exercises.") == [("COOPERATE", "062", "TUR", None)]
    assert events("The students did an exercise in class.") == []


def test_recognising_independence_is_recognition_and_ethnic_cleansing_is_mass_violence(events):
    assert events("Bulgaria recognized the independence of Macedonia.") == [("SUPPORT", "054", "BGR", "MKD")]
    assert events("Serb militias carried out ethnic cleansing in Bosnia.") == [("ASSAULT", "203", "SRBREB", "BIH")]


def test_a_strike_with_an_object_is_an_attack_and_without_one_a_labour_strike(events):
    assert events("Israeli warplanes struck targets in southern Lebanon.") == [("ASSAULT", "195", "ISRMIL", "LBN")]
    assert events("Dock workers struck for higher pay in Rotterdam.") == [("PROTEST", "143", "NLDLAB", "NLD")]


def test_recognition_granted_is_recognition_not_aid(events):
    assert events("The United States granted diplomatic recognition to Croatia.") == [("SUPPORT", "054", "USA", "HRV")]


def test_beating_up_is_an_assault_and_shells_hit_for_whoever_fired_them(events):
    assert events("Serbian police beat up ethnic Albanian protesters in Pristina.") == [
        ("ASSAULT", "182", "SRBCOP", "XKXCVL")
    ]
    assert events("A bomb planted by Basque separatists killed two policemen in Madrid.") == [
        ("ASSAULT", "183", "ESPREB", "ESP")
    ]


def test_supplies_cut_off_and_loans_frozen_are_aid_stopped(events):
    assert events("Russia cut off gas supplies to Ukraine in a dispute over prices.") == [
        ("SANCTION", "162", "RUS", "UKR")
    ]
    assert events("The World Bank froze its loans to Kenya over corruption concerns.") == [
        ("SANCTION", "162", "IGOWLDBNK", "KEN")
    ]
    # an object's owner that is the actor itself ("its relations") is not the target
    assert events("Washington downgraded its relations with Moscow.") == [("SANCTION", "161", "USAGOV", "RUSGOV")]


def test_an_envoy_ordered_or_told_to_leave_is_expelled(events):
    assert events("The Malian junta ordered the French ambassador to leave the country.") == [
        ("SANCTION", "166", "MLIGOV", "FRAGOV")
    ]
    assert events("Russia told two British diplomats to leave the country within a week.") == [
        ("SANCTION", "166", "RUS", "GBRGOV")
    ]
