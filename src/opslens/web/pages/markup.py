"""An article's text as HTML with its facts marked at their evidence spans.

Spans nest (an entity inside an event inside a quotation) or cross (an event's evidence that starts
inside one quotation and ends after it). Both come out as well-formed HTML: marks are opened
longest first, and a mark that must close while marks opened after it are still open closes them,
then reopens them, so that a crossing mark is split into pieces that each nest. Every piece of
text between two boundaries is escaped on its own: no article text ever reaches the page raw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    fact: str  # the fact's key in the page's data block
    kind: str  # its CSS class: entity, event, time, place, attribution; quote, evidence (the wider span)


def marked_up(text: str, marks: Iterable[Mark]) -> Markup:
    """The text as HTML: each mark a <span class="fact fact-KIND" data-fact="KEY">; spans that
    fall outside the text or are empty are left out."""
    ordered = sorted(
        {m for m in marks if 0 <= m.start < m.end <= len(text)}, key=lambda m: (m.start, -m.end, m.kind, m.fact)
    )
    cuts = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    html: list[str] = []
    stack: list[Mark] = []  # the open marks, outermost first
    waiting = 0  # index of the first mark not opened yet
    for here, after in zip(cuts, [*cuts[1:], len(text)]):
        _close(stack, here, html)
        while waiting < len(ordered) and ordered[waiting].start == here:
            stack.append(ordered[waiting])
            html.append(_open(ordered[waiting]))
            waiting += 1
        html.append(str(escape(text[here:after])))
    _close(stack, len(text) + 1, html)
    return Markup("".join(html))


def _close(stack: list[Mark], here: int, html: list[str]) -> None:
    """Close the marks that end at `here`; the marks opened inside them close too and reopen."""
    lowest = next((i for i, m in enumerate(stack) if m.end <= here), None)
    if lowest is None:
        return
    above = stack[lowest:]
    html.append("</span>" * len(above))
    del stack[lowest:]
    for mark in above:
        if mark.end > here:
            stack.append(mark)
            html.append(_open(mark))


def _open(mark: Mark) -> str:
    return f'<span class="fact fact-{escape(mark.kind)}" data-fact="{escape(mark.fact)}" tabindex="0">'
