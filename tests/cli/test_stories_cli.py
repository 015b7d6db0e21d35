"""`opslens stories` and `opslens story` over a store holding a fire told by three outlets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.link import update
from opslens.store import open_store
from tests.link.story_samples import BACKGROUND, FIRE, FLOOD, REPORTS, analysis, sha

FIRE_ID = "S" + sha(analysis("fire-herald").article.text)[:10]
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('stories')) / 'store.db'}"
    with open_store(url) as store:
        for r in REPORTS + BACKGROUND:
            store.save(analysis(r[0]), analyzer_version="test")
        update(store)
    return url


def test_stories_jsonl_lists_every_story_with_its_input_ids(db):
    result = CliRunner().invoke(app, ["stories", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    stories = [json.loads(line) for line in result.output.splitlines()]
    assert len(stories) == 9
    assert stories[0]["articles"] == FLOOD  # the latest seen first
    fire = next(s for s in stories if s["id"] == FIRE_ID)
    assert fire["articles"] == FIRE
    assert (fire["first_seen"], fire["last_seen"], fire["n_articles"]) == ("2023-03-14", "2023-03-16", 3)
    assert fire["outlets"] == ["Millbrook Herald", "Ohio Wire", "State Tribune"]
    assert set(fire) >= {"id", "title", "first_seen", "last_seen", "articles", "events"}


def test_since_and_limit_filter_the_listing(db):
    result = CliRunner().invoke(app, ["stories", "--db", db, "--since", "2023-03-17", "--format", "jsonl"])
    assert [json.loads(line)["title"] for line in result.output.splitlines()] == [
        "Flooding closes Route 9 bridge in Riverton",
        "Kenyan runner wins city marathon",
    ]
    limited = CliRunner().invoke(app, ["stories", "--db", db, "--limit", "1", "--format", "jsonl"])
    assert len(limited.output.splitlines()) == 1
    bad = CliRunner().invoke(app, ["stories", "--db", db, "--since", "last week"])
    assert bad.exit_code == 2
    assert "--since takes a date" in bad.output


def test_the_table_shows_ids_days_and_titles(db):
    result = CliRunner().invoke(app, ["stories", "--db", db, "--format", "table"], env=WIDE)
    assert result.exit_code == 0
    assert result.output.startswith("9 stories in sqlite:///")
    assert FIRE_ID in result.output
    assert "Fire at Brennan Plastics plant forces Millbrook evacuation" in result.output


def test_story_shows_the_articles_and_key_events(db):
    brief = CliRunner().invoke(app, ["story", FIRE_ID, "--db", db, "--format", "brief"], env=WIDE)
    assert brief.exit_code == 0, brief.output
    assert "2023-03-14 – 2023-03-16 · 3 articles · Millbrook Herald, Ohio Wire, State Tribune" in brief.output
    assert "Investigators point to faulty wiring in Brennan Plastics blaze" in brief.output
    assert "• COERCE (Dale Hoskins):" in brief.output
    full = json.loads(CliRunner().invoke(app, ["story", FIRE_ID, "--db", db, "--format", "json"]).output)
    assert [(a["article_id"], a["day"], a["outlet"]) for a in full["articles"]] == [
        ("fire-herald", "2023-03-14", "Millbrook Herald"),
        ("fire-wire", "2023-03-15", "Ohio Wire"),
        ("fire-tribune", "2023-03-16", "State Tribune"),
    ]


def test_an_unknown_story_is_one_line_error(db):
    result = CliRunner().invoke(app, ["story", "S0000000000", "--db", db])
    assert result.exit_code == 2
    assert "no story 'S0000000000'" in result.output
