"""read_inputs: folders, stdin, order, error records in place, count_hint."""

from __future__ import annotations

import io
import json
import shutil

import pytest

import opslens.ingest.clean as clean
from opslens.contract import Article, ErrorRecord
from opslens.errors import ConfigError
from opslens.ingest import count_hint, read_inputs
from tests.ingest.conftest import FIXTURES
from tests.support import SEED

LEAD = "Armenia and Azerbaijan exchanged fire on their border overnight, each side accusing the other of starting it.\n"


@pytest.fixture()
def tree(tmp_path):
    """b.txt, a/02.html, a/01.txt, a/notes.pdf, .hidden/x.txt, a/.draft.txt, c.jsonl (2 lines)."""
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text("Second headline\n\n" + LEAD)
    shutil.copy(FIXTURES / "broken.html", tmp_path / "a" / "02.html")
    (tmp_path / "a" / "01.txt").write_text(LEAD)
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "a" / ".draft.txt").write_text(LEAD)
    (tmp_path / ".hidden" / "x.txt").write_text(LEAD)
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": LEAD}) + "\n\n" + json.dumps({"id": "c2", "text": LEAD}) + "\n"
    )
    return tmp_path


def test_folder_recursive_sorted_hidden_skipped(tree, read):
    items = read(tree)
    assert [i.origin for i in items] == [
        str(tree / "a" / "01.txt"),
        str(tree / "a" / "02.html"),
        str(tree / "b.txt"),
        f"{tree / 'c.jsonl'}:1",
        f"{tree / 'c.jsonl'}:3",
    ]
    assert all(isinstance(i, Article) for i in items)
    assert items[2].title == "Second headline"


def test_count_hint(tree):
    assert count_hint([str(tree)]) == 5
    assert count_hint([str(tree / "b.txt"), str(tree / "c.jsonl"), str(tree / "missing.txt")]) == 4
    assert count_hint([str(tree), "-"]) is None
    assert count_hint(["https://news.example/feed.xml"]) is None


def test_empty_folder_is_one_record(tmp_path, read):
    (tmp_path / "README").write_text("nothing here")
    [record] = read(tmp_path)
    assert record.code == "empty" and record.error.startswith("no article files (.atom .htm .html")


def test_unreadable_paths_in_place(tmp_path, read):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    missing, dangling, seed = read(tmp_path / "missing.txt", tmp_path / "dangling.txt", SEED)
    assert missing == ErrorRecord(
        id=str(tmp_path / "missing.txt"),
        error=f"cannot read {tmp_path / 'missing.txt'}: No such file or directory",
        code="unreadable",
        origin=str(tmp_path / "missing.txt"),
    )
    assert dangling.code == "unreadable"
    assert isinstance(seed, Article)


@pytest.mark.parametrize(
    ("data", "check"),
    [
        (SEED.read_bytes(), lambda items: items[0].credits == ["AFP", "Reuters", "TASS"]),
        (
            (FIXTURES / "rss.xml").read_bytes(),
            lambda items: [i.origin for i in items] == [f"<stdin>#entry{n}" for n in (1, 2, 3)],
        ),
        ((FIXTURES / "broken.html").read_bytes(), lambda items: items[0].title == "Georgia protests enter third night"),
        (
            json.dumps({"id": "s1", "text": LEAD}).encode() + b"\n",
            lambda items: [(i.id, i.origin) for i in items] == [("s1", "<stdin>:1")],
        ),
    ],
)
def test_stdin_is_sniffed(read, data, check):
    assert check(read("-", stdin=io.BytesIO(data)))


def test_stdin_missing_or_too_large(read):
    [none] = read("-")
    assert (none.id, none.code) == ("<stdin>", "unreadable")
    [big] = read("-", stdin=io.BytesIO(LEAD.encode() * 100), max_bytes=500)
    assert big.code == "too_large"


def test_order_kept_across_kinds_and_failures(tree, read):
    (tree / "bad.txt").write_bytes(b"Talks at the Caf\xe9 Central resumed.")
    items = read(tree / "b.txt", tree / "bad.txt", FIXTURES / "atom.xml", tree / "c.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "ErrorRecord", "Article", "Article", "Article"]
    assert items[1].code == "encoding"


def test_unexpected_exception_is_an_internal_record(read, monkeypatch):
    def boom(text):
        raise RuntimeError("credit parser exploded")

    monkeypatch.setattr(clean, "parse_credits", boom)
    record, article = read(SEED, FIXTURES / "empty-body.html")
    assert record == ErrorRecord(
        id=str(SEED),
        error="internal error: RuntimeError: credit parser exploded",
        code="internal",
        origin=str(SEED),
    )
    assert article.code == "no_text"


def test_unreadable_default_date_stops_the_batch(options):
    with pytest.raises(ConfigError):
        next(read_inputs([str(SEED)], options.model_copy(update={"published": "someday"})))
