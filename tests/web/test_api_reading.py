"""The reading endpoints over a small store of real analyses: every list in the paged shape,
paging across pages, filters, unknown ids (404), bad parameters (400)."""

from __future__ import annotations

import pytest

from opslens.store import Store
from opslens.web.app import ServeConfig
from tests.web.conftest import SCRIPT, client_for, fill

GBR_RUS = ["2022-01-21", "2022-01-21", "2022-01-20"]  # the days of the three GBR–RUS merged events


def walk(api, path: str, limit: int) -> list[list[dict]]:
    """Every page of a listing, following `next`."""
    pages, after = [], None
    while True:
        query = {"limit": limit, **({"after": after} if after else {})}
        body = api.get(path, params=query).json()
        assert set(body) == {"items", "next"}
        pages.append(body["items"])
        after = body["next"]
        if after is None:
            return pages


# -- articles -----------------------------------------------------------------------------------


def test_articles_page_across_pages_on_both_backends(api):
    pages = walk(api, "/api/articles", limit=3)
    assert [[a["article_id"] for a in page] for page in pages] == [["x4", "m3", "a2"], ["r1"]]
    assert pages[1][0]["outlet"] == "Reuters"
    assert pages[1][0]["published_value"] == "2022-01-20"
    assert pages[1][0]["n_events"] == 1


def test_a_next_page_of_articles_neither_repeats_nor_skips_when_one_arrives(tmp_path, api_news, analyzer):
    """Pages by position (analysed_at, row id), not by offset: an article stored between two pages
    comes first in the listing and moves nothing of the next page."""
    url = f"sqlite:///{tmp_path / 'opslens.db'}"
    fill(url, api_news, analyzer.version)
    with client_for(ServeConfig(store_url=url), analyzer) as api:
        first = api.get("/api/articles", params={"limit": 2}).json()
        late = api_news[0].model_copy(deep=True)
        late.article = late.article.model_copy(
            update={"id": "late", "text": late.article.text + " Updated.", "sha256": "f" * 64}
        )
        with Store(url) as store:
            store.save(late, analyzer_version=analyzer.version)
        second = api.get("/api/articles", params={"limit": 2, "after": first["next"]}).json()
        assert [a["article_id"] for a in first["items"]] == ["x4", "m3"]
        assert [a["article_id"] for a in second["items"]] == ["a2", "r1"]
        assert second["next"] is None
        assert [a["article_id"] for a in api.get("/api/articles", params={"limit": 1}).json()["items"]] == ["late"]


def test_articles_filter_by_published_dates_and_outlet(api_sqlite):
    def ids(**query):
        return [a["article_id"] for a in api_sqlite.get("/api/articles", params=query).json()["items"]]

    assert ids(since="2022-02") == ["x4", "m3"]
    assert ids(until="2022-01-20") == ["r1"]
    assert ids(since="2022-01-21", until="2022-02-03") == ["m3", "a2"]
    assert ids(until="2022-01") == ["a2", "r1"]  # a month takes every day of it
    assert ids(outlet="le MON") == ["m3"]


def test_an_article_by_its_id_row_id_or_sha256_prefix_on_both_backends(api, api_news):
    by_id = api.get("/api/articles/a2")
    assert by_id.status_code == 200
    body = by_id.json()
    assert body["schema"] == "opslens.analysis/1"
    assert body["article"]["id"] == "a2"
    assert [(e["plover"], e["source_actor"]["code"]) for e in body["events"]] == [
        ("REJECT", "RUSGOV"),
        ("THREATEN", "RUSGOV"),
    ]
    assert body == api_news[1].to_dict()
    row = api.get("/api/articles").json()["items"][2]["id"]
    assert api.get(f"/api/articles/{row}").json()["article"]["id"] == "a2"
    assert api.get(f"/api/articles/{api_news[1].article.sha256[:10]}").json()["article"]["id"] == "a2"


def test_an_unknown_article_is_404_in_the_error_shape(api):
    answer = api.get("/api/articles/nothing-like-it")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
    assert "no stored article matches 'nothing-like-it'" in answer.json()["error"]["message"]


def test_script_in_an_article_comes_back_as_escaped_json_text(api_sqlite):
    answer = api_sqlite.get("/api/articles/x4")
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert SCRIPT not in answer.text  # no markup in the bytes, not even inside a JSON string
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in answer.text
    assert answer.json()["article"]["text"].startswith(f"Hackers posted {SCRIPT} on the ministry website")


