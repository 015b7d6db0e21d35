"""Reactions to an act, and acts told in the passive, on made-up sentences: "condemned the
shelling" is the condemnation (the shelling its topic, whose doer is the target), and a passive
names its doer by "by X" and its target by its own prepositions."""

from __future__ import annotations

from tests.stages.events.support import code, only


def test_a_reaction_to_an_act_is_the_reaction_not_the_act(dated):
    deplored = only(dated("France deplored the shelling of Sarajevo."))
    assert (deplored.plover, deplored.cameo, code(deplored.source_actor)) == ("ACCUSE", "111", "FRA")
    praised = only(dated("Germany praised the ceasefire in Sudan."))
    assert (praised.plover, praised.cameo, code(praised.source_actor)) == ("SUPPORT", "051", "DEU")
    criticized = only(dated("Japan criticized the missile test."))
    assert (criticized.plover, code(criticized.source_actor)) == ("ACCUSE", "JPN")


def test_the_doer_of_the_act_reacted_to_is_the_target(dated):
    condemned = only(dated("Israel condemned the firing of rockets by Hamas."))
    assert (condemned.plover, code(condemned.source_actor), code(condemned.target_actor)) == (
        "ACCUSE",
        "ISR",
        "PSEREB",
    )
    protested = only(dated("Pakistan protested the arrest of its diplomats by India."))
    assert (protested.plover, code(protested.source_actor), code(protested.target_actor)) == ("PROTEST", "PAK", "IND")


def test_a_welcome_is_a_visit_hosted_only_for_a_visitor(dated):
    hosted = only(dated("Russia welcomed the Chinese president."))
    assert (hosted.plover, code(hosted.target_actor)) == ("CONSULT", "CHNGOV")
    approved = only(dated("Russia welcomed the ceasefire."))
    assert (approved.plover, approved.cameo) == ("SUPPORT", "051")


def test_support_for_a_strike_is_left_to_the_strike(dated):
    # CAMEO 050 "support" is not a reaction: backing a strike is joining it
    e = only(dated("Kenyan teachers backed the strike."))
    assert (e.plover, code(e.source_actor)) == ("PROTEST", "KENEDU")


def test_nouns_of_the_dictionarys_verbs_of_force_and_coercion(dated):
    detained = only(dated("China confirmed the detention of two Canadians."))
    assert (detained.plover, detained.cameo, code(detained.target_actor)) == ("COERCE", "173", "CAN")
    clashes = only(dated("Clashes between Israel and Hezbollah continued on Monday."))
    assert (clashes.plover, clashes.reciprocal) == ("ASSAULT", True)
    assert [m.code for m in clashes.source_actor.members] == ["ISR", "LBNREB"]


def test_a_passive_verb_of_a_noun_act_is_the_nouns_event(dated):
    talks = only(dated("Talks between Israel and Syria were held in Washington."))
    assert (talks.plover, talks.cue.text, [m.code for m in talks.source_actor.members]) == (
        "CONSULT",
        "Talks",
        ["ISR", "SYR"],
    )


def test_a_passive_with_a_named_doer_keeps_its_target(dated):
    imposed = only(dated("New sanctions were imposed on Iran by the European Union on Monday."))
    assert (code(imposed.source_actor), code(imposed.target_actor)) == ("IGOEUREEC", "IRN")
    # an unnamed doer's owner is no target: "agents for Batista" are his
    beaten = dated("His father fled Cuba in 1957 after being beaten by agents for Fulgencio Batista.")
    assert not [e for e in beaten.events if e.plover == "ASSAULT"]


def test_a_passive_thing_given_by_a_named_doer_goes_to_its_recipient(dated):
    aid = only(dated("Humanitarian aid was delivered to Syria by the Red Crescent."))
    assert (aid.plover, code(aid.source_actor), code(aid.target_actor)) == ("AID", "NGOHLHIRC", "SYR")


def test_a_crowd_dispersed_is_repression(dated):
    # the dictionary reads DISPERSE only as distributing supplies
    for text in ("Turkish police dispersed the protesters.", "The protesters were dispersed by Turkish police."):
        e = only(dated(text))
        assert (e.plover, e.cameo, code(e.source_actor), code(e.target_actor)) == ("ASSAULT", "175", "TURCOP", "TURCVL")
