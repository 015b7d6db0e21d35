"""The events stage on made-up news sentences: codes, actors, modality, dates, places, background,
and the brief's key developments and dyads."""

from __future__ import annotations

import pytest

from opslens.analyze.brief import dyads
from opslens.analyze.events import code, event_lexicon
from opslens.model import ActorRef, Analysis, Event, Span
from opslens.render import markdown
from tests.support import article

PUBLISHED = "2023-05-10"


@pytest.fixture(scope="module")
def dated(analyzer):
    def run(text: str) -> Analysis:
        return analyzer.analyze(article(text, PUBLISHED))

    return run


def only(analysis: Analysis) -> Event:
    assert len(analysis.events) == 1, [(e.plover, e.cue.text if e.cue else None) for e in analysis.events]
    return analysis.events[0]


def codes(ref: ActorRef | None) -> list[str | None] | str | None:
    if ref is None:
        return None
    return [m.code for m in ref.members] if ref.members else ref.code


def name(analysis: Analysis, ref: ActorRef | None) -> str | None:
    names = {e.id: e.name for e in analysis.entities}
    return names.get(ref.entity) if ref is not None and ref.entity else None


# -- the lexicon and the code table --------------------------------------------------------------
def test_every_lexicon_code_is_in_the_cameo_table_with_a_category():
    for cue in event_lexicon().values():
        info = code(cue.cameo, cue.plover)
        assert info.plover is not None, cue
        assert info.quad is not None and info.goldstein is not None, cue


def test_goldstein_and_quad_class_come_from_the_table():
    visit = code("042")
    assert (visit.plover, visit.mode, visit.quad, visit.goldstein) == ("CONSULT", "visit", 1, 1.9)
    assert code("163", "SANCTION").plover == "SANCTION"  # the manual's root translation overrides COERCE
    assert code("1731").cameo == "1731" and code("1731").plover == code("173").plover  # nearest listed parent


# -- one sentence per PLOVER category --------------------------------------------------------------
@pytest.mark.parametrize("text, plover, cameo, source, target", [
    ("Chile pledged to send medical supplies to Bolivia.", "AGREE", "030", "CHL", "BOL"),
    ("Kenya's president will visit Tanzania next month, his office said.", "CONSULT", "042", "KENGOV", "TZA"),
    ("The Canadian prime minister praised Norway for its climate policy.", "SUPPORT", "051", "CANGOV", "NOR"),
    ("Denmark donated 40 ambulances to Ukraine.", "AID", "071", "DNK", "UKR"),
    ("The Colombian government released 12 rebel prisoners on Friday.", "RETREAT", "0841", "COLGOV", None),
    ("Peruvian troops withdrew from the disputed border area.", "RETREAT", "0874", "PERMIL", None),
    ("Egypt accused Ethiopia of endangering its water supply.", "ACCUSE", "112", "EGY", "ETH"),
    ("Vietnam urged China to halt its patrols near the islands.", "REQUEST", "100", "VNM", "CHN"),
    ("Mexico rejected a proposal by the United States to deploy agents on its soil.", "REJECT", "120", "MEX", "USA"),
    ("Pakistan threatened to cut off fuel supplies to Afghanistan.", "THREATEN", "130", "PAK", "AFG"),
    ("Thousands of Hungarian teachers protested in Budapest against the new wage law.", "PROTEST", "140", "HUNEDU", "HUN"),
    ("Turkey deployed warships to the eastern Mediterranean.", "MOBILIZE", "154", "TUR", None),
    ("The European Union imposed sanctions on Belarus after the disputed election.", "SANCTION", "163", "IGOEUREEC", "BLR"),
    ("Nicaraguan police arrested five opposition activists in Managua.", "COERCE", "173", "NICCOP", "NIC"),
    ("Sudanese army aircraft bombed rebel positions in Darfur on Sunday.", "ASSAULT", "195", "SDN", "SDN"),
])
def test_category_code_and_actors(dated, text, plover, cameo, source, target):
    e = only(dated(text))
    assert (e.plover, e.cameo, codes(e.source_actor), codes(e.target_actor)) == (plover, cameo, source, target)
    assert e.cue is not None and text[e.cue.start:e.cue.end] == e.cue.text


def test_cooperate_with_both_sides_is_reciprocal(dated):
    e = only(dated("Colombia and Ecuador cooperated on border security last year."))
    assert (e.plover, e.reciprocal, codes(e.source_actor), e.target_actor) == ("COOPERATE", True, ["COL", "ECU"], None)


def test_a_lodged_protest_is_an_official_complaint(dated):
    e = only(dated("Serbia lodged a formal protest with Croatia over the arrests."))
    assert (e.plover, e.cameo, codes(e.source_actor), codes(e.target_actor)) == ("ACCUSE", "114", "SRB", "HRV")


# -- actors ----------------------------------------------------------------------------------------
def test_coordinated_subjects_are_one_compound_reciprocal_actor(dated):
    a = dated("Portugal and Morocco agreed on Monday to expand cooperation on fisheries.")
    e = only(a)
    assert (e.plover, e.reciprocal, codes(e.source_actor), e.target_actor) == ("AGREE", True, ["PRT", "MAR"], None)
    assert e.source_actor.code == "PRT" and name(a, e.source_actor) == "Portugal"


