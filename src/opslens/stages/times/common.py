"""What every TIMEX3 normaliser shares: the context an expression is read in (the article
date, the tense of its clause, the date last spoken of), the value it gets, and the small
readings of its words (modifiers, parts of day, shifts, years) used by several rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from opslens.knowledge.time_words import lookup
from opslens.stages.times import calendar as cal
from opslens.stages.times.numbers import number, word_number, words_of

BACK_SHIFTS = {"last", "past", "previous", "prior", "preceding", "this past"}
AHEAD_SHIFTS = {"next", "coming", "following", "this coming", "upcoming"}


@dataclass
class Context:
    anchor: date | None  # the article date
    tense: str = ""  # past | present | future | deadline | past_deadline | "" (nlp/tense.py)
    reference: str | None = None  # the value of the last date spoken of
    story: str | None = None  # the last date of the story: not the day of a report ("said Tuesday")
    recent_quarter: str | None = None  # a quarter spoken of just before ("the third quarter")
    after: str = ""  # the text right after the expression ("ended", "of")
    anchor_time: str | None = None  # "HH:MM" when the article date has one


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]  # as contract.Time writes them


@dataclass(frozen=True)
class Value:
    type: TimexType
    value: str | None
    mod: str | None = None


def amount_and_unit(g: dict) -> tuple[float | str, str] | None:
    """The count and TIMEX3 unit of "two and a half years", "a few weeks" (count "X" when vague)."""
    amount = number(g["n"])
    unit = unit_code(g["unit"])
    if amount is None or unit is None:
        return None
    if g.get("half") and not isinstance(amount, str):  # a count, not "X"
        amount += 0.5
    return amount, unit


def unit_code(word: str) -> str | None:
    return lookup("unit", word)


def shifted(anchor: date, unit: str, n: int, like: str | None = None) -> str | None:
    """The date n units from the anchor, written at the unit's precision ("two years ago" is
    a year, "three weeks ago" a week). `like` borrows a finer precision from the text:
    "a year ago" after "the third quarter" is that quarter a year before."""
    if unit == "Y":
        if like and (m := re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|\d\d)", like)):
            return f"{int(m[1]) + n:04d}-{m[2]}"
        return f"{anchor.year + n:04d}"
    if unit == "M":
        return cal.fmt_month(*cal.shift_months(anchor.year, anchor.month, n))
    if unit == "Q":
        return "{:04d}-Q{}".format(*cal.shift_quarter(*cal.quarter_of(anchor), n))
    if unit in ("W", "WE", "2W"):
        days = 7 * n * (2 if unit == "2W" else 1)
        return cal.week_value(anchor + timedelta(days=days))
    if unit == "D":
        return cal.fmt_day(anchor + timedelta(days=n))
    if unit == "DE":
        return f"{(anchor.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(anchor.year + 100 * n) // 100:02d}"
    if unit in ("TH", "TM", "TS"):
        return cal.fmt_day(anchor)
    return None


def date_of(value: str | None) -> date | None:
    """The day a value names, for values precise to the day."""
    if value and (m := re.match(r"(\d{4})-(\d\d)-(\d\d)", value)):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def year_from(value: str | None) -> int | None:
    return int(value[:4]) if value and re.match(r"\d{4}", value) else None


def two_digit_year(yy: int, anchor: date | None) -> int:
    """'89 is 1989 in a 1990 article and 2089 nowhere: the latest such year not far ahead."""
    base = anchor.year if anchor else 2000
    year = (base // 100) * 100 + yy
    return year - 100 if year > base + 10 else year


def year_value(text: str, ctx: Context) -> int | None:
    t = text.strip().lower()
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    if re.fullmatch(r"['’]\d\d", t):
        return two_digit_year(int(t[1:]), ctx.anchor)
    ws = words_of(t)
    if ws[:2] == ["two", "thousand"]:
        rest = word_number(ws[2:]) if ws[2:] else 0.0
        return 2000 + int(rest or 0)
    if ws and ws[0] in ("eighteen", "nineteen"):
        century = 1800 if ws[0] == "eighteen" else 1900
        tail = [w for w in ws[1:] if w != "oh"]
        if tail == ["hundred"]:
            return century
        n = word_number(tail)
        return century + int(n) if n is not None and n < 100 else None
    return None


def mod_of(pre: str | None) -> str | None:
    """The TIMEX3 mod of a word or phrase before a date ("late" END, "the middle of" MID)."""
    if not pre:
        return None
    p = re.sub(r"[\s\-]+", " ", pre.lower()).strip()
    p = re.sub(r"\s+in$", "", p)
    return lookup("pre", p) or lookup("pre_phrase", p) or None


def half_of(pre: str | None) -> str | None:
    p = re.sub(r"\s+", " ", (pre or "").lower())
    if "first half" in p:
        return "H1"
    if "second half" in p or "last half" in p:
        return "H2"
    return None


def part_code(word: str | None) -> str | None:
    if not word:
        return None
    return lookup("part", word.lower())


def with_part(day_value: str | None, part: str | None) -> Value:
    code = part_code(part)
    if day_value is None:
        return Value("TIME" if code else "DATE", None)
    return Value("TIME", f"{day_value}T{code}") if code else Value("DATE", day_value)


def shift_of(word: str | None) -> str | None:
    return re.sub(r"\s+", " ", word.lower()) if word else None


def mod_words(text: str | None) -> str | None:
    if not text:
        return None
    key = re.sub(r"\s+", " ", text.lower())
    return lookup("mod", key) or lookup("mod_ago", key)


def reference_start(value: str | None) -> date | None:
    """The first day of a month or year value, so "the following year" can count from it."""
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})(?:-Q([1-4]))?", value):
        return date(int(m[1]), 3 * int(m[2] or 1) - 2, 1)
    return None
