"""The attribution records: each report of the article's own, with the reports its content
holds embedded in it (cut short of the holder's cue and source), its cue, source and content as
spans of the text, and its speaker and chain.
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.contract import Attribution, Passage, Span
from opslens.nlp import doc_text
from opslens.nlp.spans import Chars
from opslens.stages.attributions.found import Found, chars_of


def nested(doc: Doc, found: list[Found]) -> list[Attribution]:
    """The article's own reports, each with the reports its content holds embedded in it."""
    holder = _holders(doc, found)
    records: dict[int, Attribution] = {}
    for f in found:
        if id(f) not in holder:
            records[id(f)] = _record(doc, f"a{len(records) + 1}", f)
    for f in found:
        if id(f) in holder:
            _short_of(doc, f, holder[id(f)])
            outer = records[id(holder[id(f)])]
            outer.embedded.append(_record(doc, f"{outer.id}.{len(outer.embedded) + 1}", f))
    return list(records.values())


def _record(doc: Doc, aid: str, f: Found) -> Attribution:
    """The record of one report, by the id it is given."""
    return Attribution(
        id=aid,
        cue=_span(doc_text(doc), *(f.cue_chars or chars_of(doc, f.cue))),
        source=_span(doc_text(doc), *f.source_chars) if f.source_chars else None,
        content=_passage(doc_text(doc), f.content, f.more),
        direct=f.direct,
        speaker=f.speaker,
        anonymous=f.anonymous,
        chain=f.links,
        reports=not f.act,
    )


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _passage(text: str, first: Chars, more: list[Chars]) -> Passage:
    """A content's words: one span, with its fragments when it is in pieces."""
    pieces: list[list[int]] = []
    for s, e in sorted([first, *more]):  # pieces found by two rules may overlap: one piece
        if pieces and s <= pieces[-1][1]:
            pieces[-1][1] = max(pieces[-1][1], e)
        else:
            pieces.append([s, e])
    start, end = pieces[0][0], pieces[-1][1]
    if len(pieces) == 1:
        return Passage(start=start, end=end, text=text[start:end])
    return Passage(start=start, end=end, text=text[start:end], fragments=pieces)


def _short_of(doc: Doc, f: Found, holder: Found) -> None:
    """ "A source said the drone came from Lebanon, Xinhua reported": an embedded report's
    content ends before the cue or source of the report that holds it."""
    cue = f.cue_chars or chars_of(doc, f.cue)
    marks = [m for m in (holder.cue_chars or chars_of(doc, holder.cue), holder.source_chars) if m and m[0] >= cue[1]]
    text = doc_text(doc)
    pieces = []
    for start, end in (f.content, *f.more):
        for m in marks:
            if start < m[0] < end:
                end = m[0]
                while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
                    end -= 1
        if end > start:
            pieces.append(Chars(start, end))
    if pieces:
        f.content, f.more = pieces[0], pieces[1:]


def _holders(doc: Doc, found: list[Found]) -> dict[int, Found]:
    """For each report whose cue stands inside another's content ("X said that Y accused Z of
    lying"), the narrowest report of the article's own that holds it: such a report is part of
    those words, not a sourcing of the article's own (PolNeAR marks none among its 22,022
    attributions, train and dev alike)."""
    kept: list[tuple[Found, tuple[Chars, ...]]] = []  # with their content's pieces, made once
    holder: dict[int, Found] = {}
    for f in sorted(found, key=_extent, reverse=True):  # the widest first: two that hold each other's cue keep one
        cue = f.cue_chars or chars_of(doc, f.cue)
        holding = [g for g, pieces in kept if any(s <= cue[0] and cue[1] <= e for s, e in pieces)]  # cue in a piece
        if holding:
            holder[id(f)] = min(holding, key=_extent)
        else:
            kept.append((f, (f.content, *f.more)))
    return holder


def _extent(f: Found) -> int:
    """How many characters a content's pieces hold."""
    return sum(e - s for s, e in (f.content, *f.more))