def test_meeting_a_counterpart_is_reciprocal_and_the_venue_is_the_place(dated):
    a = dated("The Japanese prime minister is to meet the South Korean president in Seoul in June.")
    e = only(a)
    assert (e.plover, e.modality, e.reciprocal, codes(e.source_actor)) == ("CONSULT", "planned", True, ["JPNGOV", "KORGOV"])
    assert [p.name for p in a.places if p.id == e.place] == ["Seoul"]
    assert e.date.value == "2023-06"


def test_passive_agent_is_the_source(dated):
    e = only(dated("The Serbian journalist was detained by Hungarian police on Monday."))
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("COERCE", "HUNCOP", "SRBMED")


def test_a_capital_acting_is_its_government(dated):
    e = only(dated("Kabul condemned the raid on its embassy."))
    assert (e.plover, e.cameo, codes(e.source_actor)) == ("ACCUSE", "111", "AFGGOV")


def test_group_noun_located_in_a_country(dated):
    e = only(dated("Rebels in Mali kidnapped two Italian engineers."))
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("ASSAULT", "MLIREB", "ITA")


def test_role_actor_with_a_nationality(dated):
    a = dated("Poland's foreign minister warned Belarus that Warsaw would close the border.")
    e = only(a)
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("THREATEN", "POLGOV", "BLR")


def test_an_ethnic_group_is_coded_where_it_acts(dated):
    e = only(dated("Ethnic Hungarians rallied in Slovakia on Sunday."))
    assert (e.plover, codes(e.source_actor)) == ("PROTEST", "SVK")


def test_demand_in_reported_speech_targets_the_obliged(dated):
    e = only(dated("Bolivian President Luis Arce said Chile must return the disputed land."))
    assert (e.plover, e.cameo, codes(e.source_actor), codes(e.target_actor)) == ("REQUEST", "100", "BOLGOV", "CHL")


def test_demanded_clause_subject_is_the_target(dated):
    e = only(dated("Japan demanded that North Korea stop its missile launches."))
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("REQUEST", "JPN", "PRK")


def test_a_condition_names_whom_a_threat_is_aimed_at(dated):
    e = only(dated("Algeria threatened to close its airspace if Morocco continued the exercises."))
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("THREATEN", "DZA", "MAR")


def test_an_office_holder_without_a_country_takes_the_sentence_country(dated):
    e = only(dated("President Ruiz threatened to ban Guatemalan opposition parties from the vote."))
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("THREATEN", "GTMGOV", "GTMOPP")


def test_a_foreign_leader_named_beside_another_country_stays_uncoded(dated):
    e = only(dated("President Ruiz welcomed the Guatemalan foreign minister."))
    assert codes(e.source_actor) is None and codes(e.target_actor) == "GTMGOV"


def test_no_actor_no_event(dated):
    assert dated("The visit was the first of its kind since the war.").events == []


# -- modality ----------------------------------------------------------------------------------------
def test_reported_event_carries_its_attribution(dated):
    a = dated("Chile said Peru had attacked its border posts, according to the defence ministry.")
    e = only(a)
    assert (e.plover, codes(e.source_actor), e.modality, e.background) == ("ASSAULT", "PER", "reported", False)
    carrier = next(x for x in a.attributions if x.id == e.attribution)
    assert carrier.content.start <= e.cue.start < carrier.content.end


def test_conditional_sanction_is_a_hypothetical_threat(dated):
    e = only(dated("Norway would impose tariffs on Iceland if the fishing talks failed."))
    assert (e.plover, e.cameo[:2], e.modality, codes(e.target_actor)) == ("THREATEN", "13", "hypothetical", "ISL")
    assert e.date is None


def test_an_invasion_that_would_lead_to_war_is_hypothetical(dated):
    e = only(dated("Any invasion of Moldova would lead to a long war."))
    assert (e.plover, e.modality, codes(e.target_actor)) == ("ASSAULT", "hypothetical", "MDA")


def test_negated(dated):
    e = only(dated("Ghana did not sign the agreement with Togo."))
    assert (e.plover, e.modality, codes(e.source_actor), codes(e.target_actor)) == ("SUPPORT", "negated", "GHA", "TGO")


def test_denied_by_the_attribution_that_carries_it(dated):
    a = dated("Moscow denies that its troops shelled the Ukrainian village.")
    denied = [e for e in a.events if e.modality == "denied"]
    rejection = [e for e in a.events if e.plover == "REJECT"]
    assert rejection and codes(rejection[0].source_actor) == "RUSGOV"
    assert all(e.attribution for e in denied)


def test_planned_visit_is_consult_with_modality_planned(dated):
    e = only(dated("Kenya's president will visit Tanzania next month, his office said."))
    assert (e.plover, e.mode, e.modality) == ("CONSULT", "visit", "planned")
    assert e.date.value == "2023-06" and e.attribution is not None


