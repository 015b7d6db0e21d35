"""Event verbs in a sense other than their code's (`stages/events/senses.py`), on made-up
political news: contests of votes, trying, words with no act, jobs ended, deaths, names."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis
from tests.support import article

PUBLISHED = "2023-05-10"


@pytest.fixture(scope="module")
def dated(analyzer):
    def run(text: str) -> Analysis:
        return analyzer.analyze(article(text, PUBLISHED))

    return run


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
