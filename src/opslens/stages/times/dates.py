"""Normalisers for dates the text writes out: "2022-01-23", "Jan. 23", "January 2022", "1990",
"the 1990s", "the 20th century", "last summer", "the third quarter", "Q3 2022", "Christmas Day",
clock times ("10:35 a.m.", "5 p.m. EST Nov. 9").

A month or day written without a year takes the year the tense of its clause points to
(times/calendar.py).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from opslens.knowledge.time_words import lookup, value_of
from opslens.stages.times import calendar as cal
from opslens.stages.times.common import (
    AHEAD_SHIFTS,
    BACK_SHIFTS,
    Context,
    Value,
    half_of,
    mod_of,
    shift_of,
    two_digit_year,
    year_from,
    year_value,
)
from opslens.stages.times.numbers import clock, day_number


def _iso(g, text, ctx):
    try:
        day = date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    if g.get("H"):
        return Value("TIME", f"{day.isoformat()}T{g['H']}:{g['M']}")
    return Value("DATE", day.isoformat())


def _numeric(g, text, ctx):
    y = int(g["y"])
    y = two_digit_year(y, ctx.anchor) if y < 100 else y
    try:
        return Value("DATE", date(y, int(g["m"]), int(g["d"])).isoformat())
    except ValueError:
        return None


def _clock(g, text, ctx):
    hhmm = clock(g["clock"])
    if hhmm is None:
        return None
    day = cal.fmt_day(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    return Value("TIME", f"{day}T{hhmm}", _approx(g["clock"]))


def _approx(text: str) -> str | None:
    return "APPROX" if re.match(r"(?i)(about|around|approximately)\b", text) else None


def _clock_day(g, text, ctx):
    hhmm = clock(g["clock"])
    day = _day_word(g["day"], ctx)
    if hhmm is None:
        return None
    return Value("TIME", f"{day or 'XXXX-XX-XX'}T{hhmm}", _approx(g["clock"]))


def _day_word(word: str, ctx: Context) -> str | None:
    """The day of "Wednesday", "tomorrow", "Nov. 9" for a clock time put before it."""
    w = word.lower()
    if ctx.anchor is None:
        return None
    if w in ("today", "tonight"):
        return cal.fmt_day(ctx.anchor)
    if w in ("yesterday", "tomorrow"):
        return cal.fmt_day(ctx.anchor + timedelta(days=-1 if w == "yesterday" else 1))
    wd = lookup("weekday", w)
    if wd:
        return cal.fmt_day(cal.weekday_date(int(wd), ctx.anchor, ctx.tense))
    m = re.match(r"([a-z]+)\.?\s*(\d{1,2})(?:\D+(\d{4}))?", w)
    if m is None or not (month := lookup("month", m[1])):
        return None
    y = int(m[3]) if m[3] else cal.year_of(int(month), int(m[2]), ctx.anchor, ctx.tense)
    try:
        return date(y, int(month), int(m[2])).isoformat()
    except ValueError:
        return None


def _date(g, text, ctx):
    i = next(k for k in "1234" if g.get("m" + k))
    month = int(value_of("month", g["m" + i]))
    day = day_number(g["d" + i])
    if day is None or day > 31:
        return None
    year = year_value(g["y" + i], ctx) if g.get("y" + i) else None
    mod = mod_of(g.get("pre"))
    if year is None:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
        year = _year_for_weekday(month, day, g.get("wd"), ctx) or cal.year_of(month, day, ctx.anchor, ctx.tense)
    try:
        return Value("DATE", date(year, month, day).isoformat(), mod)
    except ValueError:
        return None


def _year_for_weekday(month: int, day: int, weekday: str | None, ctx: Context) -> int | None:
    """ "Tuesday, March 3" names its year: the one near the article date where March 3 is a
    Tuesday."""
    wd = lookup("weekday", weekday) if weekday else None
    if not wd or ctx.anchor is None:
        return None
    for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
        try:
            if date(y, month, day).isoweekday() == int(wd):
                return y
        except ValueError:
            continue
    return None


def _date_shift(g, text, ctx):
    month = int(value_of("month", g["m"]))
    day = day_number(g.get("d") or g.get("dw") or "")
    if not day or ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}-{day or 0:02d}" if day else None)
    year = _year_for_weekday(month, day, g["wd"], ctx) or cal.year_of(month, day, ctx.anchor, "future")
    try:
        return Value("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def _month_year(g, text, ctx):
    month = int(value_of("month", g["m"]))
    if g.get("y"):
        year = year_value(g["y"], ctx)
    else:
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{month:02d}", mod_of(g.get("pre")))
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    if year is None:
        return None
    return Value("DATE", cal.fmt_month(year, month), mod_of(g.get("pre")))


def _month(g, text, ctx):
    month = int(value_of("month", g["m"]))
    mod = mod_of(g.get("pre"))
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}", mod)
    shift, a = shift_of(g.get("shift")), ctx.anchor
    if shift in BACK_SHIFTS:
        year = a.year if month < a.month else a.year - 1
    elif shift in AHEAD_SHIFTS:
        year = a.year if month > a.month else a.year + 1
    elif shift == "this":
        year = a.year
    else:
        year = cal.year_of(month, None, a, ctx.tense)
    return Value("DATE", cal.fmt_month(year, month), mod)


def _year(g, text, ctx):
    year = year_value(g["y"], ctx)
    if year is None:
        return None
    half = half_of(g.get("pre"))
    if half:
        return Value("DATE", f"{year:04d}-{half}")
    return Value("DATE", f"{year:04d}", mod_of(g.get("pre")))


DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade(g, text, ctx):
    d = g["dec"].lower().replace("’", "'")
    if m := re.match(r"(\d{3})0'?s", d):
        value = m[1]
    else:
        digit = re.search(r"\d", d)
        tens = int(digit[0]) if digit else DECADE_WORDS[d.split()[-1].split("-")[-1]]
        century = 19 if "nineteen" in d else _century_for(tens, ctx.anchor)
        value = f"{century}{tens}"
    return Value("DATE", value, mod_of(g.get("pre")) or mod_of(g.get("phrase")))


def _century_for(tens: int, anchor: date | None) -> int:
    """The century of "the '80s" or "the nineties": the latest such decade begun by the anchor."""
    base = anchor.year if anchor else 2000
    century = base // 100
    return century if century * 100 + tens * 10 <= base else century - 1


def _century(g, text, ctx):
    c = g["c"].lower()
    n = int(digits[0]) if (digits := re.match(r"\d+", c)) else day_number(c)
    if not n:
        return None
    return Value("DATE", f"{n - 1:02d}", mod_of(g.get("pre")))


def season_of(day: date) -> tuple[int, str]:
    """The season a day falls in, winter counted in the year it begins (Dec-Feb)."""
    if day.month in (12, 1, 2):
        return (day.year if day.month == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")


def season_year(season: str, anchor: date, tense: str, shift: str | None) -> int:
    now_year, now = season_of(anchor)
    order = ["WI", "SP", "SU", "FA"]

    # Seasons as a count: winter 2021 (Dec 2021-) is before spring 2022.
    def key(y, s):
        return y * 4 + order.index(s) if s != "WI" else y * 4 + 4

    cur = key(now_year, now)
    # around the season year of the anchor, not its calendar year: on 20 January 2016 it is
    # winter 2015, and "last winter" is winter 2014
    candidates = [(y, season) for y in range(now_year - 1, now_year + 3)]
    if shift in BACK_SHIFTS or (shift in (None, "the", "that", "this") and tense == "past"):
        strict = shift in BACK_SHIFTS
        past = [c for c in candidates if (key(*c) < cur if strict else key(*c) <= cur)]
        return max(past, key=lambda c: key(*c))[0]
    if shift in AHEAD_SHIFTS or (shift in (None, "the", "this") and tense == "future"):
        strict = shift in AHEAD_SHIFTS
        ahead = [c for c in candidates if (key(*c) > cur if strict else key(*c) >= cur)]
        return min(ahead, key=lambda c: key(*c))[0]
    return min(candidates, key=lambda c: abs(key(*c) - cur))[0]


def _season(g, text, ctx):
    s = value_of("season", g["s"])
    mod = mod_of(g.get("pre")) or mod_of(g.get("pre2"))
    if g.get("y"):
        year = year_value(g["y"], ctx)
        return Value("DATE", f"{year:04d}-{s}", mod) if year else None
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{s}", mod)
    shift = shift_of(g.get("shift"))
    shift = re.sub(r"^the (past|previous)$", "last", shift or "") or None
    shift = re.sub(r"^the (coming|next|following)$", "next", shift or "") or None
    return Value("DATE", f"{season_year(s, ctx.anchor, ctx.tense, shift):04d}-{s}", mod)


def _season_bare(g, text, ctx):
    return _season({"s": g["s"]}, text, ctx)


QUARTER_WORDS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _quarter(g, text, ctx):
    n = QUARTER_WORDS[g["q"].lower()]
    half = g["unit"].lower() == "half"
    if half and n > 2:
        n = 2 if g["q"].lower() in ("last", "final") else 0
        if not n:
            return None
    year = _quarter_year(g, n, half, ctx)
    if year is None:
        return Value("DATE", f"XXXX-{'H' if half else 'Q'}{n}")
    return Value("DATE", f"{year:04d}-{'H' if half else 'Q'}{n}")


def _quarter_year(g, n, half, ctx):
    for key in ("ya", "yb"):
        if g.get(key):
            return int(g[key])
    if ctx.anchor is None:
        return None
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    if rel:
        return ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[rel]
    if (g.get("adj") or "").lower() in ("year-ago", "year-earlier"):
        return _ref_year(ctx, ctx.anchor) - 1
    if half:
        return cal.year_of(6 * n - 5, None, ctx.anchor, ctx.tense) if ctx.tense else ctx.anchor.year
    return cal.quarter_year(n, ctx.anchor, ctx.tense)


def _ref_year(ctx: Context, anchor: date) -> int:
    return year_from(ctx.recent_quarter) or year_from(ctx.reference) or anchor.year


def _quarter_q(g, text, ctx):
    """ "Q3 2022", "H1 2023"."""
    kind, n = g["q"][0].upper(), int(g["q"][1])
    if g.get("y"):
        return Value("DATE", f"{g['y']}-{kind}{n}")
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{kind}{n}")
    if kind == "Q":
        year = cal.quarter_year(n, ctx.anchor, ctx.tense)
    else:
        year = cal.year_of(6 * n - 5, None, ctx.anchor, ctx.tense)
    return Value("DATE", f"{year:04d}-{kind}{n}")


def _holiday(g, text, ctx):
    rule = lookup("holiday", re.sub(r"[\s\-]+", " ", g["h"]))
    if rule is None:
        return None
    if g.get("y"):
        year = int(g["y"])
    elif ctx.anchor is None:
        return Value("DATE", None)
    else:
        shift = shift_of(g.get("shift"))
        this = cal.holiday_date(rule, ctx.anchor.year)
        if shift in BACK_SHIFTS and this:
            year = ctx.anchor.year if this < ctx.anchor else ctx.anchor.year - 1
        elif shift in AHEAD_SHIFTS and this:
            year = ctx.anchor.year if this > ctx.anchor else ctx.anchor.year + 1
        else:
            year = cal.holiday_year(rule, ctx.anchor, ctx.tense)
    day = cal.holiday_date(rule, year)
    return Value("DATE", day.isoformat() if day else None)


def _week_of(g, text, ctx):
    month = int(value_of("month", g["m"]))
    day = day_number(g["d"])
    if ctx.anchor is None or not day:
        return Value("DATE", None)
    try:
        when = date(cal.year_of(month, day, ctx.anchor, ctx.tense), month, day)
    except ValueError:
        return None
    return Value("DATE", cal.week_value(when))


NORMALISERS = {
    "iso": _iso,
    "numeric": _numeric,
    "clock_day": _clock_day,
    "clock": _clock,
    "date": _date,
    "date_shift": _date_shift,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "century": _century,
    "season": _season,
    "season_year": _season,
    "season_bare": _season_bare,
    "quarter": _quarter,
    "quarter_q": _quarter_q,
    "week_of": _week_of,
    "holiday": _holiday,
}
