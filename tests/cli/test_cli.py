"""The CLI end to end: analyze a mixed batch, errors in place, the store, list/show/schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.store import open_store
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
    assert out[0]["schema"] == "opslens.analysis/1" and out[4]["schema"] == "opslens.analysis/1"
    assert [o.get("code") for o in out[1:4]] == ["unsupported_language", "empty", "unreadable"]
    assert "fr" in out[1]["error"]
    stoltenberg = next(e for e in out[0]["entities"] if e["name"] == "Jens Stoltenberg")
    assert stoltenberg["actor_code"] == "IGOWSTNAT"
    # the good article was stored once (same text, upserted), the three failures were recorded
    listing = runner.invoke(app, ["list", "--db", db])
    assert "1 articles" in listing.stdout
    errors = runner.invoke(app, ["list", "--errors", "--db", db])
    assert "unsupported_language" in errors.stdout and "unreadable" in errors.stdout


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


@pytest.mark.parametrize("command", [["list"], ["list", "--errors"], ["show", "1"]])
def test_read_only_commands_refuse_a_store_that_does_not_exist(runner, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--db", "typo.db"])
    assert result.exit_code == 2
    assert "no store at typo.db: the file does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_input_already_stored_by_this_version_is_taken_from_the_store(runner, db, tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    first = runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(path)])
    again = runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(path)])
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert first.stderr == ""
    assert again.stderr == "1 article already analysed by this version came from the store (--force analyses them again)\n"
    assert lines(again.stdout) == lines(first.stdout)  # the stored analysis, elapsed time and all
    forced = runner.invoke(app, ["analyze", "--format", "jsonl", "--force", "--db", db, str(path)])
    assert forced.stderr == ""
    assert lines(forced.stdout)[0]["article"] == lines(first.stdout)[0]["article"]
    # another date makes another input: analysed again, its times read against that date
    dated = runner.invoke(app, ["analyze", "--format", "jsonl", "--published", "2023-03-10", "--db", db, str(path)])
    assert dated.stderr == ""
    assert [t["value"] for t in lines(dated.stdout)[0]["times"]] == ["2023-03-09"]
    with open_store(db) as store:
        assert store.count() == 1
        assert store.get("1").article.published.value == "2023-03-10"
