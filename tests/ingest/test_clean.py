"""Cleaning: the seed article, boilerplate lines, titles, credits, datelines, bylines."""

from __future__ import annotations

import hashlib
import re

import pytest

from opslens import knowledge
from opslens.contract import Article, Published
from opslens.ingest import article_from_text
from opslens.ingest.clean import (
    is_name_list,
    parse_credits,
    remove_boilerplate,
    split_names,
    split_title,
    title_case_place,
)
from tests.ingest.conftest import FIXTURES
from tests.support import SEED

SEED_TITLE = "Britain, Russia Reportedly To Hold Rare High-Level Talks Amid Ukraine Tensions"


@pytest.fixture()
def seed(read) -> Article:
    [article] = read(SEED, published="2022-01-23")
    return article


def test_seed_title_and_source_link(seed):
    assert seed.title == SEED_TITLE
    assert seed.text.startswith("European and Russian media are reporting that London and Moscow")
    assert "Source link" not in seed.text and SEED_TITLE not in seed.text
    assert seed.text.endswith("accusations that Moscow denies.\n\nWith reporting by AFP, Reuters, and TASS")


def test_seed_credits_stay_in_the_text(seed):
    assert seed.credits == ["AFP", "Reuters", "TASS"]
    assert seed.dateline is None and seed.byline is None


def test_seed_identity_and_date(seed):
    assert seed.sha256 == hashlib.sha256(seed.text.encode("utf-8")).hexdigest()
    assert seed.id == f"sha256:{seed.sha256}"
    assert seed.language == "en"
    assert seed.origin == str(SEED)
    assert seed.published == Published(value="2022-01-23", precision="day", source="given", confidence=1.0)


def test_seed_offsets_are_stable(seed, read, options):
    """The body is what the file says, minus headline and furniture: offsets found in one read hold in the next."""
    start = seed.text.index("Liz Truss")
    assert seed.text[start : start + 9] == "Liz Truss"
    [again] = read(SEED, published="2022-01-23")
    assert again.text == seed.text and again.text.index("Liz Truss") == start
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert seed.text == "\n".join(lines[4:]).strip()


def test_reuters_dateline_and_staff_credits(read):
    [article] = read(FIXTURES / "wire.txt")
    assert article.title == "Russia says it will keep troops in Belarus after drills"
    assert article.credits == ["Reuters"]
    assert article.dateline == "Moscow"
    assert article.byline == "Andrew Osborn, Andrius Sytas"  # editors are not the byline
    assert article.text.startswith("MOSCOW (Reuters) - Russia will keep some of its troops in Belarus")
    assert "Advertisement" not in article.text and "Share this article" not in article.text
    assert "\n\n\n" not in article.text
    assert article.text.endswith(
        "Reporting by Andrew Osborn in Moscow and Andrius Sytas in Vilnius; Editing by Mark Heinrich"
    )


def test_given_byline_wins_over_staff_credits(options):
    text = "The Senate passed the bill on Tuesday.\n\n(Reporting by Jane Doe; Editing by Sam Poe)"
    assert article_from_text(text, options=options).byline == "Jane Doe"
    assert article_from_text(text, byline="Desk Staff", options=options).byline == "Desk Staff"


@pytest.mark.parametrize(
    ("lead", "credits", "dateline"),
    [
        ("WASHINGTON, Jan 5 (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee.", ["AP"], "Washington"),
        ("KYIV, Ukraine (AP) — Russian drones struck energy facilities overnight, officials said.", ["AP"], "Kyiv"),
        (
            "RIO DE JANEIRO (Reuters) - Brazil's central bank raised interest rates on Wednesday.",
            ["Reuters"],
            "Rio de Janeiro",
        ),
        ("PORT-AU-PRINCE, Haiti (AFP) -- Armed gangs blocked the main road to the airport.", ["AFP"], "Port-au-Prince"),
        ("BERLIN (dpa) - Germany will send two more Patriot systems to Ukraine, the ministry said.", ["dpa"], "Berlin"),
        ("(Reuters) - The U.S. Treasury imposed sanctions on three Iranian companies on Friday.", ["Reuters"], None),
        ("Russian forces shelled Kherson on Monday, killing two people, the governor said. — AFP", ["AFP"], None),
        ("The talks in Doha ended without agreement, the mediators said.\n\nSource: Reuters", ["Reuters"], None),
        (
            "Sudan's army said it retook the town.\n\n"
            "With additional reporting by the Associated Press and Reuters in Cairo.",
            ["Associated Press", "Reuters"],
            None,
        ),
        ("Sudan's army said it retook the town.\n\nCompiled from reports by AFP and Reuters", ["AFP", "Reuters"], None),
    ],
)
def test_credit_forms(lead, credits, dateline):
    found = parse_credits(lead)
    assert (found.credits, found.dateline) == (credits, dateline)


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire (agreed in March) - a fragile deal - collapsed on Sunday.",
        "Officials said the vote was close - Smith said so too.",
        "Compiled from wire reports",
        "NATO (the alliance) - which has 31 members - met in Vilnius.",
    ],
)
def test_no_credit_without_the_shape(text):
    found = parse_credits(text)
    assert (found.credits, found.dateline, found.people) == ([], None, [])


