"""Where an article quotes someone's own words: the character spans of its quotations.

Curly quotes pair by direction (a closing mark that begins a paragraph's first word stands for an
opening one); straight double quotes pair in order. A quotation that is still
open when its paragraph ends and whose next paragraph opens with a quote mark goes on (the news
convention for quotes longer than a paragraph); one that never closes ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, STRAIGHT = "\u201c", "\u201d", '"'
# quote marks as the tokeniser gives them: curly, straight, and the typewriter pairs '' and ``
QUOTE_MARKS = frozenset({OPEN, CLOSE, STRAIGHT, "''", "``"})
CLOSING_MARKS = frozenset({CLOSE, STRAIGHT, "''"})  # a mark that may end a quotation
_MARK = re.compile(r"[\u201c\u201d\"]|''")  # '' is the typewriter double quote some papers use
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end when it never closes)

    def words(self, text: str) -> int:
        return len(_WORD.findall(text, self.start, self.end))

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    opened: int | None = None  # where the open quotation began
    paragraphs = list(_paragraphs(text))
    for n, (p_start, p_end) in enumerate(paragraphs):
        skip, inner_end = None, -1
        if opened is not None:  # carried over from the previous paragraph
            first = _first_mark(text, p_start, p_end)
            skip = first
        for m in _MARK.finditer(text, p_start, p_end):
            ch, at = m.group()[0], m.start()
            if at == skip or at < inner_end:
                continue
            if opened is not None and ch == OPEN and text[opened] == STRAIGHT and (inner := _nested(text, at, p_end)):
                inner_end = inner  # a curly quotation inside a straight one: its marks are the inner quote's
                continue
            if opened is None:
                if ch != CLOSE or _typed_for_open(text, p_start, at):
                    opened = at
            elif ch != OPEN:
                quotes.append(Quote(opened, m.end()))
                opened = None
            else:  # an opening mark inside an open quote: the earlier one never closed
                quotes.append(Quote(opened, _rstrip(text, opened, at)))
                opened = at
        if opened is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is None or _first_mark(text, *nxt) is None:
                quotes.append(Quote(opened, _rstrip(text, opened, p_end)))
                opened = None
    return quotes


def _nested(text: str, at: int, p_end: int) -> int | None:
    """Where a curly quotation opened at `at` inside a straight one ends, when the straight one
    closes after it in the same paragraph ("…the question: “Do you trust the council?” Sixty percent said no."):
    typists who open with a straight mark quote within it in curly ones."""
    close = text.find(CLOSE, at, p_end)
    if close < 0 or text.find(OPEN, at + 1, close) >= 0 or text.find(STRAIGHT, at, close) >= 0:
        return None
    return close + 1 if text.find(STRAIGHT, close, p_end) >= 0 else None


def _paragraphs(text: str):
    """Non-blank lines as (start, end)."""
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        yield m.start(), m.end()


def _typed_for_open(text: str, p_start: int, at: int) -> bool:
    """A closing mark that opens its paragraph before a word (”Mr. Trump …”, ” … what I
    learned …”) is an opening mark typed the wrong way round."""
    if text[p_start:at].strip():
        return False
    rest = text[at + 1 : at + 8].lstrip(" \u00a0")
    return bool(rest) and (rest[0].isalnum() or rest[0] in "\u2026\u2018'(" or rest.startswith("..."))


def _first_mark(text: str, start: int, end: int) -> int | None:
    """The opening mark a paragraph starts with, if any."""
    stripped = len(text[start:end]) - len(text[start:end].lstrip())
    at = start + stripped
    return at if at < end and (text[at] in (OPEN, STRAIGHT) or text.startswith("''", at)) else None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
