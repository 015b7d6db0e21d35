"""Merged events: one event told by several articles is one merged event listing every report, with
its articles, outlets and independent origins counted as the chains of sources say."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from opslens.contract import Article, EventDate, Published
from opslens.link import matching, update
from opslens.store import Store
from opslens.store.schema import ArticleRow, EventReportRow, MergedEventRow
from tests.link.samples import Actor, Told, analysis

LAVROV = Actor("Sergei Lavrov", code="RUSGOV")
TRUSS = Actor("Liz Truss", code="GBRGOV")
WALLACE = Actor("Ben Wallace", code="GBRGOV")
SHOIGU = Actor("Sergei Shoigu", code="RUSGOV")

TASS_SENTENCE = (
    "Russian Foreign Minister Sergei Lavrov will meet British Foreign Secretary Liz Truss in Moscow next month"
)
# five outlets, each with its own lead and its own closing: not copies of one another
LEADS = [
    ("Kyiv Independent", "Diplomacy resumed on Sunday as tensions over Ukraine kept rising.", "TASS reported"),
    ("Example Post", "Britain and Russia will hold their first talks in four years.", "TASS said"),
    ("Daily Example", "A rare high-level meeting between London and Moscow is planned.", "according to TASS"),
    ("Example Herald", "The Foreign Office has not confirmed any trip.", "Russian news agency TASS reported"),
    ("The Example Times", "Ministers are expected to discuss security in Europe.", "ITAR-TASS reported"),
]
WALLACE_SENTENCE = (
    "British Defence Secretary Ben Wallace has invited Russian Defence Minister Sergei Shoigu to talks in London"
)


def tass_report(outlet: str, lead: str, credit: str):
    text = f"{lead} {TASS_SENTENCE}, {credit}. No date has been set for the visit by {outlet}'s count.\n"
    relay = credit.split("according to ")[-1].removesuffix(" reported").removesuffix(" said")
    relay = relay.removeprefix("Russian news agency ")
    told = Told(
        TASS_SENTENCE, "meet", "CONSULT", "040", LAVROV, TRUSS, "planned", "2022-02", [(relay, "state_media", False)]
    )
    return analysis(text, told, outlet=outlet)


def anonymous_report(outlet: str, source: str, lead: str):
    text = f"{lead} {WALLACE_SENTENCE}, {source} said on Sunday.\n"
    told = Told(WALLACE_SENTENCE, "invited", "AGREE", "036", WALLACE, SHOIGU, day="2022-01-23")
    told.chain = [(source, "anonymous_official", True)]
    return analysis(text, told, outlet=outlet)


def merged(store: Store) -> list[dict]:
    """Every merged event as a comparable record (its reports by article sha and event id)."""
    me, er = MergedEventRow, EventReportRow
    with store.reading("read") as conn:
        rows = conn.execute(select(me).order_by(me.id)).all()
        reports = conn.execute(select(er.merged_event_id, er.article_row_id, er.event_local_id, er.origin)).all()
        shas = dict(conn.execute(select(ArticleRow.id, ArticleRow.sha256)).all())
    return [
        {
            "id": r.id,
            "plover": r.plover,
            "source": r.source,
            "target": r.target,
            "day": r.day,
            "n": (r.n_reports, r.n_articles, r.n_outlets, r.independent_origins),
            "grade": (r.grade, r.why),
            "contested": r.contested,
            "reports": sorted(
                (shas[x.article_row_id], x.event_local_id, x.origin) for x in reports if x.merged_event_id == r.id
            ),
        }
        for r in rows
    ]


def save(store: Store, *analyses) -> list[int]:
    return [store.save(a, analyzer_version="test") for a in analyses]


def test_five_outlets_repeating_one_tass_report_are_one_origin(store):
    save(store, *(tass_report(*lead) for lead in LEADS))
    update(store)
    [event] = merged(store)
    assert event["plover"] == "CONSULT" and (event["source"], event["target"], event["day"]) == (
        "RUSGOV",
        "GBRGOV",
        "2022-02",
    )
    assert event["n"] == (5, 5, 5, 1)
    assert {origin for _, _, origin in event["reports"]} == {"org:tass"}
    assert event["grade"] == (
        "weak",
        "1 independent origin, 1 state-media origin (TASS), 5 reports in 5 articles from 5 outlets",
    )


def test_an_anonymous_official_quoted_by_afp_and_by_reuters_are_two_origins(store):
    save(
        store,
        anonymous_report("AFP", "a senior British defence source", "Britain is seeking to ease tensions with Moscow."),
        anonymous_report("Reuters", "a senior British official", "London reached out to Moscow over Ukraine."),
    )
    update(store)
    [event] = merged(store)
    assert event["n"] == (2, 2, 2, 2)
    assert {origin for _, _, origin in event["reports"]} == {
        "outlet:afp/anonymous:a senior british defence source",
        "outlet:reuters/anonymous:a senior british official",
    }
    assert event["grade"] == (
        "moderate",
        "2 independent origins, 2 anonymous sources, 2 reports in 2 articles from 2 outlets",
    )


def test_a_wire_copy_reports_as_its_original(store):
    body = (
        f"{WALLACE_SENTENCE}, the ministry said, in a rare overture to Moscow as Russian troops mass near Ukraine's "
        "border and Western capitals warn of the consequences of an invasion. Shoigu has not yet replied to the "
        "invitation, which follows months of strained relations between the two countries over Ukraine and the "
        "poisoning of Sergei Skripal in Salisbury in 2018, for which Britain blamed Russian military intelligence."
    )
    told = Told(WALLACE_SENTENCE, "invited", "AGREE", "036", WALLACE, SHOIGU, "asserted", "2022-01-23")
    wire = analysis(f"LONDON (Reuters) - {body}\n", told, outlet="Reuters")
    copy = analysis(f"World news in brief\n\n{body}\n", told, outlet="Daily Example")
    save(store, copy)
    update(store)
    [alone] = merged(store)
    assert {origin for _, _, origin in alone["reports"]} == {"own:outlet:daily example"}
    save(store, wire)  # the original arrives later: the copy's report now comes from Reuters too
    update(store)
    [event] = merged(store)
    assert event["n"] == (2, 2, 2, 1)
    assert {origin for _, _, origin in event["reports"]} == {"own:outlet:reuters"}


def test_different_events_stay_apart(store):
    save(
        store,
        tass_report(*LEADS[0]),
        anonymous_report("AFP", "a senior British defence source", "Britain is seeking to ease tensions."),
        # the same actors and category, but weeks later: another meeting
        analysis(
            f"Talks went badly. {TASS_SENTENCE}, TASS reported.\n",
            Told(
                TASS_SENTENCE,
                "meet",
                "CONSULT",
                "040",
                LAVROV,
                TRUSS,
                "planned",
                "2022-04",
                [("TASS", "state_media", False)],
            ),
            outlet="Example Post",
            day="2022-03-20",
        ),
    )
    update(store)
    assert sorted(e["n"] for e in merged(store)) == [(1, 1, 1, 1)] * 3
    assert {e["grade"][0] for e in merged(store)} == {"single"}


def _batches(url: str, batches: list[list]) -> list[dict]:
    with Store(url) as store:
        for batch in batches:
            save(store, *batch)
            update(store)
        return merged(store)


def test_two_ingest_orders_give_the_same_merged_events(store, tmp_path):
    reports = [tass_report(*lead) for lead in LEADS] + [
        anonymous_report("AFP", "a senior British defence source", "Britain is seeking to ease tensions with Moscow."),
        anonymous_report("Reuters", "a senior British official", "London reached out to Moscow over Ukraine."),
    ]
    for batch in ([reports[6], reports[2]], reports[4:6], [reports[0]], [reports[1], reports[3]]):
        save(store, *batch)
        update(store)
    backwards = _batches(f"sqlite:///{tmp_path / 'other.db'}", [[r] for r in reversed(reports)])
    assert merged(store) == backwards
    assert sorted(e["n"] for e in backwards) == [(2, 2, 2, 2), (5, 5, 5, 1)]


def test_linking_again_changes_nothing_and_a_reanalysed_article_moves_its_report(store):
    rows = save(store, *(tass_report(*lead) for lead in LEADS))
    update(store)
    before = merged(store)
    update(store, rebuild=True)
    assert merged(store) == before
    save(store, tass_report(*LEADS[0]))  # the same analysis stored again: linked again, same result
    update(store)
    assert merged(store) == before
    # the first article analysed again, now telling of another act: its old report leaves the merged event
    outlet, lead, credit = LEADS[0]
    again = tass_report(outlet, lead, credit)
    again.events[0].plover, again.events[0].cameo = "ACCUSE", "112"
    assert save(store, again) == rows[:1]
    update(store)
    after = {e["plover"]: e for e in merged(store)}
    assert after["CONSULT"]["n"] == (4, 4, 4, 1) and after["ACCUSE"]["n"] == (1, 1, 1, 1)
    with store.reading("read") as conn:
        assert conn.execute(select(func.count()).select_from(EventReportRow)).scalar_one() == 5


def test_an_emptied_merged_event_is_deleted(store):
    save(store, tass_report(*LEADS[0]))
    update(store)
    empty = tass_report(*LEADS[0])
    empty.events = []
    save(store, empty)
    update(store)
    assert merged(store) == []


# -- the pairwise rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("RUS", "RUSGOV", True),
        ("RUSGOV", "RUSGOV", True),
        ("USAGOV", "USAMIL", False),
        ("RUS", "UKR", False),
        (None, "RUSGOV", True),
    ],
)
def test_codes_agree_when_equal_or_one_is_the_others_country(a, b, same):
    assert matching.codes_match(a, b) is same


def test_persons_match_by_surname_and_first_name():
    assert matching.persons_match(["donald trump"], ["trump"])
    assert matching.persons_match(["donald j trump"], ["donald trump"])
    assert not matching.persons_match(["donald trump"], ["ivanka trump"])
    assert not matching.persons_match(["hillary clinton"], ["bernie sanders"])


def test_a_person_never_matches_a_country_and_a_government_matches_its_country():
    obama = {"code": "USAGOV", "type": "PERSON", "names": ["barack obama"], "name": "Barack Obama"}
    usa = {"code": "USA", "type": "GPE", "names": ["united states"], "name": "United States"}
    white_house = {"code": "USAGOV", "type": "ORG", "names": ["white house"], "name": "White House"}
    assert not matching.actors_match(obama, usa)
    assert matching.actors_match(usa, white_house)


def test_an_events_day_is_its_own_date_else_its_articles():
    text = "Lavrov will meet Truss."
    told = Told(text, "meet", "CONSULT", "040", LAVROV, TRUSS)
    event = analysis(text, told, outlet=None).events[0]
    assert matching.when(event, "2022-01-23") == ("2022-01-23", "article")
    event.date = EventDate(value="2022-02")
    assert matching.when(event, "2022-01-23") == ("2022-02", "coarse")
    event.date = EventDate(value="2022-01")
    assert matching.when(event, "2022-01-23") == ("2022-01-23", "article")
    event.date = EventDate(value="2022-01-21T10:00")
    assert matching.when(event, "2022-01-23") == ("2022-01-21", "exact")
    event.date = EventDate(value="2022-02-30")  # no such day: the article's
    assert matching.when(event, "2022-01-23") == ("2022-01-23", "article")
    assert matching.when(event, "2022-02-29") == (None, "article")


# -- the real pipeline ---------------------------------------------------------------------------


def test_the_pipelines_anonymous_officials_of_two_agencies_are_two_origins(analyzer, store):
    texts = {
        "AFP": f"Britain is seeking to ease tensions with Moscow. {WALLACE_SENTENCE}, "
        "a senior British defence source said.",
        "Reuters": f"London reached out to Moscow over Ukraine on Sunday. {WALLACE_SENTENCE}, "
        "a senior British official said.",
    }
    for outlet, text in texts.items():
        published = Published(value="2022-01-23", precision="day", source="given", confidence=1.0)
        sha = hashlib.sha256(text.encode()).hexdigest()
        art = Article(id=outlet.lower(), sha256=sha, text=text, outlet=outlet, published=published)
        store.save(analyzer.analyze(art), analyzer_version="test")
    update(store)
    invites = [e for e in merged(store) if e["plover"] == "AGREE"]
    assert [(e["source"], e["target"], e["n"]) for e in invites] == [("GBRGOV", "RUSGOV", (2, 2, 2, 2))]


def test_an_act_dated_only_by_its_year_is_one_event_only_when_told_within_days():
    told = {"day": "2008", "how": "coarse"}
    assert matching.day_gap({**told, "article_day": "2016-09-26"}, {**told, "article_day": "2016-09-30"}) == 0
    assert matching.day_gap({**told, "article_day": "2016-09-26"}, {**told, "article_day": "2016-11-02"}) is None
    assert matching.day_gap({**told, "article_day": "2016-09-26"}, {"day": "2009", "how": "coarse"}) is None


CLINTON, TRUMP = Actor("Hillary Clinton", code="USA"), Actor("Donald Trump", code="USA")


def _told_of_them(sentence: str, cue: str, outlet: str, cameo: str = "050"):
    told = Told(sentence, cue, "COOPERATE", cameo, CLINTON, TRUMP, "asserted", "2016-09-20")
    return analysis(f"{sentence}, the campaign said on Tuesday.\n", told, outlet=outlet, day="2016-09-20")


def test_two_statements_about_one_pair_coded_alike_are_two_events(store):
    save(
        store,
        _told_of_them("Hillary Clinton leads Donald Trump in national polls", "leads", "Example Post"),
        _told_of_them("Hillary Clinton once served with Donald Trump on a charity board", "served", "Daily Example"),
    )
    update(store)
    assert sorted(e["n"] for e in merged(store)) == [(1, 1, 1, 1)] * 2


def test_one_act_told_with_other_words_is_one_event_when_the_tellings_share_words(store):
    save(
        store,
        _told_of_them("Hillary Clinton met Donald Trump backstage before the Hofstra debate", "met", "Example Post"),
        _told_of_them("Hillary Clinton talked with Donald Trump backstage at Hofstra", "talked", "Daily Example"),
    )
    update(store)
    assert [e["n"] for e in merged(store)] == [(2, 2, 2, 2)]
