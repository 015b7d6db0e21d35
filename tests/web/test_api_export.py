"""GET /api/export/{format}: the merged events /api/events would list, as files other tools read;
and the briefs of an article or a story."""

from __future__ import annotations

import io
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest

from tests.web.conftest import SCRIPT


def test_gdelt_export_on_both_backends(api):
    answer = api.get("/api/export/gdelt")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="opslens-gdelt.tsv"'
    assert answer.headers["x-opslens-records"] == "5"
    rows = [line.split("\t") for line in answer.text.splitlines()]
    assert len(rows) == 5 and {len(r) for r in rows} == {61}
    only = api.get("/api/export/gdelt", params={"dyad": "GBR,RUS", "plover": "ACCUSE"})
    assert only.headers["x-opslens-records"] == "1"
    [row] = [line.split("\t") for line in only.text.splitlines()]
    assert "112" in row  # the CAMEO code of the accusation


def test_json_and_jsonl_exports_hold_the_selected_articles(api_sqlite):
    lines = api_sqlite.get("/api/export/jsonl", params={"dyad": "GBR,RUS"})
    assert lines.headers["content-type"] == "application/x-ndjson"
    assert sorted(json.loads(line)["article"]["id"] for line in lines.text.splitlines()) == ["a2", "r1"]
    whole = api_sqlite.get("/api/export/json", params={"country": "DEU"})
    assert whole.headers["content-disposition"] == 'attachment; filename="opslens-json.json"'
    [analysis] = whole.json()
    assert analysis["article"]["text"].startswith(f"Hackers posted {SCRIPT}")  # a file to save, as the data is


def test_geojson_graphml_parquet_and_stix_load_with_their_readers(api_sqlite):
    geo = api_sqlite.get("/api/export/geojson").json()
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])
    graph = nx.read_graphml(io.BytesIO(api_sqlite.get("/api/export/graphml", params={"dyad": "GBR,RUS"}).content))
    assert {"GBR", "RUS"} <= set(graph.nodes)
    table = pq.read_table(io.BytesIO(api_sqlite.get("/api/export/parquet").content))
    assert table.num_rows == 5
    bundle = api_sqlite.get("/api/export/stix")
    assert bundle.headers["content-type"] == "application/stix+json;version=2.1"
    assert bundle.json()["type"] == "bundle"


def test_an_unknown_format_is_404_and_bad_filters_400(api_sqlite):
    unknown = api_sqlite.get("/api/export/xlsx")
    assert unknown.status_code == 404
    assert unknown.json()["error"] == {
        "code": "not_found",
        "message": "no export format 'xlsx'; the formats are json, jsonl, gdelt, parquet, stix, geojson, graphml",
    }
    bad = api_sqlite.get("/api/export/gdelt", params={"since": "yesterday"})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not 'yesterday'"


def test_briefs_of_an_article_and_a_story(api_sqlite):
    page = api_sqlite.get("/api/articles/x4/brief", params={"format": "html"})
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-disposition"] == 'attachment; filename="opslens-article.html"'
    assert SCRIPT not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    story = api_sqlite.get("/api/stories").json()["items"][2]["id"]
    md = api_sqlite.get(f"/api/stories/{story}/brief")
    assert md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert "Sergei Lavrov threatened Britain" in md.text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles/nothing/brief", 404),
        ("/api/stories/S000/brief", 404),
        ("/api/articles/x4/brief?format=pdf", 400),
    ],
)
def test_brief_errors(api_sqlite, path, status):
    assert api_sqlite.get(path).status_code == status
