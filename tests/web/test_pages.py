"""The dashboard pages over the linked test corpus, through FastAPI's TestClient: what each shows,
that article text is escaped everywhere, that no page carries inline script or style, and 404s."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from opslens.link.story_views import list_stories
from opslens.store import open_store
from tests.web import pages_fixtures
from tests.web.app_for_pages import CSP, app_for_pages
from tests.web.stored import filled

VISIT = "Britain's foreign secretary to visit Moscow"

corpus, linked = pages_fixtures.corpus, pages_fixtures.linked  # the shared store's fixtures


@pytest.fixture(scope="module")
def client(linked):
    store, _ = linked
    return TestClient(app_for_pages(store))


@pytest.fixture(scope="module")
def rows(linked):
    return linked[1]


def story_of(store, title: str) -> str:
    return next(s.id for s in list_stories(store) if s.title == title)


class Inline(HTMLParser):
    """What would break under `script-src 'self'; style-src 'self'`: inline scripts, style
    attributes or elements, on* handlers, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and "src" not in a and a.get("type") != "application/json":
            self.found.append("inline script")
        if tag == "style" or "style" in a:
            self.found.append(f"style on <{tag}>")
        self.found += [f"{k} on <{tag}>" for k in a if k.startswith("on")]
        self.found += [
            f"javascript: in <{tag}>" for v in a.values() if v and v.strip().lower().startswith("javascript:")
        ]


def facts_of(html: str) -> dict:
    """The article page's facts, from its JSON block."""
    return json.loads(re.search(r'<script type="application/json" id="facts-data">(.*?)</script>', html, re.S).group(1))


def inline(html: str) -> list[str]:
    parser = Inline()
    parser.feed(html)
    return parser.found


def test_the_story_list_shows_each_story_with_its_counts(client, linked):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    story = story_of(linked[0], VISIT)
    row = re.search(rf'<a class="story-link" href="/stories/{story}">([^<]*)</a></td>(.*?)</tr>', html, re.S)
    assert row is not None and row.group(1) == "Britain&#39;s foreign secretary to visit Moscow"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(2), re.S)
    assert cells[:4] == ["2024-03-04", "2024-03-05", "Reuters, Tass", "2"]
    assert html.count('class="story-link"') == 4
    assert "<h2>Latest merged events</h2>" in html and "No alerts raised." in html


def test_a_story_shows_its_timeline_and_its_articles(client, linked, rows):
    story = story_of(linked[0], VISIT)
    html = client.get(f"/stories/{story}").text
    assert "<h1>Britain&#39;s foreign secretary to visit Moscow</h1>" in html
    assert re.findall(r'<a class="article-link" href="/articles/(\d+)">', html) == [
        str(rows["visit-1"]),
        str(rows["visit-2"]),
    ]
    assert html.count('<span class="plover">CONSULT</span>') >= 2
    assert "No contested claims in this story." in html


def test_contested_claims_stand_side_by_side_with_their_evidence(client, linked, rows):
    story = story_of(linked[0], "Ukraine warns Russia over Black Sea attacks")
    html = client.get(f"/stories/{story}").text
    contest = re.search(r'<section class="contest">(.*?)</section>', html, re.S).group(1)
    assert "<strong>denial</strong>" in contest
    claim, counter = re.findall(r'<div class="side">(.*?)</div>', contest, re.S)
    assert 'Claim: <span class="plover">ASSAULT</span>' in claim
    assert (
        "<blockquote>Russian forces shelled the port of Odesa on Saturday, Ukrainian officials said.</blockquote>"
        in claim
    )
    assert f'<a href="/articles/{rows["warning"]}">Kyiv Independent</a> · Ukrainian officials' in claim
    assert 'Contested by: <span class="plover">REJECT</span>' in counter
    assert "<blockquote>MOSCOW, March 11 - Russia denied on Monday that its forces shelled the port" in counter


