"""Normalisers for dates counted from another time: "last week", "this year", "yesterday",
"Friday", "two years ago", "the following day", "the year-ago quarter", "the weekend".

They count from the article date, or for "the following day" and "a year earlier" from the
date the article last spoke of (Context.reference); "that day", "the same year" and "the week"
point back to the story's last date (Context.story: not the day of a report, "she said Tuesday").
"The week" is the week of that day ("throughout the week" after "last Tuesday"), else the
article's; "this week" is always the article's (TimeBank's practice).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from opslens.knowledge.time_words import value_of
from opslens.stages.times import calendar as cal
from opslens.stages.times.common import (
    AHEAD_SHIFTS,
    BACK_SHIFTS,
    Context,
    Value,
    amount_and_unit,
    date_of,
    half_of,
    mod_of,
    mod_words,
    part_code,
    reference_start,
    shift_of,
    shifted,
    unit_code,
    with_part,
    year_from,
)
from opslens.stages.times.numbers import duration, whole_units


def latest_quarter(ctx: Context) -> str | None:
    """ "The quarter", "the latest quarter": the one the article is about, else the last
    completed one (a report looks back) or, in the future tense, the current one."""
    if ctx.recent_quarter:
        return ctx.recent_quarter
    if ctx.anchor is None:
        return None
    n = 0 if ctx.tense == "future" else -1
    return "{:04d}-Q{}".format(*cal.shift_quarter(*cal.quarter_of(ctx.anchor), n))


def _period(g, text, ctx):
    which, unit = g["which"].lower(), g["unit"].lower()
    if re.fullmatch(r"\d{4}", which):
        q = ctx.recent_quarter[-2:] if ctx.recent_quarter and unit in ("period", "quarter") else None
        return Value("DATE", f"{which}-{q}" if q else which)
    if which in ("latest", "previous") and unit in ("period", "quarter"):
        value = latest_quarter(ctx)
        if which == "previous" and value:
            y, q = cal.shift_quarter(int(value[:4]), int(value[-1]), -1)
            value = f"{y:04d}-Q{q}"
        return Value("DATE", value)
    return _year_ago(ctx, unit)


def _year_ago(ctx: Context, unit: str = "period") -> Value:
    """ "The year-ago quarter", "year-earlier" profit: the time spoken of, a year before."""
    if ctx.anchor is None and not ctx.reference:
        return Value("DATE", None)
    like = ctx.recent_quarter if unit in ("period", "quarter") else None
    if like:
        return Value("DATE", f"{int(like[:4]) - 1:04d}{like[4:]}")
    base = year_from(ctx.reference) if unit == "year" and ctx.reference else None
    year = base or (ctx.anchor.year if ctx.anchor else year_from(ctx.reference))
    # with no anchor there is a reference, and a reference is a date written out, from its year
    # on (Discourse.note keeps only those)
    assert year is not None
    return Value("DATE", f"{year - 1:04d}")


def _year_ago_adj(g, text, ctx):
    return _year_ago(ctx)


WHOLE = ("the", "the full", "the whole", "the entire")  # "the week": no shift of its own


def _shift_number(shift: str | None) -> int | None:
    """-1 / 0 / +1 for "last" / "this" / "next"; None for "that", "the same", "the following"
    (relative to the time already spoken of) and the bare "the"."""
    if not shift:
        return None
    if shift in ("the", "the full", "the whole", "the entire"):
        return 0
    s = re.sub(r"^the\s+", "", shift)
    if shift.lower().startswith("the ") and s in ("next", "following", "previous", "prior", "preceding", "same"):
        return None
    if s in BACK_SHIFTS or s == "latest":
        return -1
    if s in AHEAD_SHIFTS:
        return 1
    if s in ("this", "current", "present"):
        return 0
    return None


def _shift_unit(g, text, ctx):
    unit = unit_code(g["unit"])
    raw = shift_of(g.get("shift")) or ""
    mod = mod_of(g.get("pre"))
    whole_year = raw in WHOLE
    if unit == "Y" and whole_year and re.match(r"\s*(ended|ending|to\b|through)", ctx.after):
        return Value("DURATION", "P1Y")  # "the year ended Sept. 30": a twelve-month period
    if raw in ("the past", "past") and unit in ("DE", "CE", "2W"):
        return Value("DURATION", duration(1, unit), mod)
    if unit == "WE":
        return _weekend(raw, ctx, mod)
    if unit == "Q" and raw in ("the", "that", "the latest", "the same"):
        return Value("DATE", latest_quarter(ctx), mod)
    if unit == "W" and raw in WHOLE and (day := date_of(ctx.story or ctx.reference)) is not None:
        return Value("DATE", shifted(day, unit, 0), mod)  # "throughout the week" after "last Tuesday": that week
    n = _shift_number(raw)
    if n is None:
        return _from_reference(raw, unit, ctx, mod)
    if ctx.anchor is None:
        return Value("DATE", None, mod)
    if unit == "D" and n == 0:
        return Value("DATE", cal.fmt_day(ctx.anchor), mod)
    if unit is None:  # no unit of the lexicon: no value (as `shifted` gives for a unit it does not know)
        return Value("DATE", None, mod)
    half = half_of(g.get("pre"))
    value = shifted(ctx.anchor, unit, n)
    if half and unit == "Y":
        return Value("DATE", f"{value}-{half}")
    return Value("DATE", value, mod)


def _weekend(raw: str, ctx: Context, mod: str | None) -> Value:
    if ctx.anchor is None:
        return Value("DATE", None, mod)
    n = {"last": -1, "past": -1, "the past": -1, "this": None, "next": 1, "coming": 1, "the coming": 1}.get(raw)
    tense = "future" if raw == "this" and ctx.anchor.isoweekday() < 6 else ctx.tense
    return Value("DATE", cal.weekend_value(ctx.anchor, tense, n), mod)


def _from_reference(raw: str, unit: str | None, ctx: Context, mod: str | None) -> Value:
    """ "That year", "the following day", "the previous month": from the date spoken of."""
    step = {
        "that": 0,
        "the same": 0,
        "the next": 1,
        "the following": 1,
        "the previous": -1,
        "the prior": -1,
        "the preceding": -1,
    }.get(raw)
    # "that day", "the same year" point back to the story's time; "the following day" counts on from the last date
    reference = (ctx.story or ctx.reference) if step == 0 else ctx.reference
    base = date_of(reference) or reference_start(reference)
    if step is None or unit is None:
        return Value("DATE", None, mod)
    if base is not None and unit in ("D", "W", "WE") and date_of(reference) is None:
        return Value("DATE", None, mod)  # "that day" after "in 1987": which day is not written
    if base is None:
        base = ctx.anchor
        if base is None:
            return Value("DATE", None, mod)
    return Value("DATE", shifted(base, unit, step), mod)


def _year_end(g, text, ctx):
    """ "Year-end" is the last day of the year (TimeBank writes 1989-12-31); looking back
    ("since year-end") it is the last one that has passed."""
    unit = unit_code(g["unit"])
    a = ctx.anchor
    if a is None:
        return Value("DATE", None, "END")
    if unit == "Y":
        year = a.year - 1 if ctx.tense == "past" and a.month < 12 else a.year
        return Value("DATE", f"{year:04d}-12-31", "END")
    if unit == "M":
        nxt = date(a.year + a.month // 12, a.month % 12 + 1, 1)
        return Value("DATE", cal.fmt_day(nxt - timedelta(days=1)), "END")
    return Value("DATE", shifted(a, unit, 0) if unit is not None else None, "END")


def _weekday(g, text, ctx):
    wd = int(value_of("weekday", g["wd"]))
    mod = mod_of(g.get("pre"))
    if ctx.anchor is None:
        v = with_part(f"XXXX-WXX-{wd}", g.get("part"))
    else:
        shift = shift_of(g.get("shift"))
        base = ctx.anchor
        if shift in ("the previous", "the following", "the next"):
            base = date_of(ctx.reference) or ctx.anchor  # "the previous Friday": before the day spoken of
            shift = "last" if shift == "the previous" else "next"
        day = cal.weekday_date(wd, base, ctx.tense, shift)
        v = with_part(cal.fmt_day(day), g.get("part"))
    # TimeBank types "Friday night" as a DATE (the day is what it dates), "this morning" as TIME
    return Value("DATE", v.value, mod)


def _weekdays(g, text, ctx):
    wd = int(value_of("weekday", g["wd"]))
    part = part_code(g.get("part"))
    return Value("SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""))


DEICTIC_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}


def _deictic(g, text, ctx):
    day_word = g["day"].lower()
    part = g.get("part") or ("night" if day_word == "tonight" else None)
    if day_word == "last" and (part or "").lower() != "night":
        return None  # "last morning" is not said; "last evening" is rare and ambiguous
    mod = mod_of(g.get("pre"))
    if ctx.anchor is None:
        return Value("TIME" if part else "DATE", None, mod)
    day = cal.fmt_day(ctx.anchor + timedelta(days=DEICTIC_DAYS[day_word]))
    v = with_part(day, part)
    return Value(v.type, v.value, mod)


def _part_rel(g, text, ctx):
    step = {"next": 1, "following": 1, "previous": -1, "same": 0}[g["shift"].lower()]
    base = date_of(ctx.reference) or ctx.anchor
    if base is None:
        return Value("TIME", None)
    return with_part(cal.fmt_day(base + timedelta(days=step)), g["part"])


def _part_mod(g, text, ctx):
    if ctx.anchor is None:
        return Value("TIME", None, mod_of(g.get("pre")))
    v = with_part(cal.fmt_day(ctx.anchor), g["part"])
    return Value(v.type, v.value, mod_of(g.get("pre")))


def _day_around(g, text, ctx):
    if ctx.anchor is None:
        return Value("DATE", None)
    step = -2 if g["day"].lower() == "yesterday" else 2
    return Value("DATE", cal.fmt_day(ctx.anchor + timedelta(days=step)))


def _ago(g, text, ctx):
    if (found := amount_and_unit(g)) is None:
        return None
    amount, unit = found
    d = g["dir"].lower()
    sign = -1 if d in ("ago", "earlier", "before", "back") else 1
    mod = mod_words(g.get("mod"))
    if amount == "X":
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    from_reference = d not in ("ago", "back", "from now", "hence")
    base = ctx.anchor
    if from_reference and date_of(ctx.reference) and unit not in ("Y", "DE", "CE"):
        base = date_of(ctx.reference)
    if base is None:
        return Value("DATE", None, mod)
    unit, n = whole_units(unit, float(amount))
    if unit in ("DE", "CE"):
        unit, n = "Y", n * (10 if unit == "DE" else 100)  # "a decade ago" is a year
    like = ctx.recent_quarter if unit == "Y" else None
    if like is None and unit == "Y" and from_reference and ctx.reference and re.fullmatch(r"\d{4}", ctx.reference):
        base = date(int(ctx.reference), 1, 1)
    if unit.startswith("T"):
        return Value("TIME", _clock_shifted(base, ctx.anchor_time, unit, sign * n) if base == ctx.anchor else None, mod)
    return Value("DATE", shifted(base, unit, sign * n, like), mod)


def _clock_shifted(day: date, hhmm: str | None, unit: str, n: int) -> str | None:
    """ "Two hours ago" needs the article's clock time; without one it is left unknown."""
    if hhmm is None:
        return None
    when = datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time())
    step = {"TH": timedelta(hours=1), "TM": timedelta(minutes=1), "TS": timedelta(seconds=1)}[unit]
    when += n * step
    return when.strftime("%Y-%m-%dT%H:%M")


def _period_ago(g, text, ctx):
    """ "The quarter a year ago": the quarter spoken of, a year before."""
    return _year_ago(ctx, g["unit"].lower())


def _overnight(g, text, ctx):
    return _part_mod({"part": "night"}, text, ctx)


NORMALISERS = {
    "period": _period,
    "year_ago_adj": _year_ago_adj,
    "shift_unit": _shift_unit,
    "year_end": _year_end,
    "weekday": _weekday,
    "weekdays": _weekdays,
    "deictic": _deictic,
    "deictic_part": _deictic,
    "part_deictic": _deictic,
    "part_rel": _part_rel,
    "part_mod": _part_mod,
    "day_around": _day_around,
    "ago": _ago,
    "period_ago": _period_ago,
    "overnight": _overnight,
}
