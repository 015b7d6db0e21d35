"""The places stage on made-up news sentences: toponyms, GeoNames ids, coordinates, evidence."""

from __future__ import annotations

from opslens.contract import Analysis, Place
from opslens.knowledge import gazetteer


def place(analysis: Analysis, mention: str) -> Place:
    found = [p for p in analysis.places if any(m.text == mention for m in p.mentions)]
    assert len(found) == 1, f"{mention!r} in {[(p.name, [m.text for m in p.mentions]) for p in analysis.places]}"
    return found[0]


def test_a_capital_resolves_to_its_geonames_city(analyze):
    a = analyze("The delegation arrived in Nairobi on Tuesday for two days of talks.")
    p = place(a, "Nairobi")
    assert (p.geonames_id, p.country, p.feature) == (184745, "KEN", "city")
    assert abs(p.lat - (-1.28333)) < 0.01 and abs(p.lon - 36.81667) < 0.01


def test_a_country_name_is_the_country_not_a_town(analyze):
    a = analyze("Farmers in Jordan say the drought is the worst in decades.")
    p = place(a, "Jordan")
    assert (p.geonames_id, p.country, p.feature, p.lat, p.lon) == (248816, "JOR", "country", 31.0, 36.0)


def test_a_us_state_is_the_state(analyze):
    p = place(analyze("Wildfires spread across California over the weekend."), "California")
    assert (p.geonames_id, p.country, p.feature) == (5332921, "USA", "admin")


def test_paris_texas_is_not_paris_france(analyze):
    a = analyze("The festival moved from Paris, Texas, to a larger venue. Paris also hosted a fair.")
    texan = place(a, "Texas")
    assert texan.feature == "admin"
    spans = sorted((m.start, p.country, p.geonames_id) for p in a.places for m in p.mentions if m.text == "Paris")
    assert [country for _, country, _ in spans] == ["USA", "USA"]  # one place, both mentions
    assert spans[0][2] == 4717560


def test_a_bare_paris_is_the_french_capital(analyze):
    p = place(analyze("Ministers will meet in Paris next month to discuss the budget."), "Paris")
    assert (p.geonames_id, p.country) == (2988507, "FRA")


def test_other_places_in_the_article_choose_between_homonyms(analyze):
    a = analyze(
        "Storms hit central Illinois on Monday. Power lines were down in Peoria, Decatur and "
        "Springfield, and schools in Bloomington closed."
    )
    p = place(a, "Springfield")
    assert (p.country, p.geonames_id) == ("USA", 4250542)  # Springfield, Illinois


def test_a_metonymic_capital_still_gets_its_coordinates(analyze):
    a = analyze("Moscow denied the accusations on Friday.")
    p = place(a, "Moscow")
    assert (p.geonames_id, p.country, p.feature) == (524901, "RUS", "city")


def test_demonyms_and_countries_inside_names_are_places(analyze):
    a = analyze("The Kenyan Foreign Ministry summoned the envoy.")
    p = place(a, "Kenyan")
    assert (p.country, p.feature) == ("KEN", "country")


def test_mentions_of_one_place_share_one_record_and_spans_match_the_text(analyze):
    text = "Rain fell on Lima. Later, Lima's mayor spoke."
    a = analyze(text)
    p = place(a, "Lima")
    assert len(p.mentions) == 2 and p.country == "PER"
    assert all(text[m.start : m.end] == m.text for q in a.places for m in q.mentions)
    assert [q.id for q in a.places] == [f"p{i + 1}" for i in range(len(a.places))]


def test_gazetteer_keys_ignore_accents_case_dots_and_saint():
    assert gazetteer.key("São Paulo") == gazetteer.key("sao paulo")
    assert gazetteer.key("St. Louis") == gazetteer.key("Saint Louis")
    assert gazetteer.lookup("Kiev")[0].name == "Kyiv"  # an alternate name of a big city


def test_an_outlet_the_ner_takes_for_a_town_is_no_place(analyze):
    an = analyze(
        "Reuters quoted a senior Japanese defence official as saying the drills would continue.\n\n"
        "Xinhua reported on March 3 that the talks in Geneva had broken down."
    )
    assert [p.name for p in an.places] == ["Japan", "Geneva"]


def test_a_dictionary_persons_surname_is_no_town(analyze):
    a = analyze("The Bush administration accused Syria of harbouring insurgents.")
    assert [p.name for p in a.places] == ["Syria"]  # not Būsh, a town in Egypt