def test_an_article_marks_its_facts_and_carries_their_details(client, rows):
    html = client.get(f"/articles/{rows['visit-1']}").text
    assert '<span class="fact fact-event" data-fact="event:v1" tabindex="0">visit</span>' in html
    assert '<span class="fact fact-time" data-fact="time:t1" tabindex="0">March 11</span>' in html
    facts = facts_of(html)
    assert facts["event:v1"]["chain"] == ["TASS (state media)", "a Foreign Ministry source (anonymous)"]
    assert facts["event:v1"]["chain_text"] == "TASS (state media) ← a Foreign Ministry source (anonymous)"
    assert facts["time:t1"]["details"] == [["Type", "DATE"], ["Value", "2024-03-11"]]
    assert facts["entity:e6"]["label"] == "Sergei Lavrov"
    assert facts["entity:e6"]["href"].startswith("/entities/")
    assert '<script src="/static/article.js"></script>' in html


def test_article_text_and_titles_are_escaped(client, rows):
    html = client.get(f"/articles/{rows['script']}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h1>An article with &lt;b&gt;markup&lt;/b&gt; in its title</h1>" in html
    block = re.search(r'<script type="application/json" id="facts-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in block
    home = client.get("/").text
    assert "An article with &lt;b&gt;markup&lt;/b&gt; in its title" in home and "<b>markup" not in home


def test_an_entity_page_shows_the_canonical_entity(client, rows):
    article = client.get(f"/articles/{rows['visit-1']}").text
    href = re.search(r'<a class="entity-link" href="(/entities/\d+)">Sergei Lavrov</a>', article).group(1)
    html = client.get(href).text
    assert "<h1>Sergei Lavrov</h1>" in html
    assert "<dt>Actor code</dt><dd>RUSGOV</dd>" in html
    assert "<dt>Country</dt><dd>RUS</dd>" in html
    assert f'<a href="/articles/{rows["visit-1"]}">{VISIT.replace(chr(39), "&#39;")}</a>' in html


def test_the_dyad_page_charts_every_day(client):
    html = client.get("/dyads/gbr/rus").text
    assert "<h1>GBR – RUS</h1>" in html
    assert html.count('<circle class="point') == 7  # 2024-03-05 … 2024-03-11, quiet days too
    assert html.count('<circle class="point busy"') == 3
    weekly = client.get("/dyads/GBR/RUS?by=week").text
    assert weekly.count('<circle class="point busy"') == 2  # 2024-W10 and 2024-W11
    assert ">2024-W10<" in weekly and ">2024-W11<" in weekly


def test_the_map_draws_the_world_and_the_event_places(client, rows):
    html = client.get("/map").text
    assert html.count("<path d=") == 177
    points = re.findall(
        r'<a class="map-point" href="/articles/(\d+)#event:(v\d+)">\s*<circle cx="([\d.]+)" cy="([\d.]+)"', html
    )
    moscow = [p for p in points if (p[2], p[3]) == ("217.62", "34.25")]
    assert len(moscow) == 1
    assert "<strong>Odesa</strong>" in html


def test_the_graph_draws_actors_and_their_relations(client):
    html = client.get("/graph").text
    nodes = re.findall(r'<g class="graph-node"><circle cx="[\d.]+" cy="[\d.]+" r="[\d.]+"><title>([^<]*)</title>', html)
    assert "France [FRA]: 1 events" in nodes
    assert '<a class="graph-edge" href="/dyads/FRA/RUS">' in html
    assert client.get("/graph").text == html  # a fixed seed: the same picture every time


@pytest.mark.parametrize(
    "path",
    ["/articles/no-such-article", "/stories/S0000000000", "/entities/999999", "/dyads/GBR/USA", "/dyads/1/2"],
)
def test_unknown_ids_answer_404_in_the_layout(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert '<a class="brand" href="/">OpsLens</a>' in response.text


def test_no_page_has_inline_script_or_style(client, linked, rows):
    story = story_of(linked[0], VISIT)
    paths = ["/", f"/stories/{story}", f"/articles/{rows['script']}", f"/articles/{rows['visit-1']}"]
    paths += ["/entities/1", "/dyads/GBR/RUS", "/map", "/graph", "/articles/missing"]
    for path in paths:
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP
        assert inline(response.text) == [], path


def test_the_static_files_are_served(client):
    assert client.get("/static/article.js").status_code == 200
    assert "fact-panel" in client.get("/static/dashboard.css").text


def test_every_page_renders_on_both_stores(store, corpus):
    rows = filled(store, corpus)
    client = TestClient(app_for_pages(store))
    story = story_of(store, VISIT)
    for path in ["/", f"/stories/{story}", f"/articles/{rows['visit-2']}", "/dyads/GBR/RUS", "/map", "/graph"]:
        assert client.get(path).status_code == 200, path
    facts = facts_of(client.get(f"/articles/{rows['visit-1']}").text)
    assert facts["event:v1"]["chain_text"] == "TASS (state media) ← a Foreign Ministry source (anonymous)"


def test_an_entity_is_found_by_its_key_too(client):
    html = client.get("/entities/org:foreign%20ministry").text
    assert "<h1>Foreign Ministry</h1>" in html
    assert "<dt>Key</dt><dd><code>org:foreign ministry</code></dd>" in html


def test_an_empty_store_shows_empty_pages(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        client = TestClient(app_for_pages(empty))
        assert "No stories yet" in client.get("/").text
        assert "0 places of the latest merged events" in client.get("/map").text
        assert "No actors yet." in client.get("/graph").text
        assert client.get("/dyads/GBR/RUS").status_code == 404


def test_the_dyad_and_graph_pages_take_a_range_of_days(client):
    html = client.get("/dyads/GBR/RUS?since=2024-03-08").text
    assert html.count('<circle class="point') == 4  # 2024-03-08 … 2024-03-11
    assert client.get("/dyads/GBR/RUS?since=2024-13").status_code == 400
    graph = client.get("/graph?since=2024-03-11").text
    assert re.findall(r'<a class="graph-edge" href="([^"]+)">', graph) == ["/dyads/FRA/RUS", "/dyads/GBRGOV/RUSGOV"]
    assert "from 2024-03-11 to the latest" in graph
    bad = client.get("/graph?until=tomorrow")
    assert bad.status_code == 400 and "<h1>Bad request</h1>" in bad.text


def test_search_shows_ranked_hits_with_marked_words_and_facets(client, rows):
    html = client.get("/search?q=Lavrov").text
    assert "2 articles found." in html
    assert re.findall(r'<a class="hit-link" href="/articles/(\d+)">', html) == [
        str(rows["visit-2"]),
        str(rows["visit-1"]),
    ]
    assert html.count("<mark>Lavrov</mark>") == 2
    assert '<a href="/search?q=Lavrov&amp;outlet=Reuters">Reuters</a> <span class="muted">1</span>' in html
    assert '<a href="/search?q=Lavrov&amp;since=2024-03-04&amp;until=2024-03-04">2024-03-04</a>' in html
    narrowed = client.get("/search?q=Lavrov&outlet=Reuters").text
    assert "1 article found." in narrowed and '<input type="hidden" name="outlet" value="Reuters">' in narrowed


def test_search_snippets_are_escaped_piece_by_piece(client):
    html = client.get("/search?q=alert").text
    assert "1 article found." in html
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_search_without_words_shows_the_form_and_bad_input_answers_400(client):
    empty = client.get("/search")
    assert empty.status_code == 200 and '<form class="search"' in empty.text and "found." not in empty.text
    bad = client.get("/search?q=Lavrov&since=March")
    assert bad.status_code == 400
    assert "since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not &#39;March&#39;" in bad.text


def test_the_pages_stay_out_of_the_api_description(client):
    paths = client.app.openapi()["paths"]
    assert "/api/events" in paths and all(p.startswith("/api/") for p in paths)


def test_a_broad_query_says_its_ranking_and_facets_are_partial(client, monkeypatch):
    import opslens.search.find

    assert 'id="partial"' not in client.get("/search?q=Lavrov").text
    monkeypatch.setattr(opslens.search.find, "CANDIDATES", 1)  # the cap the search library applies
    html = client.get("/search?q=Lavrov").text
    assert "2 articles found." in html and 'id="partial"' in html
