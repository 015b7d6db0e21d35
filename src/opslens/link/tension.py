"""The tension index of a series of events (a dyad's, a story's, an entity's), by day or ISO week.

Per period: conflict = the sum of |Goldstein| of its conflictual events (quad class 3-4; without a
quad class, a negative Goldstein value), cooperation = the sum of the Goldstein values of its
cooperative events (quad class 1-2; without one, a positive value), tension = conflict -
cooperation. Neutral statements (quad class 0) weigh nothing.

Each merged event counts once, whatever its number of independent origins: the index measures
what the actors did, not how widely it was reported (weighting by origins would turn a story
every outlet covers into a spike of conduct). Thinly sourced events are left out with
`min_origins`, not weighed down.

The baseline of a period is the mean and (population) standard deviation of the tension of the
`window` periods before it, periods without events counting as 0, from the series' first event
on; it needs `history` periods before it (default a quarter of the window, at least 2). z = (tension
- mean) / sd, with sd at least SD_FLOOR: a flat baseline (a quiet dyad) makes one Goldstein point
one standard deviation instead of an infinite z.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

By = Literal["day", "week"]
SD_FLOOR = 1.0
ZEROS = (0.0,) * 400  # a quiet window's tensions (windows are days or weeks: far below this)
WINDOW: dict[str, int] = {"day": 28, "week": 8}


@dataclass(frozen=True)
class Scored:
    """What the index needs of an event."""

    day: str  # YYYY-MM-DD; a merged event dated only to a year or month ("2008") is left off the series
    goldstein: float | None
    quad_class: int | None
    plover: str = ""


@dataclass(frozen=True)
class Period:
    period: str  # YYYY-MM-DD, or YYYY-Www for an ISO week
    events: int
    conflictual: int
    cooperative: int
    conflict: float
    cooperation: float
    tension: float
    baseline: float | None  # trailing mean of tension; None without enough history
    sd: float | None
    z: float | None
    plover: dict[str, int] = field(default_factory=dict)  # events by PLOVER category


def side(goldstein: float | None, quad_class: int | None) -> Literal["conflict", "cooperation"] | None:
    if quad_class in (3, 4):
        return "conflict"
    if quad_class in (1, 2):
        return "cooperation"
    if quad_class is None and goldstein:
        return "conflict" if goldstein < 0 else "cooperation"
    return None


DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def periods_between(first: str, last: str, by: By) -> int:
    """How many periods come before the period of `last` from that of `first` (days YYYY-MM-DD)."""
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    if by == "day":
        return days
    return (_monday(period_of(last, by)) - _monday(period_of(first, by))).days // 7


def period_start(day: str, periods: int, by: By) -> str:
    """The first day of the period `periods` periods before the period of `day`."""
    if by == "day":
        return (date.fromisoformat(day) - timedelta(days=periods)).isoformat()
    return (_monday(period_of(day, by)) - timedelta(weeks=periods)).isoformat()


def period_of(day: str, by: By) -> str:
    if by == "day":
        return day
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def series(
    events: Iterable[Scored],
    by: By = "day",
    window: int | None = None,
    history: int | None = None,
    span: tuple[str, str, int] | None = None,
) -> list[Period]:
    """Every period from the first event's to the last's (empty ones too), with its baseline.
    An event dated only to a year or a month ("in 2008") has no day to stand on and is left out.

    `span` = (first, last, prior) computes only the periods first..last (days) of a longer series
    that has `prior` periods before `first`: a period's baseline reads only the `window` periods
    before it, so from `window` periods into the span on, each period equals the whole series'
    (the events before `first` are not needed: a long history is not read to show its end)."""
    groups: dict[str, list[Scored]] = {}
    for event in events:
        if event.day and DAY.fullmatch(event.day):
            groups.setdefault(period_of(event.day, by), []).append(event)
    if span is None and not groups:
        return []
    window = window or WINDOW[by]
    history = history or max(2, window // 4)
    if span is None:
        keys, prior = _periods(min(groups), max(groups), by), 0
    else:
        keys, prior = _periods(period_of(span[0], by), period_of(span[1], by), by), span[2]
    # periods before the span: their count decides whether a baseline has enough history, and a
    # baseline over them is never shown (the span starts a window before what is shown)
    tensions: list[float] = [0.0] * min(prior, window)
    periods = []
    quiet = 0  # how many periods at the end of `tensions` have a tension of 0 (most, in a sparse series)
    for key in keys:
        before = tensions[-window:] if quiet < window else ZEROS[:window]  # no slice of a long quiet run
        period = _period(key, groups.get(key, []), before if len(tensions) >= window else tensions[:], history)
        tensions.append(period.tension)
        quiet = quiet + 1 if period.tension == 0 else 0
        periods.append(period)
    return periods


def _period(key: str, events: list[Scored], before: Sequence[float], history: int) -> Period:
    conflict = cooperation = 0.0
    conflictual = cooperative = 0
    for e in events:
        kind = side(e.goldstein, e.quad_class)
        if kind == "conflict":
            conflict += abs(e.goldstein or 0.0)
            conflictual += 1
        elif kind == "cooperation":
            cooperation += e.goldstein or 0.0
            cooperative += 1
    tension = round(conflict - cooperation, 3)
    mean = sd = z = None
    if len(before) >= history:
        mean, sd = _mean_sd(before) if any(before) else (0.0, 0.0)
        z = round((tension - mean) / max(sd, SD_FLOOR), 3)
    return Period(
        period=key,
        events=len(events),
        conflictual=conflictual,
        cooperative=cooperative,
        conflict=round(conflict, 3),
        cooperation=round(cooperation, 3),
        tension=tension,
        baseline=mean,
        sd=sd,
        z=z,
        plover=dict(Counter(e.plover for e in events if e.plover).most_common()) if events else {},
    )


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and population standard deviation in plain floats: `statistics` computes them exactly
    with fractions, which made a dyad's page of a few thousand days take a second."""
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / len(values)
    return round(mean, 3), round(math.sqrt(var), 3)


def _periods(first: str, last: str, by: By) -> list[str]:
    if by == "day":
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
    start, end = _monday(first), _monday(last)
    return [period_of((start + timedelta(weeks=n)).isoformat(), by) for n in range((end - start).days // 7 + 1)]


def _monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)
