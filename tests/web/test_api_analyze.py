"""POST /api/analyze: an article in as text, HTML or URL; analysed by the real pipeline, stored,
linked, answered; what cannot be analysed is 422, a URL on a private address is refused."""

from __future__ import annotations

import pytest

from opslens.ingest.fetch import Fetched
from opslens.web.app import ServeConfig
from tests.web.conftest import client_for

TEXT = (
    "BRUSSELS, March 2 (Reuters) - Belgium expelled two Russian diplomats on Wednesday, the foreign "
    "ministry said. Russia condemned the decision."
)
PAGE = (
    "<!doctype html><html><head><title>Belgium expels diplomats</title></head><body><article>"
    "<h1>Belgium expels diplomats</h1><p>Belgium expelled two Russian diplomats on Wednesday, the "
    "foreign ministry said in a statement.</p><p>Russia condemned the decision and promised a response, "
    "its embassy in Brussels said on Thursday.</p></article></body></html>"
)


@pytest.fixture
def empty(store_url, analyzer):
    """The API over an empty store (created by the app), on SQLite and on PostgreSQL."""
    with client_for(ServeConfig(store_url=store_url), analyzer) as opened:
        yield opened


@pytest.fixture(scope="module")
def lite(tmp_path_factory, analyzer):
    url = f"sqlite:///{tmp_path_factory.mktemp('analyze') / 'opslens.db'}"
    with client_for(ServeConfig(store_url=url), analyzer) as opened:
        yield opened


def test_text_is_analysed_stored_and_linked_on_both_backends(empty):
    answer = empty.post("/api/analyze", json={"text": TEXT, "id": "be-1", "published": "2022-03-02"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["schema"] == "opslens.analysis/1"
    assert body["article"]["id"] == "be-1"
    assert body["article"]["published"]["value"] == "2022-03-02"
    assert body["article"]["origin"] == "api"
    assert [(e["plover"], e["source_actor"]["code"]) for e in body["events"]] == [
        ("SANCTION", "BEL"),
        ("ACCUSE", "RUS"),
    ]
    assert body["events"][0]["evidence"]["text"].startswith("BRUSSELS, March 2 (Reuters) - Belgium expelled")
    assert empty.get("/api/articles/be-1").json() == body
    listed = empty.get("/api/articles").json()["items"]
    assert [a["article_id"] for a in listed] == ["be-1"]
    events = empty.get("/api/events").json()["items"]  # linked: merged events exist
    assert sorted(e["plover"] for e in events) == ["ACCUSE", "SANCTION"]
    assert {r["article"] for e in events for r in e["reports"]} == {"be-1"}


def test_the_same_input_again_is_taken_from_the_store(lite):
    first = lite.post("/api/analyze", json={"text": TEXT, "id": "again", "published": "2022-03-02"}).json()
    second = lite.post("/api/analyze", json={"text": TEXT, "id": "again", "published": "2022-03-02"}).json()
    assert second == first
    assert [a["article_id"] for a in lite.get("/api/articles").json()["items"]].count("again") == 1


def test_html_is_read_by_the_html_reader(lite):
    answer = lite.post("/api/analyze", json={"html": PAGE, "id": "be-html", "published": "2022-03-02"})
    assert answer.status_code == 200, answer.text
    article = answer.json()["article"]
    assert article["title"] == "Belgium expels diplomats"
    assert article["text"].startswith("Belgium expelled two Russian diplomats on Wednesday")
    assert "<p>" not in article["text"]


@pytest.mark.parametrize(
    ("body", "code", "says"),
    [
        ({"text": "   \n  "}, "not_analysable", "input contains only whitespace"),
        ({"text": ""}, "not_analysable", "input is empty"),
        ({"html": "<html><body><nav>Home</nav></body></html>"}, "not_analysable", "no article text found"),
    ],
)
def test_what_cannot_be_analysed_is_422(lite, body, code, says):
    answer = lite.post("/api/analyze", json=body)
    assert answer.status_code == 422
    assert answer.json() == {"error": {"code": code, "message": answer.json()["error"]["message"]}}
    assert says in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "give exactly one of text, html and url (got none)"),
        ({"text": TEXT, "html": PAGE}, "give exactly one of text, html and url (got text, html)"),
        ({"text": TEXT, "published": "the day after"}, "published: cannot read the date 'the day after'"),
        ({"text": TEXT, "author": "me"}, "author: Extra inputs are not permitted"),
        ({"text": 12}, "text: Input should be a valid string"),
        ({"url": "ftp://example.org/a"}, "url takes an http(s) URL, not 'ftp://example.org/a'"),
        ({"text": "Talks\x00 began."}, "the request holds a NUL character"),
    ],
)
def test_bad_requests_are_400(lite, body, says):
    answer = lite.post("/api/analyze", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"
    assert says in answer.json()["error"]["message"]


def test_a_body_that_is_not_json_is_400(lite):
    answer = lite.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/news", "http://localhost:8080/a", "http://169.254.169.254/latest", "http://[::1]/x"]
)
def test_urls_on_private_loopback_or_link_local_addresses_are_refused(lite, url, monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("fetched a refused URL")

    monkeypatch.setattr("opslens.ingest.fetch._send", no_download)
    answer = lite.post("/api/analyze", json={"url": url})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"
    assert answer.json()["error"]["message"].startswith(f"refusing to fetch {url} (resolves to ")


def test_allow_private_lets_the_server_fetch_them(tmp_path, analyzer, monkeypatch):
    asked = []

    def fetch(url, options):
        asked.append((url, options.allow_private))
        return Fetched(url=url, content_type="text/html", charset="utf-8", data=PAGE.encode())

    monkeypatch.setattr("opslens.ingest.fetch.fetch", fetch)
    config = ServeConfig(store_url=f"sqlite:///{tmp_path / 'o.db'}", allow_private=True)
    with client_for(config, analyzer) as opened:
        answer = opened.post("/api/analyze", json={"url": "http://127.0.0.1/news"})
    assert answer.status_code == 200, answer.text
    assert asked == [("http://127.0.0.1/news", True)]
    assert answer.json()["article"]["url"] == "http://127.0.0.1/news"
    assert answer.json()["article"]["title"] == "Belgium expels diplomats"


def test_an_article_id_with_slashes_is_reachable(lite):
    assert lite.post("/api/analyze", json={"text": TEXT, "id": "wire/2022/17", "published": "2022-03-03"}).is_success
    assert lite.get("/api/articles/wire/2022/17").json()["article"]["id"] == "wire/2022/17"
    brief = lite.get("/api/articles/wire/2022/17/brief")
    assert brief.status_code == 200
    assert brief.headers["content-type"] == "text/markdown; charset=utf-8"
