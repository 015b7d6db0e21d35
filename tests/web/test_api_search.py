"""GET /api/search: ranked full-text hits in the paged shape, with total and facets; snippets as
plain-text pieces (a <script> in an article stays text in escaped JSON)."""

from __future__ import annotations

import pytest

from tests.web.conftest import SCRIPT


def test_search_pages_with_total_and_facets_on_both_backends(api):
    first = api.get("/api/search", params={"q": "Russia", "limit": 1}).json()
    assert set(first) == {"items", "next", "total", "facets", "complete"}
    assert (first["total"], first["complete"]) == (2, True)
    assert first["facets"]["outlet"] == [["AFP", 1], ["Reuters", 1]]
    assert first["facets"]["day"] == [["2022-01-20", 1], ["2022-01-21", 1]]
    second = api.get("/api/search", params={"q": "Russia", "limit": 1, "after": first["next"]}).json()
    assert second["next"] is None
    assert sorted(hit["article"] for hit in first["items"] + second["items"]) == ["a2", "r1"]
    [hit] = second["items"]
    lit = [text for text, highlighted in hit["snippet"] if highlighted]
    assert lit == ["Russia"]


def test_search_filters(api_sqlite):
    def found(**query):
        return sorted(h["article"] for h in api_sqlite.get("/api/search", params=query).json()["items"])

    assert found(q="ministry") == ["a2", "m3", "x4"]
    assert found(q="ministry", outlet="le monde") == ["m3"]
    assert found(q="ministry", country="DEU") == ["m3", "x4"]  # Germany signed; German police
    assert found(q="ministry", plover="threaten") == ["a2"]
    assert found(q="ministry", since="2022-02", until="2022-02-05") == ["m3"]


def test_a_script_in_a_snippet_is_escaped_json_text(api_sqlite):
    answer = api_sqlite.get("/api/search", params={"q": "hackers"})
    assert answer.headers["content-type"] == "application/json"
    assert SCRIPT not in answer.text and "\\u003cscript\\u003e" in answer.text
    [hit] = answer.json()["items"]
    assert "".join(text for text, _ in hit["snippet"]).startswith(f"Hackers posted {SCRIPT} on the ministry")


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({}, "q: Field required"),
        ({"q": ""}, "search query has no word to look for"),
        ({"q": "Russia", "since": "last week"}, "since takes a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"q": "Russia", "plover": "HUG"}, "'HUG' is not a PLOVER category"),
        ({"q": "Russia", "limit": 201}, "limit: Input should be less than or equal to 200"),
        ({"q": "Russia", "after": "bm9wZQ"}, "the search cursor is not one this search gave out"),
    ],
)
def test_bad_search_parameters_are_400(api_sqlite, query, says):
    answer = api_sqlite.get("/api/search", params=query)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"
    assert says in answer.json()["error"]["message"]


def test_a_cursor_of_another_search_is_400(api_sqlite):
    cursor = api_sqlite.get("/api/search", params={"q": "ministry", "limit": 1}).json()["next"]
    answer = api_sqlite.get("/api/search", params={"q": "Russia", "after": cursor})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == "the search cursor belongs to another search (other words or filters)"
