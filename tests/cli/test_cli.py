"""The CLI end to end: analyze a mixed batch, errors in place, the store, list/show/schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opslens.cli.main import app
from tests.support import SEED

ENGLISH = (
    "Ukrainian President Volodymyr Zelensky met NATO Secretary General Jens Stoltenberg in Kyiv "
    "on Thursday to discuss air defence, the presidential office said in a statement.\n"
)
FRENCH = (
    "Le président français a rencontré jeudi à Paris le secrétaire général de l'OTAN pour discuter "
    "de la défense aérienne de l'Ukraine, selon un communiqué publié par l'Élysée dans la soirée.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_seed_article_json_has_contract_shape(runner, db):
    result = runner.invoke(app, ["analyze", "--format", "json", "--published", "2022-01-23", "--db", db, str(SEED)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "opslens.analysis/1"
    art = doc["article"]
    assert (art["published"]["value"], art["published"]["source"]) == ("2022-01-23", "given")
    assert art["credits"] == ["AFP", "Reuters", "TASS"]
    assert art["id"] == "sha256:" + art["sha256"]
    assert not art["text"].startswith("Britain, Russia Reportedly")  # the headline is the title
    assert "Source link" not in art["text"]
    names = {e["name"] for e in doc["entities"]}
    assert {"Liz Truss", "Sergei Lavrov", "TASS", "NATO"} <= names


def test_batch_keeps_order_and_puts_errors_in_place(runner, db, tmp_path):
    good = tmp_path / "a-good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    french = tmp_path / "b-french.txt"
    french.write_text(FRENCH, encoding="utf-8")
    empty = tmp_path / "c-empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "d-missing.txt"
    result = runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(good), str(french), str(empty), str(missing), str(good)])
    assert result.exit_code == 1
    out = lines(result.stdout)
    assert len(out) == 5
    assert [o.get("schema") for o in out] == ["opslens.analysis/1"] * 2 + [None] * 2 + ["opslens.analysis/1"]
    assert [o.get("code") for o in out[2:4]] == ["empty", "unreadable"]
    assert (out[1]["article"]["language"], out[1]["skipped"]["reason"]) == ("fr", "language")  # kept, not an error
    stoltenberg = next(e for e in out[0]["entities"] if e["name"] == "Jens Stoltenberg")
    assert stoltenberg["actor_code"] == "IGOWSTNAT"
    # the good article was stored once (same text, upserted), the French one too; the two failures were recorded
    listing = runner.invoke(app, ["list", "--db", db])
    assert "2 articles" in listing.stdout
    errors = runner.invoke(app, ["list", "--errors", "--db", db])
    assert "empty" in errors.stdout and "unreadable" in errors.stdout and "language" not in errors.stdout


NOT_ANALYSED = "Not analysed: French (fr): OpsLens analyses English only; the text is stored"


def test_a_non_english_article_is_stored_not_analysed_and_not_a_failure(runner, db, tmp_path):
    french = tmp_path / "french.txt"
    french.write_text(FRENCH, encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--format", "json", "--db", db, str(french)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["skipped"] == {"reason": "language", "language": "fr",
                              "note": "French (fr): OpsLens analyses English only; the text is stored"}
    assert (doc["entities"], doc["events"], doc["pipeline"]["stages"]) == ([], [], [])
    assert doc["article"]["text"] == FRENCH.strip()
    shown = runner.invoke(app, ["show", doc["article"]["sha256"][:12], "--format", "json", "--db", db])
    assert json.loads(shown.stdout)["skipped"] == doc["skipped"]
    brief = runner.invoke(app, ["analyze", "--format", "brief", "--no-store", str(french)])
    assert brief.exit_code == 0 and NOT_ANALYSED in " ".join(brief.stdout.replace("│", " ").split())
    assert "Key developments" not in brief.stdout
    md = runner.invoke(app, ["analyze", "--format", "md", "--no-store", str(french)])
    assert md.stdout.endswith(f"\n\n**{NOT_ANALYSED.replace(':', ':**', 1)}\n")
    assert "## " not in md.stdout


def test_show_returns_the_stored_analysis(runner, db, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    first = lines(runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(good)]).stdout)[0]
    shown = runner.invoke(app, ["show", first["article"]["sha256"][:12], "--format", "json", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["entities"] == first["entities"]
    missing = runner.invoke(app, ["show", "no-such-article", "--db", db])
    assert missing.exit_code == 2
    assert "no-such-article" in missing.output


def test_stdin_and_markdown(runner, db):
    result = runner.invoke(app, ["analyze", "--format", "md", "--db", db, "-"], input=ENGLISH.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert "| Jens Stoltenberg | Secretary General |" in result.stdout
    assert "| Volodymyr Zelensky | President (UKR) | UKR | UKRGOV |" in result.stdout


def test_schema_is_generated_from_the_records(runner):
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$id"] == "opslens.analysis/1"
    assert set(schema["required"]) >= {"article", "pipeline"}
    assert "Entity" in schema["$defs"] and "mentions" in schema["$defs"]["Entity"]["properties"]


def test_brief_shows_people_with_roles(runner, db):
    result = runner.invoke(app, ["analyze", "--format", "brief", "--published", "2022-01-23", "--db", db, str(SEED)])
    assert result.exit_code == 0
    assert "Liz Truss" in result.stdout and "Foreign Secretary (GBR)" in result.stdout
    assert "TASS — state media, RUS" in result.stdout


FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Prut Monitor</title><item>'
    "<title>Curfew extended</title><link>http://127.0.0.1:9/curfew</link><guid>pm-7</guid>"
    "<description>Romania extended the curfew in two border towns on Tuesday.</description></item></channel></rss>"
)
REFUSED = ("The link http://127.0.0.1:9/curfew could not be used: refusing to fetch http://127.0.0.1:9/curfew "
           "(resolves to 127.0.0.1, a loopback address); pass --allow-private to allow. "
           "Analysed the feed entry's summary instead.")


def test_feed_links_are_followed_unless_no_follow(runner, tmp_path):
    """The link is on loopback, so following it is refused (no request is made) and the note says so."""
    feed = tmp_path / "prut.rss"
    feed.write_text(FEED, encoding="utf-8")
    followed = lines(runner.invoke(app, ["analyze", "--format", "jsonl", "--no-store", str(feed)]).stdout)[0]
    assert (followed["article"]["text_source"], followed["article"]["text_note"]) == ("feed_entry", REFUSED)
    md = runner.invoke(app, ["analyze", "--format", "md", "--no-store", str(feed)]).stdout
    assert f"- **Text:** {REFUSED}\n" in md
    kept = lines(runner.invoke(app, ["analyze", "--format", "jsonl", "--no-store", "--no-follow", str(feed)]).stdout)[0]
    assert (kept["article"]["text_source"], kept["article"]["text_note"]) == ("feed_entry", None)
    assert kept["article"]["text"] == followed["article"]["text"] == "Romania extended the curfew in two border towns on Tuesday."