# -- events -------------------------------------------------------------------------------------


def test_events_page_across_pages_on_both_backends(api):
    pages = walk(api, "/api/events", limit=2)
    assert [len(p) for p in pages] == [2, 2, 1]
    days = [e["date"] for p in pages for e in p]
    assert days == ["2022-02-07", "2022-02-03", *GBR_RUS]
    assert len({e["id"] for p in pages for e in p}) == 5


def test_events_filters(api_sqlite):
    def plovers(**query):
        answer = api_sqlite.get("/api/events", params=query)
        assert answer.status_code == 200, answer.text
        return sorted(e["plover"] for e in answer.json()["items"])

    assert plovers(dyad="RUS,GBR") == ["ACCUSE", "REJECT", "THREATEN"]
    assert plovers(dyad="GBR,RUS", since="2022-01-21") == ["REJECT", "THREATEN"]
    assert plovers(dyad="GBR,RUS", until="2022-01-20") == ["ACCUSE"]
    assert plovers(actor="rusgov") == ["REJECT", "THREATEN"]
    assert plovers(country="DEU") == ["COERCE"]
    assert plovers(plover="threaten") == ["THREATEN"]
    assert plovers(modality="reported") == ["SUPPORT", "THREATEN"]
    assert plovers(background="false", country="FRA") == ["SUPPORT"]
    assert plovers(min_origins=2) == []
    assert plovers(contested="true") == ["ACCUSE"]


def test_an_event_carries_its_reports_and_evidence(api_sqlite):
    [event] = api_sqlite.get("/api/events", params={"plover": "ACCUSE"}).json()["items"]
    assert (event["source"], event["target"], event["date"]) == ("GBR", "RUS", "2022-01-20")
    [report] = event["reports"]
    assert (report["article"], report["outlet"], report["modality"]) == ("r1", "Reuters", "asserted")
    assert report["evidence"]["text"].startswith("LONDON, Jan 20 (Reuters) - Britain accused Russia")


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"dyad": "GBR"}, "dyad takes two actor codes"),
        ({"dyad": "GBR,R"}, "dyad takes an actor code"),
        ({"since": "20 January"}, "since takes a date"),
        ({"until": "2022-1-2"}, "until takes a date"),
        ({"plover": "HUG"}, "'HUG' is not a PLOVER category"),
        ({"modality": "maybe"}, "'maybe' is not a modality"),
        ({"country": "GB"}, "country takes an ISO 3166 alpha-3 code"),
        ({"min_origins": "0"}, "min_origins: Input should be greater than or equal to 1"),
        ({"min_origins": "two"}, "min_origins: Input should be a valid integer"),
        ({"background": "perhaps"}, "background: Input should be a valid boolean"),
        ({"limit": "501"}, "limit: Input should be less than or equal to 500"),
        ({"after": "not-a-cursor"}, "after: not a cursor of this listing (events)"),
    ],
)
def test_bad_event_parameters_are_400(api_sqlite, query, says):
    answer = api_sqlite.get("/api/events", params=query)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"
    assert says in answer.json()["error"]["message"]


def test_a_cursor_of_another_listing_is_400(api_sqlite):
    cursor = api_sqlite.get("/api/articles", params={"limit": 1}).json()["next"]
    answer = api_sqlite.get("/api/events", params={"after": cursor})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith("after: not a cursor of this listing (events)")


# -- stories, entities, timeline, alerts --------------------------------------------------------


def test_stories_page_and_one_story_on_both_backends(api):
    pages = walk(api, "/api/stories", limit=3)
    assert [[s["articles"] for s in p] for p in pages] == [[["x4"], ["m3"], ["a2"]], [["r1"]]]
    first = pages[0][2]
    story = api.get(f"/api/stories/{first['id']}").json()
    assert story["articles"][0]["article_id"] == "a2"
    assert story["articles"][0]["outlet"] == "AFP"
    assert [e["plover"] for e in story["events"]] == ["REJECT", "THREATEN"]


