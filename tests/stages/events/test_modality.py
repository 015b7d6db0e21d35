"""How the clause tells an event word (modality), which report carries it, and when and where it
happened, on made-up clauses parsed by the session's spaCy pipeline; the reports and places the
earlier stages would have found are given by hand."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis, Attribution, Passage, PipelineInfo, Place, Span
from opslens.stages.events import modality as em
from tests.stages.events.support import code, only
from tests.support import article

PUBLISHED = "2023-05-10"


@pytest.fixture(scope="module")
def clause(analyzer):
    """ "text|word" → (analysis with no facts, the word's token)."""

    def run(text_and_word: str):
        text, event_word = text_and_word.split("|")
        doc = analyzer.nlp(text)
        analysis = Analysis(article=article(text, PUBLISHED), pipeline=PipelineInfo(version="test", model="test"))
        return analysis, next(t for t in doc if t.text == event_word)

    return run


def report(text: str, cue: str, content: str, rid: str = "a1", reports: bool = True) -> Attribution:
    """A report of `text` whose cue and content are the first occurrences of those words."""
    c, s = text.index(cue), text.index(content)
    return Attribution(
        id=rid,
        cue=Span(start=c, end=c + len(cue), text=cue),
        reports=reports,
        content=Passage(start=s, end=s + len(content), text=content),
    )


@pytest.mark.parametrize(
    "text_and_word, expected",
    [
        ("Ghana visited Togo.|visited", "asserted"),
        ("Ghana did not sign the agreement.|sign", "negated"),
        ("Ghana no longer supplies Togo with oil.|supplies", "negated"),
        ("Ghana did not agree to meet Togo.|meet", "negated"),  # the embedding verb's own negation
        ("Ghana would impose tariffs on Togo if the talks failed.|impose", "hypothetical"),
        ("An invasion of Togo would lead to war.|invasion", "hypothetical"),  # a noun subject of "would"
        ("Ghana will visit Togo.|visit", "planned"),
        ("Ghana plans to visit Togo.|visit", "planned"),
        ("Ghana is to meet Togo.|meet", "planned"),
        ("Ghana is ready to send troops.|send", "planned"),
        ("The proposed visit to Togo was cancelled.|visit", "planned"),
        ("Ghana trained the militia to fight rebels.|fight", "planned"),  # a purpose is intended
        ("Police used tear gas to disperse the protesters.|disperse", "asserted"),  # a means used: done
    ],
)
def test_modality_of_a_clause_told_by_the_outlet(clause, text_and_word, expected):
    analysis, tok = clause(text_and_word)
    assert em.modality(analysis, tok, None) == expected


def test_plans_purposes_and_conditions(clause):
    _, fight = clause("Ghana trained the militia to fight rebels.|fight")
    assert (em.purpose(fight), em.planned(fight)) == (True, False)
    _, impose = clause("Ghana would impose tariffs on Togo if the talks failed.|impose")
    assert (em.conditional(impose), em.planned(impose)) == (True, True)
    _, invasion = clause("An invasion of Togo would lead to war.|invasion")
    assert em.clause_verb(invasion).text == "lead" and not em.conditional(em.clause_verb(invasion))


def test_a_report_carries_what_its_content_holds(clause):
    text = "Officials said Ghana attacked Togo."
    analysis, attacked = clause(text + "|attacked")
    said = report(text, "said", "Ghana attacked Togo")
    analysis.attributions = [said]
    assert em.carrier(analysis, attacked) is said
    assert em.modality(analysis, attacked, said) == "reported"
    # a word of the cue is the report's statement, not carried by it
    _, said_word = clause(text + "|said")
    assert em.carrier(analysis, said_word) is None and em.statement(analysis, said_word) is said


def test_the_innermost_report_that_reports_carries_it(clause):
    text = "Officials said Ghana agreed to hold talks with Togo."
    analysis, talks = clause(text + "|talks")
    outer = report(text, "said", "Ghana agreed to hold talks with Togo", "a1")
    agreed = report(text, "agreed", "to hold talks with Togo", "a2", reports=False)  # an act that reports nothing
    analysis.attributions = [outer.model_copy(update={"embedded": [agreed]})]
    carrier = em.carrier(analysis, talks)
    assert carrier is not None and carrier.id == "a1"


def test_words_carried_by_a_denial_are_denied(clause):
    text = "Moscow denies that its troops shelled the village."
    analysis, shelled = clause(text + "|shelled")
    denial = report(text, "denies", "that its troops shelled the village")
    analysis.attributions = [denial]
    assert em.carrier(analysis, shelled) is denial
    assert em.modality(analysis, shelled, denial) == "denied"
    # a negation in the clause itself comes first
    text = "Moscow denies that its troops did not shell the village."
    analysis, shell = clause(text + "|shell")
    assert (
        em.modality(analysis, shell, report(text, "denies", "that its troops did not shell the village")) == "negated"
    )


def test_the_date_of_an_undated_act_is_the_articles_unless_it_is_planned(clause):
    analysis, visited = clause("Ghana visited Togo.|visited")
    date = em.event_date(analysis, visited, "asserted")
    assert date is not None and (date.time, date.value) == (None, PUBLISHED)
    analysis, visit = clause("Ghana will visit Togo.|visit")
    assert em.event_date(analysis, visit, "planned") is None


def test_the_past_perfect_of_the_outlet_is_background_but_not_in_reported_speech(clause):
    analysis, attacked = clause("Ghana had attacked Togo.|attacked")
    assert em.background(analysis, attacked, None, None) is True
    text = "Officials said Ghana had attacked Togo."
    analysis, attacked = clause(text + "|attacked")
    assert em.background(analysis, attacked, None, report(text, "said", "Ghana had attacked Togo")) is False
    analysis, attacked = clause("Ghana attacked Togo.|attacked")
    assert em.background(analysis, attacked, None, None) is False


def test_the_place_of_an_act_is_its_in_x_not_an_actor(clause):
    text = "Moscow agreed to talks in Geneva."
    analysis, talks = clause(text + "|talks")
    places = {
        text.index("Moscow"): Place(id="p1", name="Moscow", country="RUS"),
        text.index("Geneva"): Place(id="p2", name="Geneva", country="CHE"),
    }
    assert em.event_place(analysis, lambda t: places.get(t.idx), talks) == "p2"


@pytest.mark.parametrize(
    "text, cameo, source",
    [
        ("The rebels expressed willingness to negotiate with the government of Chad.", "036", "TCDREB"),
        ("Iran expressed its readiness to hold talks with Saudi Arabia.", "036", "IRN"),
        ("Iran expressed readiness to send aid to Syria.", "033", "IRN"),
    ],
)
def test_an_act_one_shows_willingness_to_do_is_an_intent_of_the_one_showing_it(dated, text, cameo, source):
    e = only(dated(text))
    assert (e.plover, e.cameo, e.modality, code(e.source_actor)) == ("AGREE", cameo, "planned", source)


def test_an_act_one_is_asked_to_do_is_no_event(dated):
    # an appeal (CAMEO 02) has no PLOVER category, and what it asks for is not done
    assert dated("Lebanon's president asked Syria to withdraw its troops.").events == []
    assert [e.plover for e in dated("Lebanon's president urged Syria to withdraw its troops.").events] == ["REQUEST"]


def test_not_hesitating_to_strike_is_a_threat_to_strike(dated):
    e = only(dated("Israel said it would not hesitate to strike Iran's nuclear sites."))
    assert (e.plover, e.cameo, e.modality, code(e.target_actor)) == ("THREATEN", "138", "planned", "IRN")


def test_talks_proposed_are_an_offer_to_meet_and_a_visit_planned_stays_a_visit(dated):
    e = only(dated("South Korea proposed talks with North Korea on family reunions."))
    assert (e.plover, e.cameo, e.modality) == ("AGREE", "036", "planned")
    e = only(dated("Kenya's president will visit Tanzania next month."))
    assert (e.plover, e.cameo, e.modality) == ("CONSULT", "042", "planned")
