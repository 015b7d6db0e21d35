"""The time normalisers never fail and never write an impossible value, whatever the word and the day.

Expressions are made from every word of `lexicons/time_words.tsv` in a few common frames ("last
W", "two W ago", "W 5" …); those the recognisers take are normalised against every day of a
common year (2015, which has an ISO week 53) and a leap year (2016), in every tense. Hypothesis
then runs whole sentences through recognition and resolution with any article date and precision.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from opslens.contract import Published
from opslens.knowledge import read_tsv
from opslens.stages import times
from opslens.stages.times.find import Found
from opslens.stages.times.value import Context, Value, normalise

FRAMES = (
    "{w}",
    "last {w}",
    "next {w}",
    "this {w}",
    "that {w}",
    "the {w}",
    "early {w}",
    "late {w}",
    "two {w} ago",
    "{w} 2015",
    "the {w} before",
    "a {w} later",
    "{w} 5",
    "3 {w}",
    "the {w} of March",
    "{w} of last year",
    "the past three {w}",
    "every {w}",
    "{w} 1999",
    "mid-{w}",
)
TENSES = ("past", "present", "future", "deadline", "past_deadline", "")
REFERENCES = (None, "2015-12-31", "2016-02-29", "2015-W53", "2016-Q4", "2015", "2016-02")
DAYS = tuple(date(2015, 1, 1) + timedelta(days=n) for n in range(731))  # 2015 and 2016 (leap)

REF = r"(?:PRESENT|PAST|FUTURE)_REF"
AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
DURATION = rf"P(?:{AMOUNT}(?:Y|M|W|D|DE|CE|ML|Q|H|WE))*(?:T(?:{AMOUNT}[HMS])+)?"
PART = r"(?:MO|AF|EV|NI|DT)"
DATE = (
    r"(?:\d{2,4}|XXXX)(?:-(?:\d\d|XX|W\d\d|WXX|Q[1-4X]|H[12X]|SP|SU|FA|WI)(?:-(?:\d\d|XX|\d|WE))?)?"
    rf"(?:T(?:\d\d:\d\d(?::\d\d)?|{PART}))?"
)
VALUE = re.compile(rf"{REF}|{DURATION}|{DATE}|T\d\d:\d\d")


@cache
def expressions() -> tuple[tuple[Found, str], ...]:
    """Every distinct expression the recognisers find in the frames, with the sentence it is in."""
    found: dict[tuple, tuple[Found, str]] = {}
    for word in sorted({row["word"] for row in read_tsv("time_words.tsv")}):
        for frame in FRAMES:
            for form in {word, word.capitalize(), word.title()}:
                text = f"It happened {frame.format(w=form)}."
                for f in times.recognise(text, None):
                    found.setdefault((f.rule, tuple(sorted(f.groups.items()))), (f, text))
    return tuple(found.values())


def well_formed(value: Value) -> bool:
    """A TIMEX3 type and value that could exist: the value's shape, and a real calendar date or week."""
    if value.type not in ("DATE", "TIME", "DURATION", "SET"):
        return False
    v = value.value
    if v is None:
        return True
    if not VALUE.fullmatch(v) or v == "P":
        return False
    if m := re.match(r"(\d{4})-(\d\d)-(\d\d)", v):
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return False
    elif m := re.match(r"(\d{4})-(\d\d)(?!\d)", v):
        return 1 <= int(m[2]) <= 12
    elif m := re.match(r"(\d{4})-W(\d\d)", v):
        try:
            date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return False
    return True


def test_the_frames_reach_every_kind_of_time_word():
    rules = {f.rule for f, _ in expressions()}
    assert len(expressions()) > 500
    assert {
        "season",
        "month",
        "weekday",
        "holiday",
        "duration",
        "ago",
        "ref",
        "set_every",
        "set_word",
        "quarter",
        "clock",
    } <= rules


def test_every_expression_on_every_day_of_a_common_and_a_leap_year():
    bad = []
    for n, (f, text) in enumerate(expressions()):
        span = text[f.start : f.end]
        for d, day in enumerate(DAYS):
            ctx = Context(
                anchor=day,
                tense=TENSES[(n + d) % len(TENSES)],
                reference=REFERENCES[(n + d) % len(REFERENCES)],
                after=text[f.end : f.end + 20],
            )
            value = normalise(f.rule, f.groups, span, ctx)
            if value is not None and not well_formed(value):
                bad.append((span, day.isoformat(), ctx.tense, value))
    assert bad == []


def test_last_winter_in_january_is_the_winter_before_this_one():
    f, _text = next((f, t) for f, t in expressions() if t == "It happened last winter.")
    value = normalise(f.rule, f.groups, "last winter", Context(anchor=date(2016, 1, 20), tense="past"))
    assert value == Value("DATE", "2014-WI")  # winter is counted in the year it begins
    value = normalise(f.rule, f.groups, "last winter", Context(anchor=date(2016, 3, 20), tense="past"))
    assert value == Value("DATE", "2015-WI")


SENTENCE_WORDS = st.sampled_from(sorted({row["word"] for row in read_tsv("time_words.tsv")}))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(
    words=st.lists(st.tuples(st.sampled_from(FRAMES), SENTENCE_WORDS), min_size=1, max_size=4),
    day=st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2016, 12, 31))),
    precision=st.sampled_from(("year", "month", "day", "minute")),
)
def test_sentences_of_time_words_resolve_against_any_article_date(words, day, precision):
    text = " and then ".join(f"it happened {frame.format(w=word)}" for frame, word in words).capitalize() + "."
    value = None if day is None else day.isoformat() + ("T09:30" if precision == "minute" else "")
    if day is not None and precision in ("year", "month"):
        value = value[:4] if precision == "year" else value[:7]
    published = Published(value=value, precision=precision if day else None, source="given" if day else "unknown")
    for t in times.resolve(times.recognise(text, None), text, None, published):
        assert text[t.start : t.end] == t.text
        assert well_formed(Value(t.type, t.value, t.mod)), (text, published.value, t)
