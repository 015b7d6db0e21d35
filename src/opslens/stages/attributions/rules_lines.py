"""The rules' speaker lines and signed quotations: "PENCE: Well, …" in a transcript (with the
paragraphs of the same turn), "Sanders: Clinton needs …" in a headline, and "“I voted early.” ―
Ana Ruiz" signed after a dash.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from opslens.contract import Entity
from opslens.nlp import doc_text
from opslens.nlp.quotes import Quote
from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.found import Found

SPEAKER_LINE = re.compile(
    r"^[ \t]*(\S[^\n:\u2015\u2014\u2013]{0,40}?)[ \t]*([:\u2015\u2014\u2013])[ \t]+(\S[^\n]*?)[ \t]*$", re.M
)
OPENING_MARKS = ("\u201c", "\u201d", '"', "''")
PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
# a dash, then a name closing the line (spaces may be no-break ones; a full stop may end it)
SIGNATURE = re.compile(r"[^\S\n]*([\u2015\u2014\u2013])[^\S\n]*(\S[^\n]{1,60}?)[^\S\n]*\.?[^\S\n]*$", re.M)
NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


def speaker_lines(doc: Doc, entities: list[Entity]) -> list[Found]:
    """ "PENCE: Well, …" in a transcript, "Sanders: Clinton needs …" in a headline, "Ana Ruiz ―
    “I voted …”" in a round-up of readers' voices: a line that opens with a speaker's name and
    a colon (or a dash before a quotation) reports what follows."""
    starts = {m.start for e in entities if e.type in ("PERSON", "ORG") for m in e.mentions}
    people = {m.start for e in entities if e.type == "PERSON" for m in e.mentions}
    found = []
    for line in SPEAKER_LINE.finditer(doc_text(doc)):
        name, mark, said = line.group(1), line.group(2), line.group(3)
        if mark == ":" and not (line.start(1) in starts or (name.isupper() and len(name.split()) <= 3)):
            continue
        if mark != ":" and not (line.start(1) in people and said.startswith(OPENING_MARKS)):
            continue  # "MOSCOW — The ministry said …" is a dateline, not a speaker
        cue = doc.char_span(line.start(2), line.end(2))
        source = doc.char_span(line.start(1), line.end(1), alignment_mode="expand")
        if cue is None or source is None:
            continue
        f = Found(
            cue=Tokens(cue.start, cue.end),
            content=Chars(line.start(3), line.end(3)),
            source=Tokens(source.start, source.end),
            line=True,
        )
        f.more = _turn_goes_on(doc_text(doc), line) if line.group(0).lstrip()[:1] in OPENING_MARKS else []
        found.append(f)
    return found


def _turn_goes_on(text: str, line: re.Match) -> list[Chars]:
    """A transcript quoted paragraph by paragraph ("“PENCE: Well, …" then "“But the truth is …"):
    the paragraphs that open with a quote mark and name no new speaker are the same turn."""
    pieces = []
    for para in PARAGRAPH.finditer(text, line.end()):
        body = para.group(0).lstrip()
        if body[:1] not in OPENING_MARKS or SPEAKER_LINE.match(body[1:]):
            break
        start = para.start() + len(para.group(0)) - len(body) + 1
        end = para.end()
        while end > start and (text[end - 1].isspace() or text[end - 1] in OPENING_MARKS):
            end -= 1
        if end > start:
            pieces.append(Chars(start, end))
    return pieces


def signed_quotes(doc: Doc, entities: list[Entity], quotes: list[Quote]) -> list[Found]:
    """ "“I voted early.” ― Ana Ruiz": a quotation signed after a dash, as in a round-up of
    readers' voices or an epigraph, is the words of the person named."""
    people = {m.start for e in entities if e.type == "PERSON" for m in e.mentions}
    found = []
    for q in quotes:
        sign = SIGNATURE.match(doc_text(doc), q.end)
        if sign is None or not (sign.start(2) in people or _looks_like_name(sign.group(2))):
            continue
        cue = doc.char_span(sign.start(1), sign.end(1))
        source = doc.char_span(sign.start(2), sign.end(2), alignment_mode="expand")
        if cue is not None and source is not None:
            found.append(
                Found(
                    cue=Tokens(cue.start, cue.end),
                    content=Chars(_line_opening(doc_text(doc), q), q.end),
                    source=Tokens(source.start, source.end),
                    signed=True,
                )
            )
    return found


def _line_opening(text: str, q: Quote) -> int:
    """Where a signed quotation begins: at the opening mark that starts its line, when the marks
    inside pair up wrongly (a ‘quote’ within closed by ”, as readers type them)."""
    line = text.rfind("\n", 0, q.start) + 1
    lead = len(text[line : q.start]) - len(text[line : q.start].lstrip())
    start = line + lead
    if (
        start < q.start
        and text[start] in OPENING_MARKS
        and not SIGNATURE.search(text[start : q.start].split("\n")[0] + "\n")
    ):
        return start
    return q.start


def _looks_like_name(text: str) -> bool:
    """ "Rosa Villanueva", "Ana M. Cruz Ortega": two to five capitalised words (the NER misses
    many names standing alone on a signature line)."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(NAME_WORD.fullmatch(w) for w in words)
