"""Reading bytes: size cap, empty, binary, encodings, newlines, format sniffing."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from opslens.contract import Article, ErrorRecord
from opslens.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError
from opslens.ingest import text

LEAD = (
    "Kenyan police fired tear gas at protesters in Nairobi on Tuesday as demonstrations over tax rises spread to "
    "a dozen towns.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def test_empty_file_is_an_error_record(tmp_path, read):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    empty, blank = read(tmp_path / "empty.txt", tmp_path / "blank.txt")
    assert (empty.code, empty.error) == ("empty", "input is empty")
    assert (blank.code, blank.error) == ("empty", "input contains only whitespace")


def test_png_bytes_are_binary(tmp_path, read):
    (tmp_path / "photo.txt").write_bytes(PNG)
    [record] = read(tmp_path / "photo.txt")
    assert record == ErrorRecord(
        id=str(tmp_path / "photo.txt"),
        error="input looks like a PNG image, not text",
        code="binary",
        origin=str(tmp_path / "photo.txt"),
    )


def test_nul_bytes_are_binary():
    with pytest.raises(BinaryInputError, match="NUL bytes"):
        text.decode_text(b"Talks resumed in Doha.\x00\x01\x02")


def test_invalid_utf8_names_the_offset(tmp_path, read):
    (tmp_path / "latin1.txt").write_bytes(
        b"Talks resumed in Doha on Sunday, said the ministry in Br" + "ü".encode("latin-1") + b"ssel."
    )
    [record] = read(tmp_path / "latin1.txt")
    assert record.code == "encoding"
    assert record.error == (
        "input is not valid UTF-8: byte 0xfc at offset 56 cannot be decoded (convert the file to UTF-8)"
    )


def test_bom_and_crlf_are_normalised():
    assert text.decode_text(b"\xef\xbb\xbfLine one.\r\nLine two.\rLine three.") == "Line one.\nLine two.\nLine three."


def test_utf16_with_bom_is_decoded():
    data = "\ufeffThe ceasefire held overnight in Gaza.".encode("utf-16-le")
    assert text.decode_text(data) == "The ceasefire held overnight in Gaza."


def test_file_over_the_cap_is_refused_without_reading_it(tmp_path, read, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(LEAD.encode() * 2000)  # 246,000 bytes
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    [record] = read(big, max_bytes=1000)
    assert record.code == "too_large"
    assert (
        record.error
        == "the file (246,000 bytes) is over the size limit of 1,000 bytes (raise it with OPSLENS_MAX_BYTES)"
    )
    assert opened == []  # the size on disk decided: the file was not even opened


def test_file_growing_past_the_cap_is_cut_at_one_byte_more(tmp_path, monkeypatch):
    """A file whose size on disk says nothing (a pipe, /proc) is read up to the cap plus one byte."""
    big = tmp_path / "pipe.txt"
    big.write_bytes(LEAD.encode() * 2000)
    monkeypatch.setattr(Path, "stat", lambda self, **k: os.stat_result((0o100644, 0, 0, 1, 0, 0, 0, 0, 0, 0)))
    streams = []
    real_open = Path.open

    def tracking_open(self, *args, **kwargs):
        streams.append(real_open(self, *args, **kwargs))
        return streams[-1]

    monkeypatch.setattr(Path, "open", tracking_open)
    with pytest.raises(InputTooLargeError, match="the input is over the size limit of 1,000 bytes"):
        text.read_path(big, 1000)
    assert streams[0].closed


def test_stream_over_the_cap_reads_one_byte_more_at_most():
    stream = io.BytesIO(LEAD.encode() * 2000)
    with pytest.raises(InputTooLargeError, match="the input is over the size limit of 1,000 bytes"):
        text.read_limited(stream, 1000)
    assert stream.tell() == 1001


def test_whitespace_after_decoding_is_empty():
    with pytest.raises(EmptyInputError):
        text.decode_text("\ufeff  \n".encode("utf-8"))


def test_encoding_error_is_an_input_error():
    with pytest.raises(EncodingError, match="offset 3"):
        text.decode_text(b"abc\xff")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "feed"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        (b"  <HTML><body>text</body></HTML>", "html"),
        (b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', "jsonl"),
        (b'{"id": "a", "text": "One."}\nnot json\n{"id": "c", "text": "Three."}\n', "jsonl"),
        (b"{braces} open this plain text.\nSecond line.", "text"),
        (b"Plain news text about <rss feeds> in a sentence.", "text"),
    ],
)
def test_sniff(data, kind):
    assert text.sniff(data) == kind


def test_plain_text_file_becomes_an_article(tmp_path, read):
    (tmp_path / "lead.text").write_text(LEAD)
    [article] = read(tmp_path / "lead.text")
    assert isinstance(article, Article)
    assert article.text == LEAD.strip()
    assert article.title is None  # one paragraph only: nothing follows a would-be title
