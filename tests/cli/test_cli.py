"""The CLI end to end: analyze a mixed batch, errors in place, the store, list/show/schema."""

from __future__ import annotations

import json
import subprocess
import sys
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
NARROW = {"COLUMNS": "60"}  # narrower than the store's path: the heading must still hold it whole
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
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and len(docs) == 1  # an array even for one input
    doc = docs[0]
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
    result = runner.invoke(
        app, ["analyze", "--format", "jsonl", "--db", db, str(good), str(french), str(empty), str(missing), str(good)]
    )
    assert result.exit_code == 1
    out = lines(result.stdout)
    assert len(out) == 5
    assert [o.get("schema") for o in out] == ["opslens.analysis/1"] * 2 + [None] * 2 + ["opslens.analysis/1"]
    assert [o.get("code") for o in out[2:4]] == ["empty", "unreadable"]
    assert (out[1]["article"]["language"], out[1]["skipped"]["reason"]) == ("fr", "language")  # kept, not an error
    stoltenberg = next(e for e in out[0]["entities"] if e["name"] == "Jens Stoltenberg")
    assert stoltenberg["actor_code"] == "IGOWSTNAT"
    # the good article was stored once (same text, upserted), the French one too; the two failures were recorded
    listing = runner.invoke(app, ["list", "--format", "table", "--db", db], env=NARROW)
    assert listing.stdout.splitlines()[0] == f"2 articles in {db}"
    errors = runner.invoke(app, ["list", "--errors", "--format", "jsonl", "--db", db])
    assert [e["code"] for e in lines(errors.stdout)] == ["unreadable", "empty"]
    assert result.stderr.splitlines()[-1] == "2 of 5 inputs failed; the others were analysed and stored"


NOT_ANALYZED = "Not analysed: French (fr): OpsLens analyses English only; the text is stored"


def test_a_non_english_article_is_stored_not_analyzed_and_not_a_failure(runner, db, tmp_path):
    french = tmp_path / "french.txt"
    french.write_text(FRENCH, encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--format", "json", "--db", db, str(french)])
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.stdout)
    assert doc["skipped"] == {
        "reason": "language",
        "language": "fr",
        "note": "French (fr): OpsLens analyses English only; the text is stored",
    }
    assert (doc["entities"], doc["events"], doc["pipeline"]["stages"]) == ([], [], [])
    assert doc["article"]["text"] == FRENCH.strip()
    shown = runner.invoke(app, ["show", doc["article"]["sha256"][:12], "--format", "json", "--db", db])
    assert json.loads(shown.stdout)["skipped"] == doc["skipped"]
    brief = runner.invoke(app, ["analyze", "--format", "brief", "--no-store", str(french)])
    assert brief.exit_code == 0 and NOT_ANALYZED in " ".join(brief.stdout.replace("│", " ").split())
    assert "Key developments" not in brief.stdout
    md = runner.invoke(app, ["analyze", "--format", "md", "--no-store", str(french)])
    assert md.stdout.endswith(f"\n\n**{NOT_ANALYZED.replace(':', ':**', 1)}\n")
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
    assert (
        again.stderr == "1 article already analysed by this version came from the store (--force analyses them again)\n"
    )
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


