"""Event verbs in a sense other than their code's (`stages/events/senses.py`), on made-up
political news: contests of votes, trying, words with no act, jobs ended, deaths, names."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from opslens.contract import Analysis
from opslens.knowledge.event_codes import EventCue
from opslens.stages.events.senses import other_sense


def plovers(analysis: Analysis) -> list[tuple[str, str | None]]:
    return [(e.plover, e.cue.text if e.cue else None) for e in analysis.events]


@pytest.mark.parametrize(
    "text",
    [
        "In the latest poll, Senator Ross led Governor Hale by 6 percentage points among likely voters.",
        "Governor Hale gets 3 percent support in the new poll.",  # a share of voters
        "Senator Ross was battling with Governor Hale for second place in Ohio.",  # words, for a rank
        "Governor Hale became a contender in a race that had been dominated by Senator Ross.",  # "that": the race
    ],
)
def test_a_margin_share_or_rank_of_votes_is_a_contest(dated, text):
    assert plovers(dated(text)) == []


def test_a_verb_of_words_against_someone_outside_a_contest_stays(dated):
    assert plovers(dated("Senator Ross attacked Governor Hale for his record on taxes.")) == [("ACCUSE", "attacked")]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ross sought to calm his supporters at the rally.",
        "The FBI would seek to establish the facts of the case.",
        "Many Chinese trucks fail to meet the new Russian standards.",
    ],
)
def test_trying_or_failing_to_do_something_is_no_demand_or_rejection(dated, text):
    assert plovers(dated(text)) == []


def test_seeking_something_from_someone_stays_a_request(dated):
    assert plovers(dated("Russia sought Chinese support for the resolution.")) == [("REQUEST", "sought")]


@pytest.mark.parametrize(
    "text",
    [
        "Ohio police insisted they are prepared for the protesters.",  # what is so: no demand
        "Senator Ross allowed that some of the migrants might be good people.",  # a point granted
        "The Senate Republicans all agreed that Senator Ross's plan would raise taxes.",  # a forecast
    ],
)
def test_a_clause_of_what_is_so_is_words_not_an_act(dated, text):
    assert plovers(dated(text)) == []


def test_agreeing_on_what_ought_to_be_done_stays_an_agreement(dated):
    text = "Kenya and Uganda agree that the border dispute should be resolved through arbitration."
    assert plovers(dated(text)) == [("AGREE", "agree")]


def test_a_demand_with_an_act_to_come_stays(dated):
    assert plovers(dated("Iran demanded that Israel withdraw from the border.")) == [("REQUEST", "demanded")]
    assert plovers(dated("Egypt insisted that Israel must withdraw its troops.")) == [("REQUEST", "insisted")]
    assert plovers(dated("Israel allowed Palestinians to cross the border.")) == [
        ("RETREAT", "allowed")
    ]  # no clause said
    text = "Egyptian officials insisted that the United States match the aid of the European Union."  # a subjunctive
    assert plovers(dated(text)) == [("REQUEST", "insisted")]


@pytest.mark.parametrize(
    "text",
    [
        "The former aide was fired by Senator Ross in June.",
        "Governor Hale did not dismiss John Harlow on Tuesday.",
    ],
)
def test_a_person_fired_or_dismissed_loses_a_job(dated, text):
    assert plovers(dated(text)) == []


def test_firing_on_people_and_dismissing_a_report_stay(dated):
    assert plovers(dated("Israeli troops fired on protesters in Gaza.")) == [("ASSAULT", "fired")]
    assert plovers(dated("Iraq dismissed the report as propaganda."))[0][0] == "REJECT"


def test_a_death_no_act_caused_is_no_force(dated):
    assert plovers(dated("Senator Ross dies at 92.")) == []
    assert plovers(dated("Senator Ross died at the hands of the rebels.")) == [("ASSAULT", "died")]


def test_a_verb_in_a_title_or_a_connective_is_no_event(dated):
    assert plovers(dated('She had a role in "How the Grinch Stole Christmas" and other films.')) == []
    text = "Dr. Clark of Harvard said it will feel like you are out in the job market, as opposed to a training post."
    assert plovers(dated(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ross was spurred on by favorable news coverage.",
        "Governor Hale was helped along by an ineffective campaign.",
    ],
)
def test_a_thing_in_the_by_phrase_of_a_passive_is_no_doer(dated, text):
    assert plovers(dated(text)) == []


def test_a_passive_with_a_person_as_doer_stays(dated):
    assert plovers(dated("Governor Hale was helped by Senator Ross."))[0][0] in ("AID", "AGREE")


@pytest.mark.parametrize(
    "text",
    [
        "In the past, the White House has fought hard to defend both the Cadillac tax and the device tax.",
        "Governor Hale said he had fought for bills in his time as governor of New Jersey.",  # a time, no one
    ],
)
def test_fighting_to_do_or_for_a_thing_is_striving(dated, text):
    assert plovers(dated(text)) == []


def test_fighting_in_a_place_or_to_hold_it_stays_force(dated):
    assert plovers(dated("Syrian rebels fought for two days in Aleppo.")) == [("ASSAULT", "fought")]
    assert plovers(dated("Syrian troops fought to defend Aleppo.")) == [("ASSAULT", "fought")]


def test_competing_with_a_rival_is_a_contest(dated):
    assert plovers(dated("Senator Ross is unable to compete with Governor Hale in Iowa.")) == []


def test_one_person_beating_another_is_a_contest_not_a_judgment_demanded(dated):
    """ "should have beaten X" judges the past (no demand); one person beating another is a contest."""
    assert plovers(dated('"Senator Ross should have beaten Governor Hale very easily," Senator Blake said.')) == []
    assert plovers(dated('"I can beat Hillary Clinton," Senator Ross said.')) == []
    assert plovers(dated("Syrian troops beat protesters in the streets of Homs.")) == [("ASSAULT", "beat")]


def test_a_generic_you_is_told_no_demand(dated):
    text = '"If you take a paycheck from ESPN, you have to be careful," said James Miller of the Boston Globe.'
    assert plovers(dated(text)) == []
    text = '"You have to withdraw your troops," the Russian foreign minister told Ukraine.'
    assert plovers(dated(text)) == [("REQUEST", "told")]


def test_a_thing_does_no_rejection(dated):
    assert plovers(dated("The bad blood between them prevented Senator Ross from winning the nomination.")) == []
    assert plovers(dated("Russia prevented Ukraine from joining the alliance."))[0][0] == "REJECT"
    assert plovers(dated("The explosion wounded three Afghan policemen in Kabul.")) == [("ASSAULT", "wounded")]


def test_a_poll_conducted_or_a_debate_hosted_is_no_meeting(dated):
    assert plovers(dated("The survey was conducted for the Associated Press by Edison Research.")) == []
    assert plovers(dated("Senator Ross hosted a debate with Governor Hale in Ohio.")) == []
    assert plovers(dated("The United Nations held talks with Iran in Geneva.")) == [("CONSULT", "talks")]


def test_a_plural_doer_in_the_by_phrase_stays_an_actor(dated):
    """ "endorsed by dozens of papers": many of a kind are most often actors, not a thing."""
    assert plovers(dated("Senator Ross has been endorsed by dozens of papers across Ohio.")) == [
        ("SUPPORT", "endorsed")
    ]


def _headline(name_label: str) -> Doc:
    """ "Senator Ross Promises Action On Taxes", with the parse a small model gives a headline in
    title case: the whole headline swept into one name."""
    words = ["Senator", "Ross", "Promises", "Action", "On", "Taxes"]
    heads = [1, 2, 2, 2, 3, 4]
    deps = ["compound", "nsubj", "ROOT", "dobj", "prep", "pobj"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=["NNP", "NNP", "VBZ", "NNP", "IN", "NNP"])
    doc.ents = [Span(doc, 0, 6, label=name_label)]
    return doc


def test_a_headline_root_verb_swept_into_a_name_stays_a_verb():
    promise = EventCue("promise", "verb", "030", True, False, "AGREE")
    doc = _headline("ORG")
    assert not other_sense(doc[2], promise)
    title = Doc(Vocab(), words=["roles", "in", "How", "the", "Grinch", "Stole", "Christmas"])
    title.ents = [Span(title, 2, 7, label="WORK_OF_ART")]  # a verb inside a title, not its sentence's root
    assert other_sense(title[5], EventCue("steal", "verb", "171", False, True, "COERCE"))


def test_a_people_or_no_one_going_to_a_country_is_travel_not_a_visit(dated):
    assert plovers(dated("More Americans will be coming to Iraq this year.")) == []
    assert plovers(dated("A flood of 250,000 migrants coming to the United States worries Senator Ross.")) == []
    assert plovers(dated("The Chinese foreign minister traveled to Tokyo.")) == [("CONSULT", "traveled")]


def test_an_activity_engaged_in_or_words_echoed_are_no_event(dated):
    """`lexicons/non_events.tsv`: "engaged in conversation" (an "in" phrase), "echoed that promise"."""
    assert plovers(dated("Senator Ross and Governor Hale stood together, engaged in pleasant conversation.")) == []
    assert plovers(dated("Senator Ross echoed that promise on Monday.")) == []
    assert plovers(dated("Israeli troops engaged Hamas fighters in Gaza.")) == [("ASSAULT", "engaged")]


def test_a_win_pulled_out_is_no_withdrawal(dated):
    assert plovers(dated("Senator Ross pulls out a tough win in Hawaii.")) == []
    assert plovers(dated("The rebels pulled out of Homs.")) == [("RETREAT", "pulled")]
