"""Times stage: temporal expressions normalised to TIMEX3 values against the article date.

Steps: recognise the expressions (timex_find.py, checked by timex_guard.py); infer the article
date from them when the input gave none (article_date.py); then normalise each in text order
(timex_value.py), with the tense of its clause (clause_tense.py) and the last date spoken of,
which "a year earlier" and "the following day" count from.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from opslens.analyze import article_date, timex_find
from opslens.analyze.clause_tense import tense_at
from opslens.analyze.timex_guard import accept
from opslens.analyze.timex_value import Context, Value, normalise
from opslens.model import Analysis, Published, Time

QUARTER_REACH = 600  # characters: how far back "a year ago" looks for the quarter it compares
ABSOLUTE = re.compile(r"\d{4}(?:-(?:\d\d|Q[1-4]|H[12]|W\d\d|SP|SU|FA|WI))*(?:-\d\d)?")
QUARTER_RULES = ("quarter", "quarter_q", "shift_unit")  # quarters written, not computed ("a year ago")
RANK = {"year": 1, "month": 2, "day": 3, "minute": 4}


def find_times(doc: Doc, analysis: Analysis) -> list[Time]:
    text = analysis.article.text
    found = recognise(text, doc)
    if analysis.article.published.value is None:
        inferred = article_date.infer(text, found, doc)
        if inferred is not None:
            analysis.article.published = inferred
    return resolve(found, text, doc, analysis.article.published)


def recognise(text: str, doc: Doc | None) -> list[timex_find.Found]:
    candidates = [f for f in timex_find.find(text) if accept(f, text, doc)]
    return [_trim(f, text) for f in timex_find.choose(candidates)]


DETERMINER = re.compile(r"(?i)(?:the|a|an|its|their|that|this)\s+")
SINGULAR_UNITS = {"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century"}


def _trim(f: timex_find.Found, text: str) -> timex_find.Found:
    """TimeBank's extents where the rules match more: a full stop after "p.m." that also ends
    the sentence belongs to the sentence; the article before a duration or quarter used as an
    adjective ("a [two-hour] meeting", "the [third-quarter] profit") belongs to the noun."""
    start, end = f.start, f.end
    if text[end - 1] == "." and text[end - 2:end] in ("m.", "M.") and re.match(r"(?:\s*$|\s*\n|\s+[A-Z\"“`'])",
                                                                                 text[end:end + 3]):
        end -= 1
    if (m := DETERMINER.match(text, start, end)) and _adjectival(f, text[start:end]):
        start = m.end()
    return f if (start, end) == (f.start, f.end) else timex_find.Found(start, end, f.rule, f.groups)


def _adjectival(f: timex_find.Found, span: str) -> bool:
    """A quarter or a length written as a compound adjective: "third-quarter", "two-hour",
    "five year" (a singular unit after a number)."""
    g = f.groups
    if f.rule == "quarter":
        return bool(re.search(r"(?i)-(?:fiscal-)?(?:quarter|half)$", span))
    if f.rule == "duration":
        return (g["unit"].lower() in SINGULAR_UNITS and not g.get("shift")
                and g["n"].lower() not in ("a", "an", "one", "half a", "half an"))
    return False


def resolve(found: list[timex_find.Found], text: str, doc: Doc | None, published: Published) -> list[Time]:
    anchor, anchor_time = anchor_of(published)
    rank = RANK.get(published.precision or "", 0) if anchor else 0
    times: list[Time] = []
    reference: str | None = None
    quarter: tuple[str, int] | None = None  # the last quarter spoken of, and where
    for f in found:
        span = text[f.start:f.end]
        ctx = Context(anchor=anchor, tense=tense_at(doc, f.start, f.end) if doc is not None else "",
                      reference=reference, after=text[f.end:f.end + 20], anchor_time=anchor_time,
                      recent_quarter=quarter[0] if quarter and f.start - quarter[1] < QUARTER_REACH else None)
        value = normalise(f.rule, f.groups, span, ctx)
        if value is None:
            continue
        if anchor and rank < RANK["day"]:
            value = _within_anchor_precision(value, f, span, ctx, rank)
        times.append(Time(id=f"t{len(times) + 1}", start=f.start, end=f.end, text=span, type=value.type,
                          value=value.value))
        if value.type == "DATE" and value.value and ABSOLUTE.fullmatch(value.value):
            reference = value.value
            if f.rule in QUARTER_RULES and re.fullmatch(r"\d{4}-Q[1-4]", value.value):
                quarter = (value.value, f.end)
    return times


def anchor_of(published: Published) -> tuple[date | None, str | None]:
    """The article date as a day (the first of its month or year when less precise) and its
    clock time if it has one."""
    v = published.value
    if not v or not (m := re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T(\d\d:\d\d))?", v)):
        return None, None
    return date(int(m[1]), int(m[2] or 1), int(m[3] or 1)), m[4]


def _within_anchor_precision(value: Value, f: timex_find.Found, span: str, ctx: Context, rank: int) -> Value:
    """With an article date known only to the month or year, an expression that needs more
    ("yesterday", "on Friday") is normalised as if no date were known."""
    if _value_rank(value.value) <= rank:
        return value
    unanchored = normalise(f.rule, f.groups, span, Context(anchor=None, tense=ctx.tense, after=ctx.after))
    return unanchored if unanchored is not None else Value(value.type, None, value.mod)


def _value_rank(value: str | None) -> int:
    if not value or not value[:1].isdigit():
        return 0
    if "T" in value:
        return 4
    if re.fullmatch(r"\d{4}-(\d\d-\d\d|W\d\d.*)", value):
        return 3
    if re.fullmatch(r"\d{4}-.+", value):
        return 2
    return 1
