"""Live blogs: one article, many developments, newest first under clock-time stamps.

Wire services and papers run the day's coverage of a race, a war or a summit as one page
("The Latest on the U.S. presidential race (all times EDT): ¶ 7 p.m. ¶ … ¶ ___ ¶ 6:05 p.m. ¶ …").
The headline names the newest entry only; the older entries, each a development of its own,
would tie the page to every story of the day. So a story sees a live blog as its first entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# a paragraph that is only a clock time: "7 p.m.", "6:05 p.m.", "11:30 a.m. EDT", "14:30 GMT"
STAMP = re.compile(
    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?|\d{1,2}:\d\d)(?:\s*\(?[A-Z]{2,4}\)?)?\.?",
    re.IGNORECASE,
)
RULE = re.compile(r"[_*=~—–-][\s_*=~—–.-]{2,}")  # "___", "* * *", "---": a line between entries
MIN_STAMPS = 2  # one stamp may be an aside; two entries make a live blog


@dataclass(frozen=True)
class Entry:
    """The character span of a live blog's first entry (from its stamp to the next entry)."""

    start: int
    end: int


def first_entry(text: str) -> Entry | None:
    """The newest entry of a live blog, or None when the text is not one."""
    paragraphs = list(_paragraphs(text))
    stamps = [i for i, (_s, _e, p) in enumerate(paragraphs) if STAMP.fullmatch(p)]
    if len(stamps) < MIN_STAMPS:
        return None
    first = stamps[0]
    end = paragraphs[stamps[1]][0]
    for start, _end, para in paragraphs[first + 1 : stamps[1]]:
        if RULE.fullmatch(para):
            end = start
            break
    body = paragraphs[first + 1][0] if first + 1 < len(paragraphs) else paragraphs[first][1]
    return Entry(start=body, end=max(body, end))


def _paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped text) of each non-empty paragraph (blank-line separated)."""
    for m in re.finditer(r"(?:(?!\n\s*\n).)+", text, re.DOTALL):
        para = m.group().strip()
        if para:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            yield start, start + len(para), para
