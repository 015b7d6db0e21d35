"""Publication dates: normalise what the input says to ISO with a precision; never guess.

Times keep the wall-clock of the source: converting "2022-01-23T23:30-05:00" to UTC would
move the article to another day, which is the date that matters for the analysis.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz

from opslens.contract import DateSource, Precision, Published
from opslens.errors import ConfigError

CONFIDENCE: dict[str, float] = {"given": 1.0, "metadata": 0.8, "unknown": 0.0}

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        1,
    )
    for name in names.split()
}

ISO = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:[.,]\d+)?)?)?)?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT))?"
)
COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T(?P<H>\d{2})(?P<M>\d{2})(?:\d{2})?)?")
WORDY = re.compile(  # "January 23, 2022", "23 Jan. 2022", "Sunday, 23 January 2022"
    r"(?:[a-z]+,?\s+)?(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon1>[a-z]+)\.?|(?P<mon2>[a-z]+)\.?\s+(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?,?)\s+(?P<y>\d{4})",
    re.I,
)


def normalise_date(raw: object) -> tuple[str, Precision] | None:
    """ISO value and precision for a date as inputs write it, or None when unreadable."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, (datetime, date)):
        raw = raw.isoformat()
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    for parse in (_iso, _compact, _wordy, _rfc2822):
        found = parse(text)
        if found:
            return found
    return None


def published(raw: object, source: DateSource, fallback: str | None) -> Published:
    """The input's own date if readable, else the default date (given), else unknown."""
    found = normalise_date(raw) if raw is not None else None
    if found is None and fallback is not None:
        found, source = normalise_date(fallback), "given"
    if found is None:
        return Published()
    value, precision = found
    return Published(value=value, precision=precision, source=source, confidence=CONFIDENCE[source])


def check_default(value: str | None) -> None:
    """A `--published` that cannot be read is the user's mistake for the whole batch."""
    if value is not None and normalise_date(value) is None:
        raise ConfigError(f"cannot read the date {value!r} (--published / OPSLENS_PUBLISHED): use YYYY-MM-DD")


def _iso(text: str):
    m = ISO.fullmatch(text)
    return _build(m) if m else None


def _compact(text: str):
    m = COMPACT.fullmatch(text)
    return _build(m) if m else None


def _rfc2822(text: str):
    parts = parsedate_tz(text) if re.search(r"[A-Za-z]", text) else None
    if not parts:
        return None
    y, mo, d, hh, mm = parts[:5]
    return _value(y, mo, d, hh, mm)


def _wordy(text: str):
    m = WORDY.fullmatch(text)
    if not m:
        return None
    month = MONTHS.get((m["mon1"] or m["mon2"]).lower())
    return _value(int(m["y"]), month, int(m["d1"] or m["d2"])) if month else None


def _build(m: re.Match):
    g = m.groupdict()
    ints = [int(g[k]) if g.get(k) else None for k in ("y", "m", "d", "H", "M")]
    return _value(*ints)


def _value(y, mo=None, d=None, hh=None, mm=None) -> tuple[str, Precision] | None:
    try:
        if mo is None:
            return (f"{y:04d}", "year") if 1000 <= y <= 2999 else None
        if d is None:
            date(y, mo, 1)
            return f"{y:04d}-{mo:02d}", "month"
        day = date(y, mo, d)
        if hh is None:
            return day.isoformat(), "day"
        return datetime(y, mo, d, hh, mm).strftime("%Y-%m-%dT%H:%M"), "minute"
    except (ValueError, TypeError):
        return None