def test_boilerplate_lines_removed_and_blank_runs_collapsed():
    text = (
        "Turkey's parliament ratified Sweden's NATO membership on Tuesday.\n\n"
        "ADVERTISEMENT\n\n"
        "Click here to subscribe to our daily briefing\n\n"
        "Read more: Why Hungary is still holding out\n\n"
        "Sign up for our newsletter and get the best stories every morning.\n\n"
        "Follow us on Twitter and Facebook\n\n"
        "The vote was 287 to 55.   \n\n\n\n"
        "Share this article\n"
        "Source link\n"
    )
    assert remove_boilerplate(text) == (
        "Turkey's parliament ratified Sweden's NATO membership on Tuesday.\n\nThe vote was 287 to 55."
    )


def test_boilerplate_patterns_match_whole_lines_only():
    text = "Related talks were held in Geneva.\n\nThe advertisement campaign ran for a week.\n\nShare prices fell."
    assert remove_boilerplate(text) == text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Iran seizes tanker in Gulf of Oman\n\nIran's navy seized a tanker on Thursday.",
            "Iran seizes tanker in Gulf of Oman",
        ),
        ("# Iran seizes tanker\n\nIran's navy seized a tanker on Thursday.", "Iran seizes tanker"),
        ("Iran's navy seized a tanker on Thursday.\n\nThe U.S. Navy said it was monitoring.", None),
        ('The navy said in a statement:\n\n"We seized the tanker on Thursday."', None),
        ("By Jane Doe\n\nIran's navy seized a tanker on Thursday.", None),
        ("Iran seizes tanker\nin Gulf of Oman\n\nIran's navy seized a tanker on Thursday.", None),
        ("Iran seizes tanker in Gulf of Oman", None),
    ],
)
def test_title_is_a_short_first_line(text, title):
    assert split_title(text)[0] == title


def test_by_line_paragraph_is_the_byline(options):
    text = (
        "Iran seizes tanker\n\nBy Jane Doe and John Roe\n\nIran's navy seized a tanker in the Gulf of Oman on Thursday."
    )
    article = article_from_text(text, options=options)
    assert (article.title, article.byline) == ("Iran seizes tanker", "Jane Doe and John Roe")


@pytest.mark.parametrize(
    "byline",
    [
        "Jane Doe",
        "Jane Doe; John Roe",
        "Ludwig van der Berg and Amina bin Said",
        "dpa",
        "Reuters staff",
        "Riverside Post wire services",
        "Ana Lima; Riverside com",
        "Ana Lima, Special Correspondent",
        "The Harbour Gazette",
    ],
)
def test_names_of_people_and_agencies_are_name_lists(byline):
    assert is_name_list(byline)


@pytest.mark.parametrize(
    "phrase",
    [
        "The Moldovan and Romanian customs agencies",
        "The Moldovan; Romanian customs agencies",
        "Two senior officials",
        "Local residents and farmers",
        "",
    ],
)
def test_phrases_about_someone_are_not_name_lists(phrase):
    assert not is_name_list(phrase)


def test_a_by_paragraph_naming_no_one_is_not_the_byline(options):
    text = (
        "Border checks tightened\n\nBy Customs officers at the crossing\n\n"
        "Trucks waited for hours at the Prut bridge on Monday."
    )
    assert article_from_text(text, options=options).byline is None


def test_split_names_and_places():
    assert split_names("AFP, Reuters, and TASS.") == ["AFP", "Reuters", "TASS"]
    assert split_names("Jane Doe in Kyiv & John Roe from London; staff") == ["Jane Doe", "John Roe"]
    assert title_case_place("ST. PETERSBURG") == "St. Petersburg"
    assert title_case_place("N'DJAMENA") == "N'Djamena"


def test_boilerplate_lexicon_states_its_origin_and_compiles():
    text = knowledge.resource("boilerplate.txt").read_text(encoding="utf-8")
    assert "written for OpsLens from common news-site furniture" in text
    patterns = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(patterns) >= 15 and all(re.compile(p) for p in patterns)
