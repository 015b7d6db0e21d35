"""Normalisation: the TIMEX3 type, value and mod of a recognised expression.

Each recognition rule of timex_find.py has a normaliser here that reads the rule's groups.
Values follow TimeML 1.2.1: dates as ISO 8601 at the precision written ("2022-02", "2022-W03",
"2022-Q3", "199" for the 1990s, "2022-SU"), durations as P3M / PT2H (X for a vague amount),
SETs as their period (P1D for "daily", as TimeBank writes them), and PRESENT_REF / PAST_REF /
FUTURE_REF for "now", "recently", "the future".

Relative expressions resolve against `Context.anchor` (the article date) and the tense of their
clause; "a year earlier", "that year" and "the following day" against `Context.reference`, the
last date the article spoke of. With no anchor a relative value stays None (unsure is better
than wrong), and a bare month or weekday keeps X for what is unknown ("XXXX-02").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from opslens.analyze import timex_calendar as cal
from opslens.analyze.time_words import lookup

MODS = {"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
        "end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID",
        "turn": None, "first half": "START", "second half": "END", "last half": "END",
        "latter part": "END", "early part": "START", "first part": "START"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
BACK_SHIFTS = {"last", "past", "previous", "prior", "preceding", "this past"}
AHEAD_SHIFTS = {"next", "coming", "following", "this coming", "upcoming"}


@dataclass
class Context:
    anchor: date | None  # the article date
    tense: str = ""  # past | present | future | ""
    reference: str | None = None  # the value of the last date spoken of
    recent_quarter: str | None = None  # a quarter spoken of just before ("the third quarter")
    after: str = ""  # the text right after the expression ("ended", "of")
    anchor_time: str | None = None  # "HH:MM" when the article date has one


@dataclass(frozen=True)
class Value:
    type: str
    value: str | None
    mod: str | None = None


def normalise(rule: str, groups: dict[str, str], text: str, ctx: Context) -> Value | None:
    """The TIMEX3 attributes of one expression, or None when it is not a time after all."""
    return NORMALISERS[rule](groups, text, ctx)


# --- words and numbers ---------------------------------------------------------------------

def _words_of(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text.lower().replace(",", " ")) if w and w != "and"]


def number(text: str) -> float | str | None:
    """The amount of a number phrase: 3, 24, 2.5 ("2 1/2", "two and a half"), "X" for a vague
    one ("a few", "several"), None when unreadable."""
    t = text.lower().strip()
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    if m := re.fullmatch(r"(\d+)\s+(\d)/(\d)", t):
        return int(m[1]) + int(m[2]) / int(m[3])
    if m := re.fullmatch(r"(\d)/(\d)", t):
        return int(m[1]) / int(m[2])
    if m := re.match(r"(.+?)\s+(?:to|or)\s+", t):
        return number(m[1])  # "two to three weeks", "12 to 18 months": TimeBank takes the first
    ws = _words_of(t)
    if not ws or set(ws) & {"few", "several", "many", "number", "dozens", "hundreds"}:
        return "X" if ws else None
    if ws[0] in ("a", "an") and len(ws) > 1 and ws[1] not in ("hundred", "thousand"):
        ws = ws[1:]  # "a couple of", "a dozen"
    half = 0.5 if ws[-2:] == ["a", "half"] and len(ws) > 2 else 0.0
    if half:
        ws = ws[:-2]
    if ws[:1] == ["half"]:
        return 6.0 if "dozen" in ws else 0.5
    return _word_number(ws) + half if _word_number(ws) is not None else None


def _word_number(ws: list[str]) -> float | None:
    total, current = 0.0, 0.0
    for w in ws:
        if w == "of":
            continue
        v = lookup("number", w)
        if v is None or v == "X":
            return None
        n = float(v)
        if n in (100.0, 1000.0):
            current = max(current, 1.0) * n
            if n == 1000.0:
                total, current = total + current, 0.0
        elif w in ("a", "an"):
            current = max(current, 1.0)
        else:
            current += n
    return total + current


def unit_code(word: str) -> str | None:
    return lookup("unit", word)


# --- values ---------------------------------------------------------------------------------

SUB_UNITS = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60), "W": ("D", 7)}


def duration(amount: float | str, unit: str) -> str:
    """P3M, PT2H, P2Y6M ("2 1/2 years"), P10Y for a decade, PXY for "several years"."""
    if unit in ("DE", "CE", "1000Y", "2W", "WE"):
        scale, base = {"DE": (10, "Y"), "CE": (100, "Y"), "1000Y": (1000, "Y"), "2W": (2, "W"), "WE": (2, "D")}[unit]
        if amount == "X":
            return {"DE": "PXDE", "CE": "PXCE", "1000Y": "PXY", "2W": "PXW", "WE": "PXD"}[unit]
        return duration(float(amount) * scale, base)
    time = unit.startswith("T")
    letter = unit[-1]
    prefix = "PT" if time else "P"
    if amount == "X":
        return f"{prefix}X{letter}"
    whole, frac = divmod(float(amount), 1)
    if frac and unit in SUB_UNITS:
        sub, per = SUB_UNITS[unit]
        rest = round(frac * per)
        head = f"{int(whole)}{letter}" if whole else ""
        if sub.startswith("T") and not time:
            return f"P{head}T{rest}{sub[-1]}"
        return f"{prefix}{head}{rest}{sub[-1]}"
    n = int(whole) if not frac else round(float(amount), 2)
    return f"{prefix}{n}{letter}"


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
    ws = _words_of(t)
    if ws[:2] == ["two", "thousand"]:
        rest = _word_number(ws[2:]) if ws[2:] else 0.0
        return 2000 + int(rest or 0)
    if ws and ws[0] in ("eighteen", "nineteen"):
        century = 1800 if ws[0] == "eighteen" else 1900
        rest = [w for w in ws[1:] if w != "oh"]
        if rest == ["hundred"]:
            return century
        n = _word_number(rest)
        return century + int(n) if n is not None and n < 100 else None
    return None


def mod_of(pre: str | None) -> str | None:
    if not pre:
        return None
    p = re.sub(r"\s+", " ", pre.lower().strip(" -"))
    p = re.sub(r"^the |(?: of(?: the)?)$|\s+in$", "", p).strip()
    return MODS.get(p)


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


# --- normalisers, one per rule --------------------------------------------------------------

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


def clock(text: str) -> str | None:
    """"10:35 a.m." -> "10:35", "5 p.m." -> "17:00", "noon" -> "12:00"; None if not a time."""
    t = text.lower()
    if m := re.search(r"\b(noon|midday|midnight)\b", t):
        return lookup("clock", m[1])
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?|o'clock|in the (?:morning|afternoon|evening))?", t)
    if m is None:
        ws = re.match(r"([a-z]+)\s+(?:o'clock|in the (morning|afternoon|evening))", t.split("about ")[-1])
        if not ws or _word_number([ws[1]]) is None:
            return None
        hour, minute, suffix = int(_word_number([ws[1]])), 0, ws[2] or ""
    else:
        hour, minute, suffix = int(m[1]), int(m[2] or 0), m[3] or ""
    if suffix.startswith("p") or "afternoon" in suffix or "evening" in suffix:
        hour = hour + 12 if hour < 12 else hour
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


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
    month = lookup("month", m[1]) if m else None
    if not month:
        return None
    y = int(m[3]) if m[3] else cal.year_of(int(month), int(m[2]), ctx.anchor, ctx.tense)
    try:
        return date(y, int(month), int(m[2])).isoformat()
    except ValueError:
        return None


def _day_number(text: str) -> int | None:
    t = text.lower()
    if m := re.match(r"\d+", t):
        return int(m[0])
    ws = _words_of(t)
    total = 0
    for w in ws:
        v = lookup("ordinal", w) or (lookup("number", w) if w in ("twenty", "thirty") else None)
        if v is None or v == "X":
            return None
        total += int(v)
    return total or None


def _date(g, text, ctx):
    i = next(k for k in "1234" if g.get("m" + k))
    month = int(lookup("month", g["m" + i]))
    day = _day_number(g["d" + i])
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
    """"Tuesday, March 3" names its year: the one near the article date where March 3 is a
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
    month = int(lookup("month", g["m"]))
    day = _day_number(g.get("d") or g.get("dw") or "")
    if not day or ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}-{day or 0:02d}" if day else None)
    year = _year_for_weekday(month, day, g["wd"], ctx) or cal.year_of(month, day, ctx.anchor, "future")
    try:
        return Value("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def _month_year(g, text, ctx):
    month = int(lookup("month", g["m"]))
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
    month = int(lookup("month", g["m"]))
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


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


def _decade(g, text, ctx):
    d = g["dec"].lower().replace("’", "'")
    if m := re.match(r"(\d{3})0'?s", d):
        value = m[1]
    else:
        tens = int(re.search(r"\d", d)[0]) if re.search(r"\d", d) else DECADE_WORDS[d.split()[-1].split("-")[-1]]
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
    n = int(re.match(r"\d+", c)[0]) if re.match(r"\d", c) else _day_number(c)
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
    candidates = [(y, season) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
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
    s = lookup("season", g["s"])
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


QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                 "final": 4, "last": 4}


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
        return _ref_year(ctx) - 1
    if half:
        return cal.year_of(6 * n - 5, None, ctx.anchor, ctx.tense) if ctx.tense else ctx.anchor.year
    return cal.quarter_year(n, ctx.anchor, ctx.tense)


def _ref_year(ctx: Context) -> int:
    return year_from(ctx.recent_quarter) or year_from(ctx.reference) or ctx.anchor.year


def _quarter_q(g, text, ctx):
    """"Q3 2022", "H1 2023"."""
    kind, n = g["q"][0].upper(), int(g["q"][1])
    if g.get("y"):
        return Value("DATE", f"{g['y']}-{kind}{n}")
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{kind}{n}")
    year = cal.quarter_year(n, ctx.anchor, ctx.tense) if kind == "Q" else cal.year_of(6 * n - 5, None, ctx.anchor, ctx.tense)
    return Value("DATE", f"{year:04d}-{kind}{n}")


def latest_quarter(ctx: Context) -> str | None:
    """"The quarter", "the latest quarter": the one the article is about, else the last
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
    """"The year-ago quarter", "year-earlier" profit: the time spoken of, a year before."""
    if ctx.anchor is None and not ctx.reference:
        return Value("DATE", None)
    like = ctx.recent_quarter if unit in ("period", "quarter") else None
    if like:
        return Value("DATE", f"{int(like[:4]) - 1:04d}{like[4:]}")
    base = year_from(ctx.reference) if unit == "year" and ctx.reference else None
    year = (base or (ctx.anchor.year if ctx.anchor else year_from(ctx.reference))) - 1
    return Value("DATE", f"{year:04d}")


def _year_ago_adj(g, text, ctx):
    return _year_ago(ctx)


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
    if unit == "Y" and raw in ("the", "the full", "the whole", "the entire") and re.match(r"\s*(ended|ending|to\b|through)", ctx.after):
        return Value("DURATION", "P1Y")
    if raw in ("the past", "past") and unit in ("DE", "CE", "2W"):
        return Value("DURATION", duration(1, unit), mod)
    if unit == "WE":
        return _weekend(raw, ctx, mod)
    if unit == "Q" and raw in ("the", "that", "the latest", "the same"):
        return Value("DATE", latest_quarter(ctx), mod)
    n = _shift_number(raw)
    if n is None:
        return _from_reference(raw, unit, ctx, mod)
    if ctx.anchor is None:
        return Value("DATE", None, mod)
    if unit == "D" and n == 0:
        return Value("DATE", cal.fmt_day(ctx.anchor), mod)
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
    """"That year", "the following day", "the previous month": from the date spoken of."""
    step = {"that": 0, "the same": 0, "the next": 1, "the following": 1, "the previous": -1, "the prior": -1,
            "the preceding": -1}.get(raw)
    base = date_of(ctx.reference) or _reference_start(ctx.reference)
    if step is None or unit is None:
        return Value("DATE", None, mod)
    if base is not None and unit in ("D", "W", "WE") and date_of(ctx.reference) is None:
        return Value("DATE", None, mod)  # "that day" after "in 1987": which day is not written
    if base is None:
        base = ctx.anchor
        if base is None:
            return Value("DATE", None, mod)
    return Value("DATE", shifted(base, unit, step), mod)


def _reference_start(value: str | None) -> date | None:
    """The first day of a month or year value, so "the following year" can count from it."""
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})(?:-Q([1-4]))?", value):
        return date(int(m[1]), 3 * int(m[2] or 1) - 2, 1)
    return None


def _year_end(g, text, ctx):
    """"Year-end" is the last day of the year (TimeBank writes 1989-12-31); looking back
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
    return Value("DATE", shifted(a, unit, 0), "END")


def _weekday(g, text, ctx):
    wd = int(lookup("weekday", g["wd"]))
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
    wd = int(lookup("weekday", g["wd"]))
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


def mod_words(text: str | None) -> str | None:
    if not text:
        return None
    return lookup("mod", re.sub(r"\s+", " ", text.lower()))


def _ago(g, text, ctx):
    amount = number(g["n"])
    unit = unit_code(g["unit"])
    if amount is None or unit is None:
        return None
    if g.get("half") and amount != "X":
        amount += 0.5
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
    unit, n = _whole_units(unit, float(amount))
    if unit in ("DE", "CE"):
        unit, n = "Y", n * (10 if unit == "DE" else 100)  # "a decade ago" is a year
    like = ctx.recent_quarter if unit == "Y" else None
    if like is None and unit == "Y" and from_reference and ctx.reference and re.fullmatch(r"\d{4}", ctx.reference):
        base = date(int(ctx.reference), 1, 1)
    value = shifted(base, unit, sign * n, like)
    return Value("TIME" if unit.startswith("T") else "DATE", value, mod)


def _whole_units(unit: str, amount: float) -> tuple[str, int]:
    """"A year and a half" counts in months, "36 hours" stays hours."""
    if amount != int(amount) and unit in SUB_UNITS:
        sub, per = SUB_UNITS[unit]
        return sub, round(amount * per)
    if unit == "2W":
        return "W", int(amount * 2)
    return unit, int(amount)


def _duration(g, text, ctx):
    amount = number(g["n"])
    unit = unit_code(g["unit"])
    if amount is None or unit is None:
        return None
    if g.get("half") and amount != "X":
        amount += 0.5
    mod = mod_words(g.get("mod")) or ("APPROX" if g.get("orso") else None)
    if amount == 0:
        return None
    if text.lower() == "one day" and ctx.tense in ("future", "past") and re.match(r"\s+[a-z]", ctx.after):
        # "Islam will one day be …": a time of the clause, not a length
        return Value("DATE", "FUTURE_REF" if ctx.tense == "future" else "PAST_REF")
    return Value("DURATION", duration(amount, unit), mod)


def _duration_vague(g, text, ctx):
    """"recent years", "coming months": TimeBank reads them as the past and the future."""
    rel = g["rel"].lower()
    if rel in ("recent", "past"):
        return Value("DATE", "PAST_REF")
    if "few" in rel:
        return Value("DURATION", duration("X", unit_code(g["unit"])))
    return Value("DATE", "FUTURE_REF")


def _duration_bare(g, text, ctx):
    return Value("DURATION", duration("X", unit_code(g["unit"])))


def _set_word(g, text, ctx):
    return Value("SET", lookup("set", g["w"]))


def _set_every(g, text, ctx):
    what = g["what"]
    n = number(g["n"]) if g.get("n") else 1.0
    if g.get("other"):
        n = 2.0
    if n is None or n == "X":
        return None
    if unit := unit_code(what):
        return Value("SET", duration(n, unit if unit != "WE" else "WE") if unit != "WE" else "XXXX-WXX-WE")
    if wd := lookup("weekday", what):
        return Value("SET", f"XXXX-WXX-{wd}")
    if month := lookup("month", what):
        return Value("SET", f"XXXX-{int(month):02d}")
    if season := lookup("season", what):
        return Value("SET", f"XXXX-{season}")
    if part := part_code(what):
        return Value("SET", f"XXXX-XX-XXT{part}")
    if what.lower() == "weekend":
        return Value("SET", "XXXX-WXX-WE")
    return None


def _set_times(g, text, ctx):
    unit = unit_code(g["what"])
    return Value("SET", duration(1, unit)) if unit else None


def _ref(g, text, ctx):
    w = re.sub(r"\s+", " ", g["w"].lower())
    if w == "soon":
        return Value("DATE", "FUTURE_REF")
    if w == "future" or "future" in w:
        return Value("DATE", "FUTURE_REF")
    if w in ("the present time", "these days"):
        return Value("DATE", "PRESENT_REF")
    if w.endswith("term") or w in ("as soon as possible", "a later date"):
        return Value("DATE", "FUTURE_REF")
    value = lookup("ref", re.sub(r"^(?:right|just|more) ", "", w))
    return Value("DATE", value) if value else None


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


def _period_ago(g, text, ctx):
    """"The quarter a year ago": the quarter spoken of, a year before."""
    return _year_ago(ctx, g["unit"].lower())


def _week_of(g, text, ctx):
    month = int(lookup("month", g["m"]))
    day = _day_number(g["d"])
    if ctx.anchor is None or not day:
        return Value("DATE", None)
    try:
        when = date(cal.year_of(month, day, ctx.anchor, ctx.tense), month, day)
    except ValueError:
        return None
    return Value("DATE", cal.week_value(when))


def _duration_ahead(g, text, ctx):
    return Value("DURATION", duration("X", unit_code(g["unit"])))


NORMALISERS = {
    "iso": _iso, "numeric": _numeric, "clock_day": _clock_day, "clock": _clock, "date": _date,
    "date_shift": _date_shift, "month_year": _month_year, "month": _month, "year": _year,
    "decade": _decade, "century": _century, "season": _season, "season_year": _season,
    "season_bare": _season_bare, "quarter": _quarter, "quarter_q": _quarter_q, "period": _period,
    "year_ago_adj": _year_ago_adj, "shift_unit": _shift_unit, "year_end": _year_end,
    "weekday": _weekday, "weekdays": _weekdays, "deictic": _deictic, "deictic_part": _deictic,
    "part_deictic": _deictic, "part_rel": _part_rel, "part_mod": _part_mod,
    "overnight": lambda g, t, c: _part_mod({"part": "night"}, t, c), "day_around": _day_around,
    "ago": _ago, "period_ago": _period_ago, "week_of": _week_of, "duration_ahead": _duration_ahead, "duration": _duration, "duration_vague": _duration_vague,
    "duration_bare": _duration_bare, "duration_plural": _duration_bare, "set_word": _set_word, "set_every": _set_every,
    "set_times": _set_times, "ref": _ref, "holiday": _holiday,
}
