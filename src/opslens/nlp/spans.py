"""Ranges in a parsed document, typed by what they count: `Tokens` (token indices) and `Chars`
(character offsets of the text), both with the end excluded.

They are tuples, so `start, end = r`, `r[0]` and `doc[slice(*r)]` work as before; the type says
which of the two a range is, and mypy holds apart a function that takes one from the other.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar


class Tokens(NamedTuple):
    """Token indices of a document, `doc[start:end]`."""

    start: int
    end: int


class Chars(NamedTuple):
    """Character offsets of a document's text, `text[start:end]`."""

    start: int
    end: int


Range = TypeVar("Range", Tokens, Chars)


def overlaps(a: Range, b: Range) -> bool:
    """Whether two ranges of the same kind share a position."""
    return a[0] < b[1] and b[0] < a[1]
