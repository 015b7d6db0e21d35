"""`opslens search` on both backends: JSONL hits and nothing else, filters passed on, a table
with highlighted snippets, one-line errors."""

from __future__ import annotations

import json

import pytest
from rich.text import Text
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.cli.search import HIGHLIGHT, hit_table
from opslens.search import SearchQuery, search
from opslens.store import Store
from tests.search.samples import CORPUS, analysis

WIDE = {"COLUMNS": "300"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('search-cli') / 'opslens.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").new_database()
    with Store(url) as store:
        for doc in CORPUS:
            store.save(analysis(doc), analyzer_version="test")
    return url


def run(db: str, *args: str):
    return CliRunner().invoke(app, ["search", *args, "--db", db], env=WIDE)


def test_jsonl_is_one_hit_a_line_and_nothing_else(db):
    done = run(db, "ceasefire", "--format", "jsonl")
    assert done.exit_code == 0 and done.stderr == ""
    hits = [json.loads(line) for line in done.stdout.splitlines()]
    assert [h["article"] for h in hits] == ["doc-A", "doc-B"]
    with Store(db) as store:
        assert hits == [h.to_json() for h in search(store, SearchQuery("ceasefire")).items]


def test_filters_and_limit_reach_the_search(db):
    done = run(db, "minister", "--outlet", "reuters", "--country", "RUS", "--format", "jsonl")
    assert sorted(json.loads(line)["article"] for line in done.stdout.splitlines()) == ["doc-C", "doc-H"]
    done = run(db, "minister", "--plover", "CONSULT", "--since", "2022-03-02", "--until", "2022-04", "-f", "jsonl")
    assert sorted(json.loads(line)["article"] for line in done.stdout.splitlines()) == ["doc-E", "doc-H"]
    assert len(run(db, "minister", "--limit", "3", "-f", "jsonl").stdout.splitlines()) == 3


def test_a_query_that_starts_with_a_dash_comes_after_two_dashes(db):
    done = CliRunner().invoke(app, ["search", "--db", db, "-f", "jsonl", "--", "-Moscow foreign minister"])
    assert done.exit_code == 0, done.output
    assert sorted(json.loads(line)["article"] for line in done.stdout.splitlines()) == ["doc-A", "doc-B", "doc-F"]


def test_the_table_shows_title_outlet_day_and_snippet(db):
    done = run(db, "Zürich", "--format", "table")
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    with Store(db) as store:
        assert lines[0] == f"1 article matches 'Zürich' in {store.url}"
    row = next(line for line in lines if "Summit planned" in line)
    assert "AP" in row and "2022-03-05" in row
    assert "<script>alert('x')</script> Leaders will meet in Zürich next month, the minister said." in row
    assert run(db, "minister", "--limit", "2", "-f", "table").stdout.startswith("2 of 8 articles match 'minister'")


def test_the_table_highlights_the_query_words_in_the_snippet(db):
    with Store(db) as store:
        page = search(store, SearchQuery("Zürich"))
    snippet = hit_table(page).columns[3]._cells[0]
    assert isinstance(snippet, Text)
    lit = [(snippet.plain[s.start : s.end], s.style) for s in snippet.spans if s.style]
    assert lit == [("Zürich", HIGHLIGHT)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "jsonl", "--", "-ceasefire"], "opslens: error: search query has no word to look for"),
        (["ceasefire", "--since", "yesterday"], "opslens: error: since takes a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_error_line(db, args, message):
    done = CliRunner().invoke(app, ["search", "--db", db, *args])
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.startswith(message) and len(done.stderr.strip().splitlines()) == 1
