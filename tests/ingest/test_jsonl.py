"""JSONL: one article per line, ids echoed, a bad line is an error record in its place."""

from __future__ import annotations

import json

from opslens.contract import Article, ErrorRecord, Published

LINES = [
    {
        "id": "a1",
        "text": "Serbia and Kosovo agreed on Saturday to implement an EU-backed normalisation plan, "
        "the bloc's foreign policy chief said after talks in Ohrid.",
        "published": "2023-03-18",
        "title": "Serbia, Kosovo agree on EU plan",
        "outlet": "Balkan Desk",
        "author": "Ana Petrovic",
    },
    {
        "doc_id": 42,
        "text": "Kosovo Prime Minister Albin Kurti said the agreement was a de facto recognition.",
        "dct": "20230319",
    },
]


def write_jsonl(path, rows: list) -> None:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_lines_become_articles_with_their_ids(tmp_path, read):
    write_jsonl(tmp_path / "in.jsonl", LINES)
    first, second = read(tmp_path / "in.jsonl", published="2000-01-01")
    assert (first.id, first.title, first.outlet, first.byline) == (
        "a1",
        "Serbia, Kosovo agree on EU plan",
        "Balkan Desk",
        "Ana Petrovic",
    )
    assert first.published == Published(value="2023-03-18", precision="day", source="given", confidence=1.0)
    assert first.origin == f"{tmp_path / 'in.jsonl'}:1"
    assert second.id == "42"
    assert second.published == Published(value="2023-03-19", precision="day", source="given", confidence=1.0)
    assert second.title is None


def test_title_only_from_the_field(tmp_path, read):
    write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": "t", "text": "Ohrid talks\n\nSerbia and Kosovo agreed on Saturday to an EU plan."}],
    )
    [article] = read(tmp_path / "in.jsonl")
    assert article.title is None
    assert article.text == "Ohrid talks\n\nSerbia and Kosovo agreed on Saturday to an EU plan."


def test_bad_lines_in_place_neighbours_kept(tmp_path, read):
    rows = [
        LINES[0],
        '{"id": "b2", "text": "unterminated',
        "",
        '["not", "an", "object"]',
        {"id": "b5", "title": "No body"},
        {"id": "b6", "text": ["a", "list"]},
        {"id": "b7", "text": "   "},
        LINES[1],
    ]
    write_jsonl(tmp_path / "mixed.jsonl", rows)
    path = tmp_path / "mixed.jsonl"
    items = read(path)
    assert [i.id for i in items] == ["a1", "b2", f"{path}:4", "b5", "b6", "b7", "42"]
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ErrorRecord",
        "ErrorRecord",
        "ErrorRecord",
        "ErrorRecord",
        "ErrorRecord",
        "Article",
    ]
    assert items[1] == ErrorRecord(
        id="b2",
        error="line 2: invalid JSON (Unterminated string starting at column 22)",
        code="malformed",
        origin=f"{path}:2",
    )
    assert items[2].error == "line 4: expected a JSON object, got list"
    assert items[3].error == "line 5: no 'text' or 'html' field"
    assert items[4].error == "line 6: field 'text' must be a string, not list"
    assert (items[5].code, items[5].origin) == ("empty", f"{path}:7")
    assert items[6].origin == f"{path}:8"


def test_html_field(tmp_path, read):
    page = (
        "<html><head><title>Moldova expels diplomat</title></head><body><article><p>Moldova expelled a Russian "
        "diplomat on Wednesday over comments about the Transnistria region, the Foreign Ministry said.</p>"
        "</article></body></html>"
    )
    write_jsonl(tmp_path / "pages.jsonl", [{"id": "p1", "html": page}])
    [article] = read(tmp_path / "pages.jsonl")
    assert (article.id, article.title) == ("p1", "Moldova expels diplomat")
    assert article.text == (
        "Moldova expelled a Russian diplomat on Wednesday over comments about the Transnistria "
        "region, the Foreign Ministry said."
    )


def test_line_over_the_cap_is_skipped_alone(tmp_path, read):
    long_text = "Ships queued at the Bosphorus as Turkey checked insurance papers. " * 40
    write_jsonl(tmp_path / "big.jsonl", [LINES[0], {"id": "long", "text": long_text}, LINES[1]])
    first, long_line, last = read(tmp_path / "big.jsonl", max_bytes=1000)
    assert (first.id, last.id) == ("a1", "42")
    assert long_line == ErrorRecord(
        id=f"{tmp_path / 'big.jsonl'}:2",
        error="line 2 is over the size limit of 1,000 bytes (raise it with OPSLENS_MAX_BYTES)",
        code="too_large",
        origin=f"{tmp_path / 'big.jsonl'}:2",
    )


def test_invalid_utf8_line(tmp_path, read):
    path = tmp_path / "enc.jsonl"
    path.write_bytes(json.dumps(LINES[0]).encode() + b'\n{"id": "x", "text": "Br\xfcssel talks"}\n')
    first, bad = read(path)
    assert isinstance(first, Article)
    assert (bad.id, bad.code) == ("x", "encoding")
    assert bad.error == "line 2: not valid UTF-8 (bad byte at offset 23 of the line)"


def test_empty_jsonl(tmp_path, read):
    (tmp_path / "none.jsonl").write_text("\n\n  \n")
    [record] = read(tmp_path / "none.jsonl")
    assert record.code == "empty"
