"""A state's acts at home, on made-up sentences run through the whole pipeline: measures it takes on
its own people (CAMEO: a curfew, a state of emergency or martial law, restrictions on political
freedoms) with no one else named are aimed at its own country; an unnamed group of people it acts
on, in a sentence naming no other country, is its own people."""

from __future__ import annotations

import pytest

from tests.stages.events.support import code, only


@pytest.mark.parametrize(
    "text, plover, cameo, source, target",
    [
        (
            "Thailand's government declared a state of emergency in three southern provinces.",
            "COERCE",
            "1724",
            "THAGOV",
            "THA",
        ),
        ("Peru's government is prepared to impose martial law as protests spread.", "THREATEN", "132", "PERGOV", "PER"),
    ],
)
def test_a_states_measure_at_home_is_aimed_at_its_own_country(dated, text, plover, cameo, source, target):
    e = only(dated(text))
    assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == (plover, cameo, source, target)


def test_a_measure_aimed_at_a_place_abroad_keeps_that_place(dated):
    e = only(dated("Thailand's government declared a state of emergency in Lome."))
    assert (e.cameo, code(e.source_actor), code(e.target_actor)) == ("1724", "THAGOV", "TGO")


def test_an_act_that_is_no_domestic_measure_gets_no_such_target(dated):
    e = only(dated("Thailand's government accepted the proposal."))
    assert (code(e.source_actor), e.target_actor) == ("THAGOV", None)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Kenyan police arrested 20 protesters on Monday.", "KENCOP", "KENCVL"),
        ("Kenya's government warned workers against striking.", "KENGOV", "KENLAB"),
        # a group from elsewhere is named so: its own country, not the state's
        ("Kenyan police arrested five Somali refugees.", "KENCOP", "SOMREF"),
    ],
)
def test_an_unnamed_group_a_state_acts_on_at_home_is_its_own_people(dated, text, source, target):
    e = only(dated(text))
    assert (code(e.source_actor), code(e.target_actor)) == (source, target)


def test_an_unnamed_group_in_a_sentence_naming_another_country_gets_no_home(dated):
    e = only(dated("Kenyan police arrested 20 protesters near the border with Uganda."))
    assert code(e.source_actor) == "KENCOP" and code(e.target_actor) != "KENCVL"
