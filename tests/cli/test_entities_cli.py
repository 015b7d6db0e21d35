"""`opslens entities`, `opslens entities merge|split` and `opslens entity` on a small store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.link import update
from opslens.store import open_store
from tests.support import article

TEXTS = [
    (
        "2022-01-20",
        "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Moscow on Monday. "
        "Lavrov said the talks had been constructive.",
    ),
    ("2022-01-22", "Sergei Lavrov accused Britain of stoking tensions, Russian state media reported."),
    ("2022-01-23", "The painter Lavrov opened an exhibition in Paris on Thursday, the gallery said."),
]


@pytest.fixture(scope="module")
def analyses(analyzer):
    return [analyzer.analyze(article(text, day)) for day, text in TEXTS]


@pytest.fixture
def db(tmp_path: Path, analyses) -> str:
    url = f"sqlite:///{tmp_path / 'entities.db'}"
    with open_store(url) as store:
        for analysis in analyses:
            store.save(analysis, analyzer_version="test")
        update(store)
    return url


def rows(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_entities_lists_the_most_mentioned_first_and_filters(db):
    runner = CliRunner()
    listed = rows(runner.invoke(app, ["entities", "--format", "jsonl", "--db", db]).stdout)
    assert (listed[0]["name"], listed[0]["n_articles"], listed[0]["country"]) == ("Sergei Lavrov", 2, "RUS")
    people = rows(runner.invoke(app, ["entities", "--type", "person", "--format", "jsonl", "--db", db]).stdout)
    assert {p["type"] for p in people} == {"PERSON"}
    assert [p["name"] for p in people][:1] == ["Sergei Lavrov"]
    assert sorted(p["name"] for p in people[1:]) == ["Lavrov", "Wang Yi"]
    chinese = runner.invoke(app, ["entities", "--country", "CHN", "--format", "jsonl", "--db", db])
    assert [p["name"] for p in rows(chinese.stdout)] == ["Wang Yi"]
    table = runner.invoke(app, ["entities", "--format", "table", "--limit", "1", "--db", db], env={"COLUMNS": "160"})
    assert table.exit_code == 0 and "Sergei Lavrov" in table.stdout and "Wang Yi" not in table.stdout


def test_entity_shows_articles_roles_events_and_relations(db):
    result = CliRunner().invoke(app, ["entity", "Sergei Lavrov", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["entity"]["key"] == "person:sergei lavrov"
    assert [a["day"] for a in found["articles"]] == ["2022-01-22", "2022-01-20"]
    assert [(r["title"], r["first_seen"]) for r in found["roles"]] == [("Foreign Minister", "2022-01-20")]
    accuse = next(e for e in found["events"] if e["plover"] == "ACCUSE")
    assert (accuse["side"], accuse["other"], accuse["day"]) == ("source", "United Kingdom", "2022-01-22")
    assert {"other": "United Kingdom", "other_key": "country:GBR", "direction": "acts on", "events": 1} in found[
        "relations"
    ]
    brief = CliRunner().invoke(app, ["entity", "person:sergei lavrov", "--db", db])
    assert "role: Foreign Minister" in brief.stdout and "ACCUSE" in brief.stdout


def test_merge_and_split_from_the_command_line(db):
    runner = CliRunner()
    people = rows(runner.invoke(app, ["entities", "--type", "PERSON", "--format", "jsonl", "--db", db]).stdout)
    painter = next(p for p in people if p["name"] == "Lavrov")
    merged = runner.invoke(app, ["entities", "merge", "Sergei Lavrov", str(painter["id"]), "--why", "same", "--db", db])
    assert merged.exit_code == 0, merged.output
    assert f"merged {painter['key']} into person:sergei lavrov" in merged.stderr
    shown = json.loads(runner.invoke(app, ["entity", "Sergei Lavrov", "--format", "json", "--db", db]).stdout)
    assert shown["entity"]["n_articles"] == 3
    assert shown["decisions"] == [
        {"action": "merge", "subject": "person:sergei lavrov", "other": painter["key"], "why": "same"}
    ]
    undone = runner.invoke(app, ["entities", "split", "Sergei Lavrov", "--db", db])
    assert undone.exit_code == 0 and f"split {painter['key']} from person:sergei lavrov" in undone.stderr
    again = runner.invoke(app, ["entities", "split", "Sergei Lavrov", "--db", db])
    assert again.exit_code == 2 and "no merge of 'Sergei Lavrov' to undo" in again.stderr


def test_unknown_and_ambiguous_entities_are_one_line_errors(db):
    runner = CliRunner()
    missing = runner.invoke(app, ["entity", "Nobody Atall", "--db", db])
    assert missing.exit_code == 2 and "no canonical entity has the id, key or name 'Nobody Atall'" in missing.stderr
    same = runner.invoke(app, ["entities", "merge", "Sergei Lavrov", "person:sergei lavrov", "--why", "x", "--db", db])
    assert same.exit_code == 2 and "are the same entity" in same.stderr
    no_reason = runner.invoke(app, ["entities", "merge", "Sergei Lavrov", "Wang Yi", "--db", db])
    assert no_reason.exit_code == 2 and "--why" in no_reason.stderr
