"""Calendar arithmetic for TIMEX3 values: which year a bare month falls in, which Friday "on
Friday" means, the ISO week of "last week", holidays, and how values are written.

Everything here is a pure function of an anchor date (the article date) and a tense: "past"
means the expression looks back from the anchor, "future" forward; anything else takes the
nearest occurrence.
"""

from __future__ import annotations

from datetime import date, timedelta


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def year_of(month: int, day: int | None, anchor: date, tense: str) -> int:
    """The year of a month (and day) written without one. Past: the last such month up to
    the anchor; future: the next from the anchor; otherwise the nearest, leaning to the past
    as news does: up to four months ahead, up to seven back ("the October slaying" in a May
    article is last October's)."""
    here, now = (month, day or 0), (anchor.month, anchor.day if day else 0)
    if day and tense in ("past", "future") and _within_weeks(month, day, anchor):
        return anchor.year  # "extended the offer to Nov. 20": the verb's tense is not the date's
    if tense == "past":
        return anchor.year if here <= now else anchor.year - 1
    if tense == "future":
        return anchor.year if here >= now else anchor.year + 1
    diff = month - anchor.month
    if diff > AHEAD_MONTHS:
        return anchor.year - 1
    if diff < -BACK_MONTHS:
        return anchor.year + 1
    return anchor.year


NEAR_DAYS = 60
AHEAD_MONTHS, BACK_MONTHS = 4, 7


def _within_weeks(month: int, day: int, anchor: date) -> bool:
    """A day written without a year that falls within two months of the article date in the
    same year is that day, whichever way the verb points."""
    try:
        return abs((date(anchor.year, month, day) - anchor).days) <= NEAR_DAYS
    except ValueError:
        return False


def weekday_date(weekday: int, anchor: date, tense: str, shift: str | None = None) -> date:
    """The date of a weekday spoken of on `anchor`. "last Friday" is the Friday before the
    anchor, "next Friday" the one after, "this Friday" the one in the anchor's week; a bare
    weekday is the anchor itself when it is that day, else the next one in the future or
    present tense or before a deadline ("until Tuesday"), and otherwise the last one."""
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if shift in ("last", "past", "this past"):
        return anchor - timedelta(days=back or 7)
    if shift in ("next", "this coming", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if shift == "this":
        return anchor + timedelta(days=weekday - anchor.isoweekday())
    if tense in ("future", "deadline", "present"):
        return anchor + timedelta(days=ahead)  # "the leaders meet Monday": a schedule
    return anchor - timedelta(days=back)  # news reports the week gone by ("filed by Wednesday")


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekend_value(anchor: date, tense: str, shift: int | None = None) -> str:
    """The weekend spoken of: this week's if the anchor is in it; else the last one (past)
    or the coming one (future, or "this weekend" said on a weekday)."""
    saturday = anchor + timedelta(days=6 - anchor.isoweekday())
    if anchor.isoweekday() >= 6 and shift is None:
        return week_value(anchor) + "-WE"
    if shift == -1 or (shift is None and tense == "past"):
        saturday -= timedelta(days=7)
    elif shift == 1 and anchor.isoweekday() >= 6:
        saturday += timedelta(days=7)
    return week_value(saturday) + "-WE"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> tuple[int, int]:
    k = year * 4 + (quarter - 1) + n
    return k // 4, k % 4 + 1


def quarter_year(quarter: int, anchor: date, tense: str) -> int:
    """The year of "the third quarter": a quarter that has begun by the article date is this
    year's, whatever the tense ("expects to report third-quarter results" in October speaks
    of the quarter just ended). A later one is next year's only in the future tense; looking
    back, or with no tense, it is last year's ("the fourth quarter" in a February report)."""
    year, current = quarter_of(anchor)
    if quarter <= current:
        return year
    return year if tense == "future" else year - 1


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the computus's own name)
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    return date(year, month, (h + l - 7 * m + 114) % 31 + 1)


def holiday_date(rule: str, year: int) -> date | None:
    """A holiday from its lexicon rule: "12-25", "11:4:4" (4th Thursday of November),
    "05:1:-1" (last Monday of May), "easter", "easter-2"."""
    if rule.startswith("easter"):
        offset = int(rule[6:] or 0)
        return easter(year) + timedelta(days=offset)
    if ":" in rule:
        month, weekday, n = (int(x) for x in rule.split(":"))
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        nxt = date(year + month // 12, month % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    month, day = (int(x) for x in rule.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def holiday_year(rule: str, anchor: date, tense: str) -> int:
    """The year of a holiday named without one, as for a bare date."""
    this = holiday_date(rule, anchor.year)
    if this is None:
        return anchor.year
    return year_of(this.month, this.day, anchor, tense)


def fmt_day(day: date) -> str:
    return day.isoformat()


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
