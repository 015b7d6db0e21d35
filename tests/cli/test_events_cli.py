"""`opslens events` and `opslens contested` over a linked store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.link import update
from opslens.store import Store
from tests.link.test_contested import DENIED, SHELLED, claim, denial
from tests.link.test_events import LEADS, TASS_SENTENCE, WALLACE_SENTENCE, anonymous_report, tass_report


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('events') / 'store.db'}"
    with Store(url) as store:
        for a in [tass_report(*lead) for lead in LEADS[:3]] + [
            anonymous_report("AFP", "a senior British defence source", "Britain is seeking to ease tensions."),
            anonymous_report("Reuters", "a senior British official", "London reached out to Moscow."),
            claim(),
            denial(),
        ]:
            store.save(a, analyzer_version="test")
        update(store)
    return url


def run(db: str, *args: str) -> list[dict]:
    done = CliRunner().invoke(app, [*args, "--db", db, "--format", "jsonl"])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.output.splitlines()]


def test_merged_events_as_jsonl_with_reports_origins_and_grade(db):
    [meeting] = run(db, "events", "--merged", "--plover", "consult")
    assert {k: meeting[k] for k in ("plover", "cameo", "source", "target", "date")} == {
        "plover": "CONSULT",
        "cameo": "040",
        "source": "RUSGOV",
        "target": "GBRGOV",
        "date": "2022-02",
    }
    assert (meeting["articles"], meeting["outlets"], meeting["independent_origins"]) == (3, 3, 1)
    assert meeting["confidence"] == {
        "grade": "weak",
        "why": "1 independent origin, 1 state-media origin (TASS), 3 reports in 3 articles from 3 outlets",
    }
    assert {r["evidence"]["text"] for r in meeting["reports"]} == {TASS_SENTENCE}
    assert all(r["chain"][0]["kind"] == "state_media" and r["article"] for r in meeting["reports"])
    assert meeting["contested"] is False


def test_filters_by_dyad_origins_dates_and_contested(db):
    assert [e["plover"] for e in run(db, "events", "--merged", "--dyad", "RUS,GBR")] == ["CONSULT", "AGREE"]
    [invite] = run(db, "events", "--merged", "--min-origins", "2")
    assert invite["reports"][0]["evidence"]["text"] == WALLACE_SENTENCE and invite["independent_origins"] == 2
    assert [e["plover"] for e in run(db, "events", "--merged", "--since", "2022-01-23", "--until", "2022-01")] == [
        "AGREE"
    ]
    [contested] = run(db, "events", "--merged", "--contested")
    assert contested["plover"] == "ASSAULT" and contested["contests"][0]["kind"] == "denial"
    assert [e["plover"] for e in run(db, "events", "--merged", "--actor", "UKR")] == ["ASSAULT"]


def test_without_merged_each_article_event_is_listed_with_its_merged_event(db):
    listed = run(db, "events", "--plover", "CONSULT")
    assert len(listed) == 3 and len({e["merged"] for e in listed}) == 1
    assert {e["event"] for e in listed} == {"v1"}


def test_contested_lists_both_sides_evidence(db):
    [row] = run(db, "contested")
    assert row["kind"] == "denial"
    assert row["claim"]["reports"][0]["evidence"]["text"] == SHELLED
    assert row["counter"]["reports"][0]["evidence"]["text"] == DENIED


def test_bad_filters_are_one_line_errors(db):
    done = CliRunner().invoke(app, ["events", "--merged", "--dyad", "RUS", "--db", db])
    assert done.exit_code == 2 and "--dyad takes two actor codes" in done.output
    done = CliRunner().invoke(app, ["events", "--since", "Jan 2022", "--db", db])
    assert done.exit_code == 2 and "--since takes a date" in done.output


def test_the_table_names_the_grade(db):
    done = CliRunner().invoke(app, ["events", "--merged", "--db", db, "--format", "table"], env={"COLUMNS": "200"})
    assert done.exit_code == 0 and "4 merged events" in done.output and "weak" in done.output
