"""`opslens export`: formats to a file or standard output, the shared filters, briefs, and errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.export.briefs import article_brief
from opslens.link import update
from opslens.store import Store
from tests.export.samples import BLINKEN, LAVROV, SCRIPT, hand_built
from tests.link.samples import Told, analysis

RECALL = "Sergei Lavrov had accused Antony Blinken of lying in 2021"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export-cli') / 'store.db'}"
    recalled = analysis(
        f"{RECALL}.\n",
        Told(RECALL, "accused", "ACCUSE", "112", LAVROV, BLINKEN, "asserted", "2021-06-01", background=True),
        outlet="Example Times",
        day="2022-02-13",
    )
    with Store(url) as store:
        for a in [*hand_built(), recalled]:
            store.save(a, analyzer_version="test")
        update(store)
    return url


def run(db: str, *args: str):
    return CliRunner().invoke(app, ["export", *args, "--db", db])


def test_gdelt_to_a_file_with_filters(db, tmp_path):
    target = tmp_path / "events.tsv"
    done = run(db, "gdelt", "--dyad", "RUS,USA", "--no-background", "-o", str(target))
    assert done.exit_code == 0, done.output
    [row] = [line.split("\t") for line in target.read_text().splitlines()]
    assert len(row) == 61 and (row[5], row[15], row[1]) == ("RUSGOV", "USAGOV", "20220212")
    assert "1 record (gdelt) written to" in done.output
    assert not list(tmp_path.glob("*.part"))
    background = run(db, "gdelt", "--background", "-o", "-")
    assert [line.split("\t")[1] for line in background.output.splitlines()] == ["20210601"]


def test_jsonl_to_standard_output(db):
    done = run(db, "jsonl", "--since", "2022-02-10", "--until", "2022-02-10", "-o", "-")
    assert done.exit_code == 0, done.output
    outlets = [json.loads(line)["article"]["outlet"] for line in done.output.splitlines()]
    assert outlets == ["Example Post", "Daily Example"]  # the meeting's two reports, oldest article first


def test_briefs_of_an_article_and_a_story(db):
    done = run(db, "md", "--article", "example-post-82442b", "-o", "-")
    with Store(db, create=False) as store:
        assert done.exit_code == 0 and done.output == article_brief(store, "example-post-82442b", "md")
    page = run(db, "html", "--article", "example-herald-916722", "-o", "-").output
    assert "<script" not in page.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and SCRIPT not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["md", "-o", "-"], "the md brief is of one article or one story"),
        (["csv", "-o", "-"], "unknown export format 'csv'"),
        (["gdelt", "--article", "1", "-o", "-"], "--article is for the md and html briefs"),
        (["gdelt", "--since", "last week", "-o", "-"], "--since takes a date"),
        (["gdelt", "--dyad", "GBR", "-o", "-"], "--dyad takes two actor codes"),
        (["md", "--article", "nope", "-o", "-"], "no stored article matches 'nope'"),
        (["gdelt", "-o", "/nonexistent/dir/x.tsv"], "cannot write /nonexistent/dir/x.tsv"),
    ],
)
def test_errors_are_one_line(db, args, message):
    done = run(db, *args)
    assert done.exit_code == 2 and message in done.output and len(done.output.strip().splitlines()) <= 2
