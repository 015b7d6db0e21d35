"""RSS and Atom: every entry an article, in feed order; entries without text are error records."""

from __future__ import annotations

from opslens.contract import Article, ErrorRecord, Published
from tests.ingest.conftest import FIXTURES


def test_rss_entries(read):
    first, second, third = read(FIXTURES / "rss.xml")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "bw-2023-0314-001"
    assert first.url == "https://baltic-wire.example/2023/03/14/estonia-expels-diplomat"
    assert first.title == "Estonia expels Russian diplomat over espionage"
    assert first.outlet == "Baltic Wire"
    assert first.byline == "Kadri Tamm"
    assert first.published == Published(value="2023-03-14T09:30", precision="minute", source="metadata", confidence=0.8)
    assert first.origin == f"{FIXTURES / 'rss.xml'}#entry1"
    assert first.text == (
        "TALLINN (BNS) - Estonia on Tuesday ordered a Russian diplomat to leave the country within 48 hours, "
        'the Foreign Ministry said.\n\nThe ministry said the diplomat had "engaged in activities incompatible '
        "with his status\" and summoned the Russian charge d'affaires."
    )
    assert (first.credits, first.dateline) == (["BNS"], "Tallinn")
    assert second.id == second.url == "https://baltic-wire.example/2023/03/15/latvia-conscription"  # no guid: the link
    assert second.text.startswith("Latvia's parliament voted on Wednesday")
    assert third == ErrorRecord(
        id="https://baltic-wire.example/2023/03/16/gallery",
        error="the feed entry has no text (no content or summary)",
        code="no_text",
        origin=f"{FIXTURES / 'rss.xml'}#entry3",
    )


def test_atom_entry(read):
    [entry] = read(FIXTURES / "atom.xml")
    assert entry.id == "tag:sahel-monitor.example,2023:niger-airspace"
    assert entry.url == "https://sahel-monitor.example/niger-airspace"
    assert (entry.outlet, entry.byline, entry.title) == (
        "Sahel Monitor",
        "Aminata Diallo",
        "Niger junta closes airspace",
    )
    # the published date as written, in its own time zone (23:40 on the 6th, not 22:40 UTC)
    assert entry.published.value == "2023-08-06T23:40"
    assert entry.text == (
        "Niger's military rulers closed the country's airspace on Sunday, citing the threat of an intervention "
        "by West African states.\n\nECOWAS had given the junta until Sunday to reinstate President Mohamed Bazoum."
    )


def test_feed_by_content_under_another_name(tmp_path, read):
    (tmp_path / "notes.dat").write_bytes((FIXTURES / "atom.xml").read_bytes())
    assert read(tmp_path / "notes.dat")[0].title == "Niger junta closes airspace"


def test_unparseable_feed_is_one_record(tmp_path, read):
    (tmp_path / "cut.rss").write_text('<rss version="2.0"><channel><title>Oops</title', encoding="utf-8")
    (tmp_path / "half.rss").write_text("<rss><channel><title>Oops</title><item><title>Half", encoding="utf-8")
    (tmp_path / "empty.atom").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>')
    cut, half, empty = read(tmp_path / "cut.rss", tmp_path / "half.rss", tmp_path / "empty.atom")
    assert cut.code == "malformed"
    assert cut.error.startswith("cannot parse the feed: ") and cut.error.endswith("unclosed token")
    assert (half.code, half.origin) == ("no_text", f"{tmp_path / 'half.rss'}#entry1")  # what could be parsed is kept
    assert (empty.code, empty.error) == ("empty", "the feed has no entries")
