"""Contested claims: a claim and its denial or rejection, across articles and within one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from opslens.knowledge.contest_cues import claim_owners
from opslens.link import update
from opslens.link.listing import contests
from opslens.store.schema import ContestRow, MergedEventRow
from tests.link.samples import Actor, Told, analysis
from tests.support import article

RUSSIAN_TROOPS = Actor("Russian", "NORP", "RUSMIL")
UKRAINE = Actor("Ukraine", "GPE", "UKR")
RUSSIA = Actor("Russia", "GPE", "RUS")
KREMLIN = Actor("Kremlin", "ORG", "RUSGOV")
BELARUS = Actor("Belarus", "GPE", "BLR")

SHELLED = "Russian troops shelled the Ukrainian city of Kharkiv on Saturday"
CLAIM_TEXT = f"{SHELLED}, Ukraine's defence ministry said. Three people were wounded.\n"
DENIED = "Russia denied shelling Kharkiv on Saturday"
ACCUSED = "Ukraine accused Russia of shelling Kharkiv"
REJECTED = "The Kremlin rejected the accusations"


def claim():
    told = Told(SHELLED, "shelled", "ASSAULT", "194", RUSSIAN_TROOPS, UKRAINE, "reported", "2022-01-22")
    told.chain = [("Ukraine's defence ministry", "named_official", False)]
    return analysis(CLAIM_TEXT, told, outlet="Kyiv Post")


def denial(who: Actor = RUSSIA, sentence: str = DENIED):
    told = Told(sentence, "denied", "REJECT", "120", who, None, "asserted", "2022-01-22", rule="verb:deny")
    return analysis(f"{sentence}, calling the reports a provocation.\n", told, outlet="Moscow Times")


def flags(store) -> dict[str, bool]:
    with store.reading("read") as conn:
        return dict(conn.execute(select(MergedEventRow.plover, MergedEventRow.contested)).all())


def rows(store) -> list[tuple[str, str, str]]:
    with store.reading("read") as conn:
        me = MergedEventRow
        plover = dict(conn.execute(select(me.id, me.plover)).all())
        found = conn.execute(select(ContestRow.claim_id, ContestRow.counter_id, ContestRow.kind)).all()
    return [(plover[c], plover[k], kind) for c, k, kind in found]


def test_a_claim_and_its_denial_in_another_article_are_contested_with_both_evidences(store):
    store.save(claim(), analyzer_version="test")
    update(store)
    assert flags(store) == {"ASSAULT": False}
    store.save(denial(), analyzer_version="test")  # the denial comes in a later batch
    update(store)
    assert rows(store) == [("ASSAULT", "REJECT", "denial")]
    assert flags(store) == {"ASSAULT": True, "REJECT": False}
    [listed] = contests(store)
    assert listed["kind"] == "denial"
    assert [r["evidence"]["text"] for r in listed["claim"]["reports"]] == [SHELLED]
    assert [r["evidence"]["text"] for r in listed["counter"]["reports"]] == [DENIED]
    assert listed["why"].startswith(
        "Russia, a party to it, denies the assault by Russian against Ukraine on 2022-01-22"
    )
    # linking everything again finds the same contest
    update(store, rebuild=True)
    assert rows(store) == [("ASSAULT", "REJECT", "denial")]


def test_a_denial_by_someone_else_or_of_something_else_contests_nothing(store):
    store.save(claim(), analyzer_version="test")
    store.save(denial(BELARUS, "Belarus denied shelling Kharkiv on Saturday"), analyzer_version="test")
    store.save(denial(RUSSIA, "Russia denied hacking Ukrainian banks on Saturday"), analyzer_version="test")
    update(store)
    assert rows(store) == []
    assert flags(store) == {"ASSAULT": False, "REJECT": False}


def test_an_accusation_rejected_in_the_same_article_is_contested(store):
    text = f"{ACCUSED} on Sunday. {REJECTED} as absurd.\n"
    accusation = Told(ACCUSED, "accused", "ACCUSE", "112", UKRAINE, RUSSIA, "asserted", "2022-01-23")
    rejection = Told(REJECTED, "rejected", "REJECT", "120", KREMLIN, None, "asserted", "2022-01-23", rule="verb:reject")
    store.save(analysis(text, [accusation, rejection], outlet="Example Post"), analyzer_version="test")
    update(store)
    assert rows(store) == [("ACCUSE", "REJECT", "rejection")]
    [listed] = contests(store)
    assert "the accused, rejects the accusation by Ukraine against Russia" in listed["why"]


def test_a_rejection_of_criticism_it_names_is_a_contested_claim_in_one_sentence(store, analyzer):
    """The real pipeline: "rejected criticism from Greece" tells Greece's criticism (ACCUSE) and
    Turkey's answer to it; no other report of the criticism is needed for the contest."""
    text = "Turkey on Monday rejected criticism from Greece over the new drilling survey.\n"
    store.save(analyzer.analyze(article(text, "2023-05-10")), analyzer_version="test")
    update(store)
    assert rows(store) == [("ACCUSE", "REJECT", "rejection")]
    [listed] = contests(store)
    assert listed["why"].startswith(
        "Turkey, the accused, rejects the accusation by Greece against Turkey on 2023-05-08"
    )