# -- dates, places, background ---------------------------------------------------------------------------
def test_date_from_the_clause_else_the_article(dated):
    monday = only(dated("Nicaraguan police arrested five opposition activists in Managua on Monday."))
    assert monday.date.value == "2023-05-08" and monday.date.time is not None
    undated = only(dated("Denmark donated 40 ambulances to Ukraine."))
    assert (undated.date.time, undated.date.value) == (None, PUBLISHED)


def test_event_years_before_the_article_is_background(dated):
    a = dated("The 2008 bombing of the Indian embassy in Kabul killed 58 people.")
    e = only(a)
    assert (e.plover, e.background, e.date.value, codes(e.target_actor)) == ("ASSAULT", True, "2008", "IND")
    assert [p.name for p in a.places if p.id == e.place] == ["Kabul"]
    assert a.brief.background == [e.id] and a.brief.key_developments == []


def test_past_perfect_in_reported_speech_is_not_background(dated):
    e = only(dated("Officials said Peru had attacked Chilean border posts."))
    assert e.background is False


def test_a_time_of_another_clause_does_not_date_the_event(dated):
    e = only(dated("Given that the last summit took place in 2015, Spain offered to host the talks."))
    assert e.plover == "AGREE" and e.date.value == PUBLISHED and e.background is False


# -- the seed article ----------------------------------------------------------------------------------
def test_seed_planned_visit_reported_by_tass(seed):
    visit = next(e for e in seed.events if e.cameo == "042" and e.attribution)
    assert (visit.modality, codes(visit.source_actor), codes(visit.target_actor)) == ("planned", "GBRGOV", "RUSGOV")
    carrier = next(a for a in seed.attributions if a.id == visit.attribution)
    assert carrier.chain[0].name == "TASS"
    assert visit.date.value == "2022-02"


def test_seed_background_attacks_and_the_uk_russia_dyad(seed):
    background = [e for e in seed.events if e.background]
    assert sorted(e.date.value for e in background) == ["2006", "2018"]
    assert all(e.plover == "ASSAULT" for e in background)
    assert seed.brief.background == [e.id for e in background]
    dyad = seed.brief.dyads[0]
    assert (dyad.actors, dyad.tone) == (["GBR", "RUS"], "mixed")
    assert dyad.cooperative >= 2 and dyad.conflictual >= 2


def test_seed_warning_keeps_its_quotation(seed):
    warning = next(e for e in seed.events if e.plover == "THREATEN" and e.date and e.date.value == "2022-01-21")
    said = next(a for a in seed.attributions if a.id == warning.statement)
    assert said.direct and "desist" in said.content.text


# -- brief and renderings ----------------------------------------------------------------------------------
def _event(eid: str, quad: int, goldstein: float, source: str, target: str | None, **kw) -> Event:
    return Event(id=eid, plover="CONSULT", quad_class=quad, goldstein=goldstein,
                 source_actor=ActorRef(code=source), target_actor=ActorRef(code=target) if target else None,
                 evidence=Span(start=0, end=1, text="x"), **kw)


def test_dyads_sum_goldstein_and_mix_tone_but_skip_what_did_not_happen():
    events = [
        _event("v1", 1, 1.9, "GBRGOV", "RUSGOV"),
        _event("v2", 3, -2.0, "RUS", "GBRGOV"),
        _event("v3", 4, -10.0, "GBR", "RUS", modality="hypothetical"),
        _event("v4", 1, 4.0, "FRA", None),
    ]
    out = dyads(events, {})
    assert len(out) == 1
    d = out[0]
    assert (d.actors, d.events, d.goldstein, d.cooperative, d.conflictual, d.tone) == (
        ["GBR", "RUS"], ["v1", "v2"], -0.1, 1, 1, "mixed")


def test_markdown_shows_key_developments_with_actors_date_place_modality_and_sourcing(seed):
    text = markdown.render(seed)
    section = text.split("## Key developments")[1].split("\n## ")[0]
    line = next(x for x in section.splitlines() if "visit" in x and "TASS" in x)
    assert "Liz Truss [GBRGOV]" in line and "2022-02" in line and "in Moscow" in line and "planned" in line
    assert "## Background" in text and "2006" in text.split("## Background")[1]
    assert "GBR – RUS: mixed" in text


def test_leaders_of_an_opposition_group_act_in_the_one_country_named(dated):
    e = only(dated("Leaders of the opposition alliance called off the rally in Harare."))
    assert codes(e.source_actor) == "ZWEOPP"


def test_mutual_talks_on_one_sides_plan_stay_reciprocal(dated):
    e = only(dated("Peru and Chile resumed negotiations on a Chilean naval withdrawal."))
    assert (e.plover, e.reciprocal, codes(e.source_actor), e.target_actor) == ("CONSULT", True, ["PER", "CHL"], None)


def test_denounced_as_a_crime_the_owner_of_the_act(dated):
    e = only(dated("Armenia denounced as a provocation Azerbaijan's shelling of border villages."))
    assert (e.plover, codes(e.source_actor), codes(e.target_actor)) == ("ACCUSE", "ARM", "AZE")