def test_json_is_one_array_whatever_the_number_of_inputs(runner, db, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    two = runner.invoke(app, ["analyze", "--format", "json", "--no-store", str(good), str(empty)])
    docs = json.loads(two.stdout)
    assert [d.get("schema") or d.get("code") for d in docs] == ["opslens.analysis/1", "empty"]
    one = runner.invoke(app, ["analyze", "--format", "json", "--no-store", str(empty)])
    assert [d["code"] for d in json.loads(one.stdout)] == ["empty"]
    assert one.stderr.splitlines()[-1] == "1 of 1 input failed"


def test_list_filters_and_jsonl(runner, db, tmp_path):
    feed = tmp_path / "dump.jsonl"
    rows = [
        {"id": "a", "text": ENGLISH, "published": "2022-01-10", "outlet": "Reuters"},
        {
            "id": "b",
            "text": "Rebels attacked a police station in the north, officials said.\n",
            "published": "2022-03-02",
            "outlet": "Kyiv Independent",
        },
        {"id": "c", "text": "Protesters marched through the capital on Saturday.\n", "published": "2021-12-30"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(feed)]).exit_code == 0

    def listed(*args: str) -> list[str]:
        result = runner.invoke(app, ["list", "--format", "jsonl", "--db", db, *args])
        assert result.exit_code == 0, result.output
        return sorted(r["article_id"] for r in lines(result.stdout))

    assert listed() == ["a", "b", "c"]
    assert listed("--since", "2022-01-01") == ["a", "b"]
    assert listed("--since", "2022-02") == ["b"]
    assert listed("--outlet", "REUTERS") == ["a"]
    assert listed("--outlet", "kyiv", "--since", "2022") == ["b"]
    table = runner.invoke(app, ["list", "--format", "table", "--since", "2022", "--limit", "1", "--db", db], env=NARROW)
    assert table.stdout.splitlines()[0] == f"1 of 2 articles published since 2022 in {db}"
    bad = runner.invoke(app, ["list", "--since", "last week", "--db", db])
    assert bad.exit_code == 2
    assert "--since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not 'last week'" in bad.stderr


def test_short_help_and_version(runner):
    for args in (["-h"], ["--help"], ["analyze", "-h"], ["list", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, args
        assert ("Usage:" in result.stdout and "Example:" in result.stdout) or args in (["-h"], ["--help"])
    assert runner.invoke(app, ["--version"]).stdout == "opslens 0.1.0\n"


def test_help_and_version_import_no_analysis_or_store_library():
    code = (
        "import sys; from opslens.cli.main import app; "
        "print(sorted(m for m in ('spacy', 'sqlalchemy', 'pydantic', 'trafilatura', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_a_bad_config_file_is_named(runner, tmp_path, monkeypatch):
    config = tmp_path / "opslens.toml"
    config.write_text('max_bytes = "lots"\n', encoding="utf-8")
    monkeypatch.setenv("OPSLENS_CONFIG", str(config))
    monkeypatch.delenv("OPSLENS_MAX_BYTES", raising=False)
    result = runner.invoke(app, ["list", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"opslens: error: bad setting 'max_bytes' in the config file {config}: Input should be "
        "a valid integer, unable to parse string as an integer (got 'lots')\n"
    )
    config.write_text("max_bytes = \n", encoding="utf-8")
    result = runner.invoke(app, ["list", "--db", str(tmp_path / "x.db")])
    assert (
        result.stderr == f"opslens: error: cannot read the config file {config}: Invalid value (at line 1, column 13)\n"
    )


def test_a_folder_run_says_which_files_it_skipped(runner, tmp_path):
    folder = tmp_path / "articles"
    (folder / "photos").mkdir(parents=True)
    (folder / "visit.txt").write_text(ENGLISH, encoding="utf-8")
    for name in ("photos/kyiv.png", "photos/geneva.png", "notes.docx", ".DS_Store"):
        (folder / name).write_bytes(b"\x89PNG")
    result = runner.invoke(app, ["analyze", "--format", "jsonl", "--no-store", str(folder)])
    assert result.exit_code == 0
    assert len(lines(result.stdout)) == 1
    assert result.stderr == (
        "skipped 3 files in folders that are not article files (.png 2, .docx 1); article "
        "files end in .atom .htm .html .jsonl .md .ndjson .rss .text .txt .xhtml .xml\n"
    )


FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Prut Monitor</title><item>'
    "<title>Curfew extended</title><link>http://127.0.0.1:9/curfew</link><guid>pm-7</guid>"
    "<description>Romania extended the curfew in two border towns on Tuesday.</description></item></channel></rss>"
)
REFUSED = (
    "The link http://127.0.0.1:9/curfew could not be used: refusing to fetch http://127.0.0.1:9/curfew "
    "(resolves to 127.0.0.1, a loopback address); pass --allow-private to allow. "
    "Analysed the feed entry's summary instead."
)


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
    assert (
        kept["article"]["text"]
        == followed["article"]["text"]
        == "Romania extended the curfew in two border towns on Tuesday."
    )


def test_a_failing_stage_is_reported_and_the_rest_stored(runner, db, tmp_path, monkeypatch):
    from opslens.pipeline import analyzer as pipeline

    def explode(doc, analysis):
        raise ValueError("max() arg is an empty sequence")

    monkeypatch.setattr(
        pipeline,
        "STAGES",
        tuple(pipeline.Stage("times", explode, s.needs) if s.name == "times" else s for s in pipeline.STAGES),
    )
    path = tmp_path / "visit.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--format", "jsonl", "--db", db, str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        "1 analysis incomplete: a stage failed on it (pipeline.failed names it; please report "
        "it); what the other stages found was stored\n"
    )
    [doc] = lines(result.stdout)
    assert doc["pipeline"]["failed"] == [{"stage": "times", "error": "ValueError: max() arg is an empty sequence"}]
    assert doc["times"] == [] and doc["entities"]