def test_a_claim_and_its_answer_in_one_sentence_are_contested_however_coarsely_dated(store, analyzer):
    text = "Turkey in March rejected criticism from Greece over the new drilling survey.\n"
    a = analyzer.analyze(article(text, "2023-05-10"))
    assert {e.date.value for e in a.events} == {"2023-03"}  # a month, no day
    store.save(a, analyzer_version="test")
    update(store)
    assert rows(store) == [("ACCUSE", "REJECT", "rejection")]


def kremlin_answers(store, answer: str, cue: str, rule: str) -> list[tuple[str, str, str]]:
    """The contests once Ukraine's accusation and the Kremlin's REJECT-type `answer` are stored
    in one article."""
    accusation = Told(ACCUSED, "accused", "ACCUSE", "112", UKRAINE, RUSSIA, "asserted", "2022-01-23")
    told = Told(answer, cue, "REJECT", "120", KREMLIN, None, "asserted", "2022-01-23", rule=rule)
    text = f"{ACCUSED} on Sunday. {answer}.\n"
    store.save(analysis(text, [accusation, told], outlet="Example Post"), analyzer_version="test")
    update(store)
    return rows(store)


def test_denying_the_allegations_answers_an_accusation_as_rejecting_them_does(store):
    answered = kremlin_answers(store, "The Kremlin denied the allegations", "denied", "verb:deny")
    assert answered == [("ACCUSE", "REJECT", "rejection")]


def test_a_denial_does_not_contest_another_act_told_in_its_own_sentence(store):
    """ "X has denied that …, and X and Y still speak": the talks are told beside the denial, not denied."""
    sentence = "Mr. Ortiz has denied that he advised the mayor, and Mr. Ortiz and the mayor still speak often"
    ortiz, mayor = Actor("Ortiz"), Actor("the mayor", "PERSON")
    talks = Told(sentence, "speak", "CONSULT", "040", ortiz, mayor, "asserted", "2022-01-23")
    denied = Told(sentence, "denied", "REJECT", "120", ortiz, None, "asserted", "2022-01-23", rule="verb:deny")
    store.save(analysis(f"{sentence}.\n", [talks, denied], outlet="Example Post"), analyzer_version="test")
    update(store)
    assert rows(store) == []


def test_within_one_country_its_bodies_are_parties_of_their_own(store):
    """Between states the Kremlin answers for Russian troops; in one country's politics the court
    does not answer an accusation against the ministry."""
    accused = "Senators accused the Justice Department of hiding the records"
    rejected = "The Supreme Court rejected a request from senators"
    senators = Actor("senators", "NORP", "USALEG")
    told = [
        Told(
            accused,
            "accused",
            "ACCUSE",
            "112",
            senators,
            Actor("Justice Department", "ORG", "USAGOV"),
            "asserted",
            "2022-01-23",
        ),
        Told(
            rejected,
            "rejected",
            "REJECT",
            "120",
            Actor("Supreme Court", "ORG", "USAJUD"),
            senators,
            "asserted",
            "2022-01-23",
            rule="verb:reject",
        ),
    ]
    store.save(analysis(f"{accused} on Sunday. {rejected}.\n", told, outlet="Example Post"), analyzer_version="test")
    update(store)
    assert rows(store) == []


def test_a_group_denying_a_charge_it_does_not_name_answers_only_its_own_article(store):
    """ "a charge that Republican leaders denied" names no accuser: in another article it would
    answer any accusation against Republicans."""
    republicans = Actor("Republicans", "NORP", "USAPTY")
    accused = "The senator accused Republicans of blocking the bill"
    denied = "Republican leaders denied the charge"
    claim = Told(
        accused, "accused", "ACCUSE", "112", Actor("Ann Lee", "PERSON", "USALEG"), republicans, "asserted", "2022-01-23"
    )
    answer = Told(denied, "denied", "REJECT", "120", republicans, None, "asserted", "2022-01-23", rule="verb:deny")
    store.save(analysis(f"{accused} on Sunday.\n", claim, outlet="Example Post"), analyzer_version="test")
    store.save(analysis(f"{denied} on Sunday.\n", answer, outlet="Other Times"), analyzer_version="test")
    update(store)
    assert rows(store) == []
    store.save(
        analysis(f"{accused} on Sunday. {denied}.\n", [claim, answer], outlet="Third Daily"), analyzer_version="test"
    )
    update(store)
    assert rows(store) == [("ACCUSE", "REJECT", "rejection")]


