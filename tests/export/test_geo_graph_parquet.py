"""GeoJSON, GraphML and Parquet read back with the standard readers (json, networkx, pyarrow)."""

from __future__ import annotations

import io
import json

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from opslens.export.parquet import SCHEMA


def test_geojson_points_at_the_known_place(exported):
    data, n = exported("geojson")
    found = json.loads(data)
    assert found["type"] == "FeatureCollection" and n == len(found["features"]) == 2
    [meeting] = [f for f in found["features"] if f["properties"]["source"] == "GBRGOV"]
    assert meeting["geometry"] == {"type": "Point", "coordinates": [37.61556, 55.75222]}
    props = meeting["properties"]
    assert {k: props[k] for k in ("plover", "cameo", "target", "date", "place", "origins", "goldstein")} == {
        "plover": "CONSULT",
        "cameo": "040",
        "target": "RUSGOV",
        "date": "2022-02-10",
        "place": "Moscow",
        "origins": 2,
        "goldstein": 1.0,
    }
    assert json.loads(exported("geojson", plover="ACCUSE")[0])["features"] == []  # no place: no point


def test_graphml_loads_with_the_expected_edge(exported):
    data, n = exported("graphml")
    g = nx.read_graphml(io.BytesIO(data))
    assert n == g.number_of_edges() == 3
    assert g.edges["GBRGOV", "RUSGOV"] == {"weight": 1, "goldstein": 1.0, "plover": "CONSULT:1"}
    assert g.edges["RUSGOV", "USAGOV"]["plover"] == "ACCUSE:1"
    assert g.nodes["USAGOV"] == {"name": "Antony Blinken", "country": "USA", "events": 1}
    narrowed = nx.read_graphml(io.BytesIO(exported("graphml", plover="CONSULT")[0]))
    assert list(narrowed.edges) == [("GBRGOV", "RUSGOV")]


def test_parquet_reads_back_typed(exported):
    data, n = exported("parquet")
    table = pq.read_table(io.BytesIO(data))
    assert table.num_rows == n == 5
    assert table.schema.equals(SCHEMA)
    assert table.schema.field("reports").type == pa.list_(SCHEMA.field("reports").type.value_type)
    rows = {r["id"]: r for r in table.to_pylist()}
    [meeting] = [r for r in rows.values() if r["source"] == "GBRGOV"]
    assert str(meeting["date"]) == "2022-02-10" and meeting["quad_class"] == 1 and meeting["goldstein"] == 1.0
    assert (meeting["n_reports"], meeting["independent_origins"], meeting["geonames_id"]) == (2, 2, 524901)
    assert [r["chain"] for r in meeting["reports"]] == [[], ["Reuters"]]
    assert pq.read_table(io.BytesIO(exported("parquet", min_origins=2)[0])).num_rows == 1
