"""The Phoenix dictionaries as `knowledge/phoenix.py` reads them: exact entries of the bundled
files, date-bounded codes resolved at two dates, agents with their plurals, and the index built
once into the start-up cache."""

from __future__ import annotations

from opslens import cache
from opslens.knowledge import countries, phoenix, resource
from opslens.knowledge.phoenix import ALWAYS, NEVER, Restriction, parse, parse_restriction


def found(name: str) -> phoenix.Actor:
    hit = phoenix.actor(name)
    assert hit is not None, name
    assert hit[1] is False  # from Phoenix itself, no extra dictionary in the tests
    return hit[0]


def test_a_person_with_dated_codes_is_read_from_its_lines():
    # ELLEN_JOHNSON_SIRLEAF_  # CountryInfo.txt
    # 	[LBRELI 560101-000101]
    # 	[LBRGOV >060116]
    # 	[LBRELI]
    sirleaf = found("Ellen Johnson Sirleaf")
    assert sirleaf.origin == "Phoenix.Countries.actors.txt:27702"
    assert sirleaf.restrictions == (
        Restriction("LBRELI", 19560101, 20000101),
        Restriction("LBRGOV", 20060116, NEVER),
        Restriction("LBRELI", ALWAYS, NEVER),
    )


def test_phrase_lines_before_the_first_code_are_synonyms_of_one_person():
    # BORIS_YELTSIN_  # CountryInfo.txt / BORIS_N._YELTSIN / YELTSIN / … / RUSSIAN_PRESIDENT_YELTSIN
    # 	[RUSELI 490101-910710] [RUSGOV 910710-991231] [RUSELI 991231-070423] (one per line)
    for name in ("Boris Yeltsin", "Yeltsin", "Russian President Yeltsin"):
        yeltsin = found(name)
        assert (yeltsin.code_at(19950101), yeltsin.code_at(20000601)) == ("RUSGOV", "RUSELI"), name
    assert found("Boris Yeltsin").origin == "Phoenix.Countries.actors.txt:39543"


def test_dated_codes_are_resolved_at_the_article_date():
    sirleaf = found("ELLEN JOHNSON SIRLEAF")
    assert sirleaf.code_at(20100315) == "LBRGOV"  # president
    assert sirleaf.code_at(19900101) == "LBRELI"  # before: elite
    assert sirleaf.code_at(20030101) == "LBRELI"  # between the bounds: the undated code
    assert sirleaf.code_at(None) == "LBR"  # no date: the country all her codes share
    obama = found("Barack Obama")
    assert (obama.code_at(20100101), obama.code_at(20050101)) == ("USAGOV", None)  # no undated code


def test_bodies_groups_and_synonyms():
    assert found("Moro Islamic Liberation Front").code_at(None) == "PHLREB"  # "(MILF)" aside
    assert found("United Nations").code_at(20100101) == "IGOUNO"
    assert found("Obama").origin == "Phoenix.Countries.actors.txt:51061"  # "+OBAMA", a synonym line
    assert phoenix.actor("Anna Berg") is None


def test_office_holders_by_surname():
    assert [a.phrase for a, _ in phoenix.holders("Mugabe")] == ["robert mugabe", "robert gabriel mugabe"]
    assert phoenix.holders("Zzyzx") == []


def test_office_holders_phoenix_lacks_come_from_the_leaders_file():
    # VOLODYMYR_ZELENSKY_ / +ZELENSKY_ … [UKRGOV >20190520] [UKRELI]: in office after Phoenix's January 2014
    zelensky = found("Volodymyr Zelensky")
    file, line = zelensky.origin.split(":")
    assert file == "leaders.actors.txt"
    assert resource(file).read_text(encoding="utf-8").splitlines()[int(line) - 1] == "VOLODYMYR_ZELENSKY_"
    assert (zelensky.code_at(20220301), zelensky.code_at(20150101), zelensky.code_at(None)) == (
        "UKRGOV",
        "UKRELI",
        "UKR",
    )
    assert found("Zelenskyy").code_at(20220301) == "UKRGOV"
    # SLOBODAN_MILOSEVIC_ [SRBGOV 19890508-20001007] [SRBELI]: the former Yugoslavia Phoenix left incomplete
    assert (found("Milosevic").code_at(19950601), found("Milosevic").code_at(20050601)) == ("SRBGOV", "SRBELI")
    assert found("Pope Francis").code_at(20170101) == "VATGOV"


