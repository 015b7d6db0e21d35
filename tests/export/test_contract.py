"""json / jsonl: the analysis contract of the selected articles."""

from __future__ import annotations

import io
import json

import pytest

from opslens.contract import SCHEMA_ID, Analysis
from opslens.errors import ConfigError
from opslens.export import FORMATS, export
from opslens.link.listing import EventFilter
from opslens.store import Store


def ids(found: list[dict]) -> list[str]:
    return [a["article"]["id"] for a in found]


def test_without_a_filter_every_article_oldest_first(exported):
    data, n = exported("jsonl")
    found = [json.loads(line) for line in data.decode().splitlines()]
    assert n == len(found) == 5
    assert all(a["schema"] == SCHEMA_ID for a in found)
    assert [a["article"]["published"]["value"] for a in found] == sorted(
        a["article"]["published"]["value"] for a in found
    )
    assert Analysis.model_validate(found[0]).article.url == "https://example.org/truss-lavrov"


def test_json_is_the_same_analyses_as_one_array(exported):
    array, n = exported("json")
    lines, _ = exported("jsonl")
    assert json.loads(array) == [json.loads(line) for line in lines.decode().splitlines()] and n == 5


def test_a_filter_takes_the_articles_of_the_events_it_selects(exported):
    accusing, n = exported("json", plover="ACCUSE")
    assert n == 2 and ids(json.loads(accusing)) == ["example-herald-916722", "real-2"]  # same day: by id
    assert json.loads(exported("json", since="2030")[0]) == []
    assert exported("jsonl", since="2030") == (b"", 0)


def test_formats_and_unknown_format(db):
    assert sorted(FORMATS) == ["gdelt", "geojson", "graphml", "json", "jsonl", "parquet", "stix"]
    assert FORMATS["parquet"].binary and not FORMATS["gdelt"].binary
    with Store(db, create=False) as store, pytest.raises(ConfigError, match="unknown export format 'csv'"):
        export(store, "csv", EventFilter(), io.BytesIO())
