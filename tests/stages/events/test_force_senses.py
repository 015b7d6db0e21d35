"""Acts of force told without an object, on made-up sentences: a condition names whom a threat is
against, an armed group or a state that "strikes" uses force (workers down tools), a verb with
no object, no one doing it and only a place is no event; a boycott refuses a thing, and one
surrenders to someone."""

from __future__ import annotations

from tests.stages.events.support import code, only


def test_the_subject_of_a_condition_is_the_one_threatened(dated):
    e = only(dated("Iran said it would retaliate if Israel struck its nuclear facilities."))
    assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == ("THREATEN", "138", "IRN", "ISR")


def test_armed_groups_and_states_strike_with_force_workers_down_tools(dated):
    militants = only(dated("Militants struck again in Baghdad, killing 12."))
    assert (militants.plover, militants.cameo, code(militants.source_actor)) == ("ASSAULT", "190", "IRQREB")
    israel = only(dated("Israel will strike if Hamas fires more rockets."))
    assert (israel.plover, code(israel.source_actor), code(israel.target_actor)) == ("THREATEN", "ISR", "PSEREB")
    teachers = only(dated("Kenyan teachers struck for a third week."))
    assert (teachers.plover, teachers.cameo, code(teachers.source_actor)) == ("PROTEST", "143", "KENEDU")


def test_no_one_acting_on_a_place_alone_is_no_event(dated):
    assert dated("The virus hit hard in Lombardy.").events == []
    killed = only(dated("Two people were killed in Gaza."))  # a passive subject: someone was acted on
    assert (killed.plover, code(killed.target_actor)) == ("ASSAULT", "PSECVL")
    bomber = only(dated("The suicide bomber, who detonated in the middle of Istanbul, was Syrian."))
    assert (bomber.plover, code(bomber.target_actor)) == ("ASSAULT", "TUR")  # someone unnamed did it


def test_a_boycott_refuses_a_thing_and_a_surrender_is_to_someone(dated):
    boycott = only(dated("Zimbabwe's opposition boycotted the parliamentary election."))
    assert (boycott.plover, boycott.cameo, code(boycott.source_actor), boycott.target_actor) == (
        "PROTEST",
        "143",
        "ZWEOPP",
        None,
    )
    surrender = only(dated("The Sri Lankan army surrendered to Tamil rebels."))
    assert (surrender.plover, code(surrender.source_actor), code(surrender.target_actor)) == (
        "RETREAT",
        "LKAMIL",
        "LKAREB",
    )


def test_a_participle_before_the_doer_is_no_contest_word(dated):
    # "lead" is a contest's rank ("took the lead"); the "led" of "US-led" is not
    e = only(dated("The US-led coalition bombed Islamic State positions near Mosul."))
    assert (e.plover, code(e.source_actor), code(e.target_actor)) == ("ASSAULT", "USA", "IMGMOSISI")
