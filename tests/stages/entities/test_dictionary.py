"""The entities stage with the Phoenix dictionaries, on made-up sentences: a dictionary person in
office at the article's date gets that country, the date decides the code, what the text says wins,
and a name the dictionaries do not list gets no code from nowhere."""

from __future__ import annotations

import pytest

from opslens.contract import Entity, Role
from opslens.stages.entities.dictionary import coded
from tests.support import article


def entity(analysis, name: str) -> Entity:
    found = [e for e in analysis.entities if e.name == name or name in e.aliases]
    assert len(found) == 1, f"{name!r} in {[e.name for e in analysis.entities]}"
    return found[0]


@pytest.fixture(scope="module")
def news(analyzer):
    text = (
        "Interior Minister Anna Berg has pledged new funds for the clinic. "
        "Robert Mugabe opened the new hospital on Monday."
    )
    return {date: analyzer.analyze(article(text, date)) for date in ("2010-03-15", "1975-03-15")}


def test_an_unlisted_minister_gets_no_code_from_nowhere(news):
    berg = entity(news["2010-03-15"], "Anna Berg")
    assert (berg.country, berg.actor_code) == (None, None)
    assert not any(s.startswith("phoenix:") for s in berg.sources)


def test_a_listed_person_is_coded_at_the_article_date_with_its_origin(news):
    mugabe = entity(news["2010-03-15"], "Robert Mugabe")
    assert (mugabe.country, mugabe.actor_code) == ("ZWE", "ZWEGOV")
    assert "phoenix:Phoenix.Countries.actors.txt:54323" in mugabe.sources
    before = entity(news["1975-03-15"], "Robert Mugabe")  # before he held office: an elite
    assert (before.country, before.actor_code) == ("ZWE", "ZWEELI")


def person(name: str, roles: list[Role] | None = None, country: str | None = None) -> Entity:
    return Entity(id="e1", name=name, type="PERSON", aliases=[name], roles=roles or [], country=country)


PRESIDENT = Role(title="President", sector="GOV")


def test_the_text_wins_over_the_dictionary():
    written = person("Robert Mugabe", [Role(title="President", country="KEN", sector="GOV")], country="KEN")
    assert coded([written], "2010-03-15", set()) == [written]


def test_dates_bound_the_codes():
    [obama] = coded([person("Barack Obama")], "2005-06-01", set())  # between his codes' bounds
    assert obama.actor_code is None
    [obama] = coded([person("Barack Obama")], "2012-06-01", set())
    assert obama.actor_code == "USAGOV"


def test_without_a_date_the_country_its_codes_share_and_the_office_of_the_text():
    [sirleaf] = coded([person("Ellen Johnson Sirleaf", [PRESIDENT])], None, set())
    assert (sirleaf.country, sirleaf.actor_code) == ("LBR", "LBRGOV")


def test_a_surname_with_an_office_only_in_an_article_that_names_the_holders_country():
    [mugabe] = coded([person("Mugabe", [PRESIDENT])], None, {"ZWE", "ZAF"})
    assert mugabe.actor_code == "ZWEGOV"
    [alone] = coded([person("Mugabe", [PRESIDENT])], None, set())  # a surname alone is no evidence
    assert alone.actor_code is None
    [ruiz] = coded([person("Ruiz", [PRESIDENT])], None, {"GTM"})  # one RUIZ in Phoenix, a Cuban
    assert ruiz.actor_code is None
    [plain] = coded([person("Mugabe")], None, {"ZWE"})  # no office written: no guess
    assert plain.actor_code is None
    # several people of that name: only when the article names their one country
    [allawi] = coded([person("Allawi", [Role(title="Prime Minister", sector="GOV")])], None, set())
    assert allawi.actor_code is None
    [allawi] = coded([person("Allawi", [Role(title="Prime Minister", sector="GOV")])], None, {"IRQ"})
    assert allawi.actor_code == "IRQGOV"


def test_regional_and_transnational_codes_are_not_countries():
    # ISLAMIC_SALVATION_FRONT_ [INTREB]: CAMEO's "international" prefix names no country
    front = Entity(id="e1", name="Islamic Salvation Front", type="ORG", aliases=["Islamic Salvation Front"])
    assert coded([front], None, set()) == [front]
    un = Entity(id="e2", name="United Nations", type="ORG", aliases=["United Nations"])
    [coded_un] = coded([un], None, set())
    assert (coded_un.actor_code, coded_un.country) == ("IGOUNO", None)


def test_transnational_armed_groups_and_ngos_keep_their_cameo_code():
    [qaeda] = coded([Entity(id="e1", name="al-Qaeda", type="ORG", aliases=["al-Qaeda"])], "2005-01-01", set())
    assert (qaeda.actor_code, qaeda.country) == ("IMGMUSALQ", None)
    assert qaeda.sources == ["phoenix:Phoenix.MilNonState.actors.txt:1134"]
    [leader] = coded([person("Osama bin Laden")], "2005-01-01", set())  # the group's file, no office dates
    assert leader.actor_code == "IMGMUSALQ"
    amnesty = Entity(id="e2", name="Amnesty International", type="ORG", aliases=["Amnesty International"])
    assert coded([amnesty], None, set())[0].actor_code == "NGOHRIAMN"


def test_a_full_name_without_the_dictionarys_middle_name():
    [menem] = coded([person("Carlos Menem", [PRESIDENT])], "1995-06-01", set())  # CARLOS_SAUL_MENEM_
    assert (menem.actor_code, menem.sources) == ("ARGGOV", ["phoenix:Phoenix.Countries.actors.txt:1811"])
    [other] = coded([person("Carlos Berg", [PRESIDENT])], "1995-06-01", set())
    assert other.actor_code is None
    [no_office] = coded([person("Carlos Menem")], "1995-06-01", set())  # less sure than a whole name
    assert no_office.actor_code is None
    former = Role(title="President", former=True)
    [out] = coded([person("Carlos Menem", [former])], None, set())  # no date: the country his codes share
    assert out.actor_code == "ARG"


def test_a_place_only_where_no_other_place_has_its_name():
    def place(name: str) -> Entity:
        return Entity(id="e1", name=name, type="GPE", aliases=[name])

    [benghazi] = coded([place("Benghazi")], "2012-09-12", set())
    assert (benghazi.country, benghazi.sources) == ("LBY", ["phoenix:Phoenix.Countries.actors.txt:27922"])
    [manchester] = coded([place("Manchester")], "2016-02-09", set())  # also a city of New Hampshire
    assert (manchester.country, manchester.actor_code) == (None, None)


def test_a_group_the_parser_took_for_a_person_is_coded_as_the_group():
    [shabaab] = coded([person("Al-Shabaab")], "2012-06-01", set())
    assert (shabaab.actor_code, shabaab.country) == ("SOMREB", "SOM")
    assert "phoenix:Phoenix.MilNonState.actors.txt:2513" in shabaab.sources
    [jordan] = coded([person("Jordan")], "2012-06-01", set())  # a country's name is no person's code
    assert jordan.actor_code is None


def test_a_person_is_also_looked_up_with_the_title_the_text_gives():
    # the parser leaves "Francis" with the role "Pope"; the leaders file writes POPE_FRANCIS_
    [francis] = coded([person("Francis", [Role(title="Pope")])], "2017-03-04", set())
    assert (francis.actor_code, francis.country) == ("VATGOV", "VAT")
    assert francis.sources[-1].startswith("phoenix:leaders.actors.txt:")
    [untitled] = coded([person("Francis")], "2017-03-04", set())  # a first name alone is nobody in particular
    assert untitled.actor_code is None