def test_a_national_group_does_not_answer_for_a_place_of_its_country(store):
    accused = "Democrats sued Arizona over access to the polls"
    denied = "Republican leaders denied the charge"
    claim = Told(accused, "sued", "ACCUSE", "115", Actor("Democrats", "NORP", "USA"), Actor("Arizona", "GPE", "USA"))
    answer = Told(denied, "denied", "REJECT", "120", Actor("Republican", "NORP", "USA"), None, rule="verb:deny")
    for told in (claim, answer):
        told.modality, told.day = "asserted", "2022-01-23"
    store.save(
        analysis(f"{accused} on Sunday. {denied}.\n", [claim, answer], outlet="Example Post"), analyzer_version="test"
    )
    update(store)
    assert rows(store) == []


def test_the_accusation_a_rejection_names_is_answered_whatever_else_the_rejection_is_aimed_at(store):
    """ "At a rally in Ohio, Mr. Hale rejected attacks from Ms. Dunn": read as aimed at Ohio, the
    rejection still answers the accusation its own words name (rule "claim:attack")."""
    sentence = "At a rally in Ohio on Sunday, Mr. Hale rejected attacks from Ms. Dunn"
    hale, dunn = Actor("Hale"), Actor("Dunn")
    answer = Told(sentence, "rejected", "REJECT", "120", hale, Actor("Ohio", "GPE", "USA"), rule="verb:reject")
    claim = Told(sentence, "attacks", "ACCUSE", "111", dunn, hale, rule="claim:attack")
    for told in (answer, claim):
        told.modality, told.day = "asserted", "2022-01-23"
    store.save(analysis(f"{sentence}.\n", [answer, claim], outlet="Example Post"), analyzer_version="test")
    update(store)
    assert rows(store) == [("ACCUSE", "REJECT", "rejection")]
    [listed] = contests(store)
    assert listed["why"].endswith("(naming the accusation and its author)")


def test_a_group_and_a_state_of_one_country_are_alike_only_when_both_name_it(store):
    """ "Republican" and "Ohio" share only the code USA; "Russian" and "Russia" name one country."""
    criticized = "Republican rivals criticized Mr. Hale over the tax plan"
    rejected = "Mr. Hale rejected a request from Ohio for flood aid"
    hale = Actor("Hale")
    told = [
        Told(criticized, "criticized", "ACCUSE", "111", Actor("Republican", "NORP", "USA"), hale),
        Told(rejected, "rejected", "REJECT", "120", hale, Actor("Ohio", "GPE", "USA"), rule="verb:reject"),
    ]
    for t in told:
        t.modality, t.day = "asserted", "2022-01-23"
    store.save(analysis(f"{criticized}. {rejected}.\n", told, outlet="Example Post"), analyzer_version="test")
    update(store)
    assert rows(store) == []


def test_rejecting_a_proposal_answers_no_accusation(store):
    assert kremlin_answers(store, "The Kremlin rejected a proposal for talks", "rejected", "verb:reject") == []


def test_a_denial_analysed_away_leaves_the_claim_uncontested(store):
    store.save(claim(), analyzer_version="test")
    store.save(denial(), analyzer_version="test")
    update(store)
    assert flags(store) == {"ASSAULT": True, "REJECT": False}
    again = denial()
    again.events = []  # the denial's article analysed again, and no denial found this time
    store.save(again, analyzer_version="test")
    update(store)
    assert rows(store) == [] and flags(store) == {"ASSAULT": False}


def test_a_rejection_naming_whose_charges_answers_only_that_accuser(store):
    """ "Moscow dismissed Kyiv's charges" answers Kyiv's accusation, not Minsk's the same day."""
    kyiv, minsk = Actor("Kyiv", "GPE", "UKR"), Actor("Minsk", "GPE", "BLR")
    by_minsk = "Minsk accused Russia of massing troops"
    dismissed = "The Kremlin dismissed Kyiv's charges"
    text = f"{by_minsk} on Sunday. {dismissed} as lies.\n"
    accusation = Told(by_minsk, "accused", "ACCUSE", "112", minsk, RUSSIA, "asserted", "2022-01-23")
    rejection = Told(
        dismissed, "dismissed", "REJECT", "120", KREMLIN, None, "asserted", "2022-01-23", rule="verb:reject"
    )
    store.save(analysis(text, [accusation, rejection], outlet="Example Post"), analyzer_version="test")
    update(store)
    assert rows(store) == []
    by_kyiv = "Kyiv accused Russia of massing troops"
    accusation = Told(by_kyiv, "accused", "ACCUSE", "112", kyiv, RUSSIA, "asserted", "2022-01-23")
    store.save(
        analysis(f"{by_kyiv} on Sunday. {dismissed} as lies.\n", [accusation, rejection], outlet="Daily Example"),
        analyzer_version="test",
    )
    update(store)
    assert sorted(rows(store)) == [("ACCUSE", "REJECT", "rejection")]


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("The minister dismissed Kyiv’s charges about the convoy", ["Kyiv"]),
        ("He called the Pentagon's latest claims false", ["Pentagon"]),
        ("The Kremlin rejected the allegation", []),
        ("Moscow dismissed Kyiv's plan for talks", []),  # a plan is no claim
    ],
)
def test_whose_claim_a_rejection_names(text, owners):
    assert claim_owners(text) == owners