def test_stories_since_and_unknown_story(api_sqlite):
    since = api_sqlite.get("/api/stories", params={"since": "2022-02"}).json()["items"]
    assert [s["articles"] for s in since] == [["x4"], ["m3"]]
    answer = api_sqlite.get("/api/stories/S0000000000")
    assert answer.status_code == 404
    assert answer.json()["error"] == {
        "code": "not_found",
        "message": "no story 'S0000000000' in the store (opslens stories lists them)",
    }


def test_entities_page_and_one_entity(api_sqlite):
    pages = walk(api_sqlite, "/api/entities", limit=4)
    names = [e["name"] for p in pages for e in p]
    assert names[:3] == ["MOSCOW", "Russia", "United Kingdom"]  # in two articles each, then by name
    assert len(names) == len(set(names)) and all(len(p) == 4 for p in pages[:-1])
    gbr = api_sqlite.get("/api/entities", params={"country": "GBR"}).json()["items"]
    assert "United Kingdom" in [e["name"] for e in gbr] and {e["country"] for e in gbr} == {"GBR"}
    people = api_sqlite.get("/api/entities", params={"type": "person"}).json()["items"]
    assert sorted(e["name"] for e in people) == ["Liz Truss", "Sergei Lavrov"]
    profile = api_sqlite.get("/api/entities/country:GBR").json()
    assert profile["entity"]["name"] == "United Kingdom"
    assert sorted(a["article_id"] for a in profile["articles"]) == ["a2", "r1"]
    assert api_sqlite.get("/api/entities/Sergei Lavrov").json()["entity"]["type"] == "PERSON"


def test_an_unknown_entity_is_404(api_sqlite):
    answer = api_sqlite.get("/api/entities/Nobody At All")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_timeline_of_a_dyad_on_both_backends(api):
    line = api.get("/api/timeline", params={"a": "GBR", "b": "RUS"}).json()
    assert line["subject"] == "GBR–RUS"
    assert [(e["day"], e["plover"], e["direction"]) for e in line["events"]] == [
        ("2022-01-20", "ACCUSE", "GBR→RUS"),
        ("2022-01-21", "REJECT", "GBR←RUS"),
        ("2022-01-21", "THREATEN", "GBR←RUS"),
    ]
    assert [(p["period"], p["events"], p["tension"]) for p in line["periods"]] == [
        ("2022-01-20", 1, 2.0),
        ("2022-01-21", 2, 8.4),
    ]
    weekly = api.get("/api/timeline", params={"a": "RUS", "b": "GBR", "by": "week"}).json()
    assert [(p["period"], p["events"]) for p in weekly["periods"]] == [("2022-W03", 3)]
    # without since/until: the latest periods up to the last event (a year of days by default)
    assert line["since"] == "2021-01-22"
    last = api.get("/api/timeline", params={"a": "GBR", "b": "RUS", "latest": 1}).json()
    assert (last["since"], [p["period"] for p in last["periods"]]) == ("2022-01-21", ["2022-01-21"])
    assert [e["plover"] for e in last["events"]] == ["REJECT", "THREATEN"]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"a": "GBR"}, "b: Field required"),
        ({"a": "GBR", "b": "RUS", "by": "month"}, "by: Input should be 'day' or 'week'"),
        ({"a": "GB", "b": "RUS"}, "a takes an actor code"),
        ({"a": "GBR", "b": "RUS", "since": "2022-01"}, "since takes a day as YYYY-MM-DD"),
        ({"a": "GBR", "b": "RUS", "latest": 0}, "latest: Input should be greater than or equal to 1"),
    ],
)
def test_bad_timeline_parameters_are_400(api_sqlite, query, says):
    answer = api_sqlite.get("/api/timeline", params=query)
    assert answer.status_code == 400
    assert says in answer.json()["error"]["message"]


def test_alerts_page_newest_first(api_sqlite):
    pages = walk(api_sqlite, "/api/alerts", limit=2)
    alerts = [a for p in pages for a in p]
    assert [len(p) for p in pages] == [2, 1]
    assert {a["rule"] for a in alerts} == {"UK-Russia"}
    assert [a["data"]["event"]["plover"] for a in alerts] == ["THREATEN", "REJECT", "ACCUSE"]
    assert api_sqlite.get("/api/alerts", params={"rule": "other"}).json() == {"items": [], "next": None}
    assert api_sqlite.get("/api/alerts", params={"since": "Monday"}).status_code == 400
