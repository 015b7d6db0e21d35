"""Roles of people from the words around their names (premodifiers, appositions, fronted
appositions), read by the RoleReader on made-up sentences parsed by the session's spaCy pipeline;
the organisations the entities stage would have found are given by hand."""

from __future__ import annotations

import pytest

from opslens.contract import Role
from opslens.stages.entities.roles import OrgInfo, RoleReader

KREMLIN = OrgInfo("Kremlin", "RUS", "GOV", "RUSGOV")
UN = OrgInfo("United Nations", None, "IGO", "IGOUNO")


@pytest.fixture(scope="module")
def roles(analyzer):
    """(text, name, organisations named, article countries) → the roles of the name's mention."""

    def run(
        text: str, name: str, orgs: dict[str, OrgInfo] | None = None, countries: set[str] | None = None
    ) -> list[Role]:
        doc = analyzer.nlp(text)
        by_end = {}
        for org, info in (orgs or {}).items():
            at = text.index(org)
            span = doc.char_span(at, at + len(org))
            by_end[span.end] = (span.start, info)
        at = text.index(name)
        mention = doc.char_span(at, at + len(name))
        return RoleReader(doc, by_end, countries or set()).roles(mention.start, mention.end)

    return run


def facts(role: Role) -> tuple:
    return (
        role.title,
        role.country,
        role.sector,
        role.former,
        role.organization,
        role.evidence.text if role.evidence else None,
        role.rule,
    )


# -- premodifiers --------------------------------------------------------------------------------
def test_premodifier_with_a_demonym(roles):
    found = roles("British Foreign Secretary Liz Truss visited Moscow.", "Liz Truss")
    assert [facts(r) for r in found] == [
        (
            "Foreign Secretary",
            "GBR",
            "GOV",
            False,
            None,
            "British Foreign Secretary",
            "role:premodifier country:premodifier",
        )
    ]
    evidence = found[0].evidence
    assert evidence is not None and (evidence.start, evidence.end) == (0, len("British Foreign Secretary"))


def test_premodifier_of_a_former_office_with_its_portfolio(roles):
    found = roles(
        "The poisoning of former Russian military intelligence officer Sergei Skripal shocked Britain.",
        "Sergei Skripal",
    )
    assert [facts(r) for r in found] == [
        (
            "Military Intelligence Officer",
            "RUS",
            "MIL",
            True,
            None,
            "former Russian military intelligence officer",
            "role:premodifier country:premodifier",
        )
    ]


def test_premodifier_naming_an_organisation_takes_its_country(roles):
    found = roles("Kremlin spokesman Dmitry Peskov said no.", "Dmitry Peskov", {"Kremlin": KREMLIN})
    assert [facts(r) for r in found] == [
        ("Spokesman", "RUS", "GOV", False, "Kremlin", "Kremlin spokesman", "role:premodifier country:premodifier")
    ]


def test_a_title_without_a_country_takes_the_one_its_convention_allows_in_the_article(roles):
    text, name = "Attorney General Jane Roe sued the company.", "Jane Roe"
    assert [facts(r) for r in roles(text, name, countries={"USA"})] == [
        ("Attorney General", "USA", "JUD", False, None, "Attorney General", "role:premodifier country:title-convention")
    ]
    assert [r.country for r in roles(text, name, countries={"USA", "GBR"})] == [None]  # two candidates: unsure


# -- appositions -----------------------------------------------------------------------------------
def test_apposition_after_the_name(roles):
    found = roles("Sergei Lavrov, Russia's foreign minister, said the talks failed.", "Sergei Lavrov")
    assert [facts(r) for r in found] == [
        (
            "Foreign Minister",
            "RUS",
            "GOV",
            False,
            None,
            "Russia's foreign minister",
            "role:apposition country:premodifier",
        )
    ]
    found = roles("Putin, the Russian president, said no.", "Putin")
    assert [facts(r) for r in found] == [
        ("President", "RUS", "GOV", False, None, "the Russian president", "role:apposition country:premodifier")
    ]


def test_apposition_with_of_a_country_or_an_organisation(roles):
    found = roles("Sergei Lavrov, the foreign minister of Russia, said no.", "Sergei Lavrov")
    assert [facts(r) for r in found] == [
        ("Foreign Minister", "RUS", "GOV", False, None, "foreign minister", "role:apposition country:apposition-of")
    ]
    found = roles(
        "Ban Ki-moon, the secretary general of the United Nations, said the talks failed.",
        "Ban Ki-moon",
        {"United Nations": UN},
    )
    assert [facts(r) for r in found] == [
        ("Secretary General", None, "IGO", False, "United Nations", "secretary general", "role:apposition")
    ]


def test_apposition_with_for_a_body_of_a_country_or_an_organisation(roles):
    found = roles("Juan Perez, a spokesman for the Peruvian army, accused Chile of spying.", "Juan Perez")
    assert [(r.title, r.country, r.rule) for r in found] == [
        ("Spokesman", "PER", "role:apposition country:apposition-of")
    ]
    found = roles("Mary Jones, a spokeswoman for the United Nations, said no.", "Mary Jones", {"United Nations": UN})
    assert [(r.title, r.country, r.sector, r.organization) for r in found] == [
        ("Spokeswoman", None, "IGO", "United Nations")
    ]
    # "of" and "in" take a demonym only of a body: a descent is no office of a country's
    found = roles("Juan Perez, a minister of Peruvian descent, accused Chile of spying.", "Juan Perez")
    assert [(r.title, r.country) for r in found] == [("Minister", None)]
    found = roles("Juan Perez, commander of Peruvian forces in the region, accused Chile.", "Juan Perez")
    assert [(r.title, r.country, r.sector) for r in found] == [("Commander", "PER", "MIL")]
    found = roles("Juan Perez, a senior official in the Peruvian government, accused Chile.", "Juan Perez")
    assert [(r.title, r.country) for r in found] == [("Official", "PER")]


def test_premodifier_with_of_a_country_after_the_name(roles):
    found = roles("President Alberto Ramos of Peru met President Lagos of Chile.", "Alberto Ramos")
    assert [(r.title, r.country, r.sector, r.rule) for r in found] == [
        ("President", "PER", "GOV", "role:premodifier country:name-of")
    ]
    found = roles("President Alberto Ramos of Peru met President Lagos of Chile.", "Lagos")
    assert [(r.title, r.country) for r in found] == [("President", "CHL")]
    # a country already written before the title stays
    found = roles("Chilean President Lagos of the ruling party met Alberto Ramos.", "Lagos")
    assert [(r.title, r.country) for r in found] == [("President", "CHL")]


def test_fronted_apposition_only_when_the_title_opens_the_clause(roles):
    found = roles("Russia's foreign minister, Sergei Lavrov, said the talks failed.", "Sergei Lavrov")
    assert [facts(r) for r in found] == [
        (
            "Foreign Minister",
            "RUS",
            "GOV",
            False,
            None,
            "Russia's foreign minister",
            "role:fronted-apposition country:premodifier",
        )
    ]
    # the title closes one clause, the name opens the next
    assert roles("He met the Syrian president, Omar Haddad said.", "Omar Haddad") == []