def test_a_name_romanised_otherwise_finds_its_person():
    # FAROUK_AL_SHARA_ [SYRGOV >030101] (Phoenix.Countries.actors.txt:45515) written "Farouk al-Sharaa";
    # AHMED_QUREIA_ as "Ahmed Qurei"
    assert (found("Farouk al-Sharaa").origin, found("Farouk al-Sharaa").code_at(20050101)) == (
        "Phoenix.Countries.actors.txt:45515",
        "SYRGOV",
    )
    assert found("Ahmed Qurei").origin == found("Ahmed Qureia").origin
    assert phoenix.spelling("farouk al sharaa") == phoenix.spelling("farouk al shara") == "farak shara"
    assert phoenix.spelling("mohamed elbaradei") == phoenix.spelling("muhammad elbaradei") == "mahamad elbarada"
    # MOHAMED_ELBARADEI_ (line 14134) with its synonym lines: "Mohammed" finds the same person
    assert found("Mohammed ElBaradei").restrictions == found("Mohamed ElBaradei").restrictions
    assert phoenix.actor("Anna Berg") is None and phoenix.spelling("al sharaa") == ""  # one word left: no key


def test_the_leaders_file_only_adds_to_phoenix():
    # a phrase both list keeps Phoenix's codes: XI_JINPING (Phoenix.Countries.actors.txt:9828)
    assert found("Xi Jinping").origin.startswith("Phoenix.Countries.actors.txt:")
    text = (resource(phoenix.LEADERS_FILE)).read_text(encoding="utf-8")
    parsed = parse([(phoenix.LEADERS_FILE, text)])
    assert len(parsed.groups) >= 90
    for group in parsed.groups:  # every person has an office with dates, and a country or body first
        assert any(r.dated for r in group), group
        assert all(r.code and (countries.country_name(r.code[:3]) or r.code[:3] == "IGO") for r in group), group


def test_agents_with_their_plurals_and_substitutions():
    assert phoenix.agent(["police"]) == ("COP", "Phoenix.agents.txt:256")
    assert phoenix.agent(["students"]) == ("EDU", "Phoenix.agents.txt:511")  # a regular plural
    assert phoenix.agent(["customs", "officials"]) == ("GOV", "Phoenix.agents.txt:634")
    assert phoenix.agent(["insurgents"]) == ("REB", "Phoenix.agents.txt:2137")
    assert phoenix.agent(["congressmen"]) == ("LEG", "Phoenix.agents.txt:1495")  # CONGRESS!PERSON!
    assert phoenix.agent(["dock"]) is None


def test_restrictions_and_their_typos():
    assert parse_restriction("USAELI <090120") == Restriction("USAELI", ALWAYS, 20090120)
    assert parse_restriction("USAGOV > 130701") == Restriction("USAGOV", 20130701, NEVER)
    assert parse_restriction("IRQOCC 1920030320-20060520") == Restriction("IRQOCC", 20030320, 20060520)
    assert parse_restriction("---") == Restriction(None)
    assert parse_restriction("ABC 12-34") is None


def test_extra_dictionaries_read_stems_and_groups():
    text = "ARGENTIN  [ARG]\nARNOR_  [ARN]\n+ARNORIAN_\nBOROMIR  [---]\n"
    parsed = parse([("x.actors.txt", text)], stems=True)
    d = phoenix.Dictionary(phoenix.to_arrays(parsed))
    argentine = d.actor("argentine")
    assert argentine is not None and argentine.code_at(None) == "ARG" and argentine.origin == "x.actors.txt:1"
    assert d.actor("arnorians") is None  # "ARNOR_" and "+ARNORIAN_" are stopped: whole words only
    arnorian = d.actor("arnorian")
    assert arnorian is not None and arnorian.code_at(None) == "ARN" and arnorian.line == 3
    boromir = d.actor("boromir")
    assert boromir is not None and boromir.code_at(None) is None


def test_the_index_is_built_once_then_loaded(tmp_path):
    cache.use(tmp_path)
    try:
        phoenix.phoenix.cache_clear()
        phoenix.dictionaries.cache_clear()
        built = cache.built["phoenix"]
        phoenix.phoenix()
        assert cache.built["phoenix"] == built + 1
        phoenix.phoenix.cache_clear()
        loaded = cache.loaded["phoenix"]
        assert found("Ellen Johnson Sirleaf").code_at(20100101) == "LBRGOV"
        assert cache.loaded["phoenix"] == loaded + 1 and cache.built["phoenix"] == built + 1
    finally:
        cache.use(None)
        phoenix.phoenix.cache_clear()
        phoenix.dictionaries.cache_clear()
