"""Text that is not OpsLens's own (file names, error messages, stored titles) and help texts are
printed word for word: rich reads "[…]" as markup and would eat it."""

from __future__ import annotations

import json

import pytest
import typer
from rich.text import Text
from typer.testing import CliRunner

from opslens.cli.main import app

WIDE = {"COLUMNS": "300"}  # every table cell and help line on one line


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_help_texts_show_their_bracketed_hints(runner):
    out = runner.invoke(app, ["analyze", "--help"], env=WIDE).stdout
    assert "Store URL or SQLite file [env OPSLENS_DB; default ./opslens.db]." in out
    assert "Write analyses to the store [default: store]." in out
    assert "[env OPSLENS_ATTRIBUTION_TAGGERS=false]" in out
    assert "[env OPSLENS_DB]" in runner.invoke(app, ["list", "--help"], env=WIDE).stdout
    assert "[env OPSLENS_DB]" in runner.invoke(app, ["show", "--help"], env=WIDE).stdout


def test_every_help_text_reads_as_written():
    """Each option's help, read as rich markup the way typer reads it, keeps every character
    but the escapes: a new help text with brackets must go through `cli.common.plain`."""
    for name, command in typer.main.get_command(app).commands.items():  # the group: one command each
        for param in command.params:
            written = getattr(param, "help", None) or ""
            assert Text.from_markup(written).plain == written.replace("\\[", "["), (name, param.name)


def test_an_error_line_names_a_file_with_brackets_whole(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "[draft]").mkdir()
    result = runner.invoke(app, ["analyze", "--no-store", "--format", "jsonl", "[draft]/a.txt"])
    assert result.exit_code == 1
    assert "error [draft]/a.txt: cannot read [draft]/a.txt: No such file or directory" in result.stderr
    assert json.loads(result.stdout)["origin"] == "[draft]/a.txt"


def test_a_one_line_error_keeps_its_brackets(runner, tmp_path):
    missing = tmp_path / "[old]" / "opslens.db"
    result = runner.invoke(app, ["list", "--db", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"opslens: error: no store at {missing}:")


def test_the_list_table_shows_stored_text_with_brackets(runner, tmp_path):
    db = f"sqlite:///{tmp_path / '[team]' / 'store.db'}"
    dump = tmp_path / "dump.jsonl"
    row = {
        "id": "[x]-1",
        "title": "[Exclusive] Talks in Doha",
        "outlet": "[wire]",
        "published": "2022-01-10",
        "text": "The two governments signed a trade agreement in Doha on Monday.\n",
    }
    dump.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(dump)]).exit_code == 0
    table = runner.invoke(app, ["list", "--format", "table", "--db", db], env=WIDE)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0] == f"1 article in {db}"  # the heading
    assert "[Exclusive] Talks in Doha" in table.stdout
    assert "[wire]" in table.stdout and "[x]-1" in table.stdout


def test_the_failed_inputs_table_shows_names_with_brackets(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    (tmp_path / "[draft]").mkdir()
    (tmp_path / "[draft]" / "empty.txt").write_text("", encoding="utf-8")
    runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, "[draft]/empty.txt"])
    table = runner.invoke(app, ["list", "--errors", "--format", "table", "--db", db], env=WIDE)
    assert table.exit_code == 0, table.output
    assert "[draft]/empty.txt" in table.stdout
