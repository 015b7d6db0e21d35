"""Dating stage: the article's date as the input gave it, or, when it gave none, inferred from
the text, never more precise than the text supports.

Evidence, strongest first:
  1. a dateline: a first line such as "WASHINGTON, March 3, 2021 (Reuters) -" or
     "Published: 23 January 2022"; without a year ("MOSCOW, Jan 23 (Reuters) -") only where
     the text supports the year elsewhere;
  2. a weekday with its date ("on Tuesday, March 3"): the year where March 3 is a Tuesday,
     near the years the text mentions;
  3. the latest date the text reports as past or present, at its own precision (a full date,
     a month of a year, or only a year). An article is written on or after what it reports.
Dates in future-tense clauses ("elections on March 15, 2024") are plans, not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from opslens.contract import Analysis, Precision, Published
from opslens.knowledge.time_words import lookup
from opslens.nlp import doc_text
from opslens.nlp.tense import tense_at
from opslens.stages import times
from opslens.stages.times.find import Found
from opslens.stages.times.value import Context, normalise

DATELINE_CHARS = 160  # a dateline opens the text, before its first sentence has gone far
CONFIDENCE = {"dateline": 0.9, "dateline_year": 0.6, "weekday": 0.6, "latest": 0.5, "latest_year": 0.3}
PRECISION: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True)
class Evidence:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    start: int
    length: int
    tense: str
    weekday: int | None = None  # the weekday written with a month and day


def date_article(doc: Doc, analysis: Analysis) -> Published:
    """The article's date: as the input gave it, else inferred from the temporal expressions of
    its text (the times stage's, recognised once), else unknown."""
    given = analysis.article.published
    if given.value is not None:
        return given
    return infer(doc_text(doc), times.recognised(doc), doc) or given


def infer(text: str, found: list[Found], doc: Doc | None) -> Published | None:
    """The article date the text supports, or None when it supports none."""
    evidence = [e for e in (_evidence(f, text, doc) for f in found) if e]
    dated = [e for e in evidence if e.tense != "future"]
    years = [int(e.value[:4]) for e in dated if e.value[:4].isdigit()]
    for rule in (_dateline, _weekday_dates, _latest):
        result = rule(text, dated, years)
        if result:
            value, how = result
            return Published(
                value=value, precision=PRECISION[len(value)], source="inferred", confidence=CONFIDENCE[how]
            )
    return None


def _evidence(f: Found, text: str, doc: Doc | None) -> Evidence | None:
    """What one explicit expression says about the calendar, without any anchor: a full
    date, a month-day (XXXX-MM-DD), a month of a year, or a year."""
    if f.rule not in ("iso", "numeric", "date", "month_year", "year"):
        return None
    if f.rule == "year" and (f.groups.get("fiscal") or f.groups.get("pre")):
        return None  # fiscal years and "the end of 1990" say little about the day of writing
    value = normalise(f.rule, f.groups, text[f.start : f.end], Context(anchor=None))
    if value is None or value.value is None or not re.fullmatch(r"(\d{4}|XXXX)(-\d\d){0,2}", value.value):
        return None
    weekday = lookup("weekday", f.groups["wd"]) if f.groups.get("wd") else None
    tense = tense_at(doc, f.start, f.end) if doc is not None else ""
    return Evidence(value.value, f.start, f.end - f.start, tense, int(weekday) if weekday else None)


def _dateline(text: str, dated: list[Evidence], years: list[int]):
    head = [e for e in dated if e.start < DATELINE_CHARS and _is_dateline(text, e)]
    for e in head:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", e.value):
            return e.value, "dateline"
    for e in head:
        if e.value.startswith("XXXX-") and len(e.value) == 10:
            year = _year_for(e, years)
            if year:
                return f"{year:04d}{e.value[4:]}", "dateline_year"
    return None


# Before a dateline's date: nothing, a place in capitals or title case ("WASHINGTON,",
# "Kyiv,"), or a label ("Published:", "Updated on"). After it: the agency in brackets and a
# dash, a dash or bar, or the end of the line.
DATELINE_BEFORE = re.compile(
    r"\s*(?:[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*,?\s+)?(?:(?i:published|updated|posted|dated)(?:\s+on)?:?\s*)?"
)
DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:[-—–|/_]|\n|$)")


def _is_dateline(text: str, e: Evidence) -> bool:
    line_start = text.rfind("\n", 0, e.start) + 1
    if text[:line_start].strip():
        return False  # only the first line of the text
    end = e.start + e.length
    return bool(DATELINE_BEFORE.fullmatch(text, line_start, e.start) and DATELINE_AFTER.match(text, end))


def _year_for(e: Evidence, years: list[int]) -> int | None:
    """The year of a month-day written without one: where its weekday falls right, near the
    years the text names; else the latest year named, if the date is not after it ends."""
    month, day = int(e.value[5:7]), int(e.value[8:10])
    if not years:
        return None
    latest = max(years)
    if e.weekday:
        fits = [y for y in (latest, latest + 1, latest - 1) if _weekday_is(y, month, day, e.weekday)]
        return fits[0] if fits else None
    return latest


def _weekday_is(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).isoweekday() == weekday
    except ValueError:
        return False


def _weekday_dates(text: str, dated: list[Evidence], years: list[int]):
    """ "On Tuesday, March 3": only a year where every such pair falls right will do."""
    pairs = [(e, e.weekday) for e in dated if e.weekday and e.value.startswith("XXXX-")]
    if not pairs or not years:
        return None
    latest = max(years)
    fits = [
        y
        for y in (latest, latest + 1, latest - 1)
        if all(_weekday_is(y, int(e.value[5:7]), int(e.value[8:10]), weekday) for e, weekday in pairs)
    ]
    if len(fits) != 1:
        return None
    last = max((e for e, _ in pairs), key=lambda e: e.value)
    return f"{fits[0]:04d}{last.value[4:]}", "weekday"


def _latest(text: str, dated: list[Evidence], years: list[int]):
    """The latest date named, at its own precision: of "2021", "March 2022" and "2022" the
    latest to begin is March 2022 (a bare "2022" begins earlier, so it adds nothing)."""
    known = [e for e in dated if e.value[:4].isdigit()]
    if not known:
        return None
    best = max(known, key=lambda e: ((e.value + "-01-01")[:10], len(e.value)))
    return best.value, "latest" if len(best.value) > 4 else "latest_year"
