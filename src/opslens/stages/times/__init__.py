"""Times stage: temporal expressions normalised to TIMEX3 values against the article date.

Steps: recognise the expressions (times/find.py, checked by times/guard.py), once per document:
the dating stage (stages/dating.py) has already read them to infer the article date when the
input gave none; then normalise each in text order
(times/value.py), with the tense of its clause (nlp/tense.py), the last date spoken of, which
"a year earlier" and "the following day" count from, and the last date of the story (not the
day of a report, "she said Tuesday"), which "that day" and "the week" point back to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from opslens.contract import Analysis, Published, Time
from opslens.nlp import doc_text
from opslens.nlp.tense import dates_a_saying, tense_at
from opslens.stages.times import find as timex_find
from opslens.stages.times.calendar import week_value
from opslens.stages.times.common import date_of
from opslens.stages.times.guard import accept
from opslens.stages.times.value import Context, Value, normalise

QUARTER_REACH = 600  # characters: how far back "a year ago" looks for the quarter it compares
REPORT_DAY_RULES = (
    "weekday",
    "deictic",
    "deictic_part",
    "part_deictic",
)  # days written from the article's: "Tuesday", "yesterday"
WEEK = re.compile(r"\d{4}-W\d\d")
ABSOLUTE = re.compile(r"\d{4}(?:-(?:\d\d|Q[1-4]|H[12]|W\d\d|SP|SU|FA|WI))*(?:-\d\d)?")
QUARTER_RULES = ("quarter", "quarter_q", "shift_unit")  # quarters written, not computed ("a year ago")
WRITTEN_YEAR_RULES = ("year", "date", "month_year", "iso", "numeric")
RANK = {"year": 1, "month": 2, "day": 3, "minute": 4}
RECOGNISED = "opslens_timexes"  # doc.user_data key of the expressions recognised in a document


def find_times(doc: Doc, analysis: Analysis) -> list[Time]:
    """The article's temporal expressions with their values, read against its date (the dating
    stage's: as given, or inferred from these same expressions)."""
    return resolve(recognised(doc), analysis.article.text, doc, analysis.article.published)


def recognised(doc: Doc) -> list[timex_find.Found]:
    """The expressions of a parsed article, recognised once per document (dating reads them first)."""
    if RECOGNISED not in doc.user_data:
        doc.user_data[RECOGNISED] = recognise(doc_text(doc), doc)
    return doc.user_data[RECOGNISED]


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
    if (
        text[end - 1] == "."
        and text[end - 2 : end] in ("m.", "M.")
        and re.match(r"(?:\s*$|\s*\n|\s+[A-Z\"“`'])", text[end : end + 3])
    ):
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
        return (
            g["unit"].lower() in SINGULAR_UNITS
            and not g.get("shift")
            and g["n"].lower() not in ("a", "an", "one", "half a", "half an")
        )
    return False


@dataclass
class Discourse:
    """What the article has spoken of so far, for expressions that count from it: the last
    date ("the following day", "a year earlier"), the last date of the story, the last quarter
    and where ("a year ago" in an earnings report is that quarter a year before), and the last
    year written out.

    The story's date is what "that day", "that year" and "the week" point back to: not the day a
    report was made, written from the article's own ("she said Tuesday": to her, Tuesday is not
    "that day"; a statement dated in the story's past, "said in June 2012", is part of the story).
    A week that holds the day spoken of ("throughout the week") moves neither date."""

    reference: str | None = None
    story: str | None = None
    quarter: str | None = None
    quarter_end: int = 0
    written_year: str | None = None

    @staticmethod
    def _holds_the_day(value: str, day_value: str | None) -> bool:
        day = date_of(day_value)
        return day is not None and WEEK.fullmatch(value) is not None and week_value(day) == value

    def recent_quarter(self, start: int) -> str | None:
        if self.quarter is None or start - self.quarter_end >= QUARTER_REACH:
            return None
        # another year named since then ("… since 2014 … a year ago") ends the comparison
        return self.quarter if self.written_year in (None, self.quarter[:4]) else None

    def note(self, f: timex_find.Found, value: Value, saying: bool = False) -> None:
        if value.type != "DATE" or not value.value or not ABSOLUTE.fullmatch(value.value):
            return
        if not self._holds_the_day(value.value, self.reference):
            self.reference = value.value
        if not (saying and f.rule in REPORT_DAY_RULES) and not self._holds_the_day(value.value, self.story):
            self.story = value.value
        if f.rule in QUARTER_RULES and re.fullmatch(r"\d{4}-Q[1-4]", value.value):
            self.quarter, self.quarter_end, self.written_year = value.value, f.end, None
        elif f.rule in WRITTEN_YEAR_RULES and any(k in f.groups for k in ("y", "y1", "y2", "y3", "y4")):
            self.written_year = value.value[:4]


def resolve(found: list[timex_find.Found], text: str, doc: Doc | None, published: Published) -> list[Time]:
    anchor, anchor_time = anchor_of(published)
    rank = RANK.get(published.precision or "", 0) if anchor else 0
    times: list[Time] = []
    rules: list[str] = []
    seen = Discourse()
    for f in found:
        span = text[f.start : f.end]
        ctx = Context(
            anchor=anchor,
            tense=tense_at(doc, f.start, f.end) if doc is not None else "",
            reference=seen.reference,
            story=seen.story,
            after=text[f.end : f.end + 20],
            anchor_time=anchor_time,
            recent_quarter=seen.recent_quarter(f.start),
        )
        value = normalise(f.rule, f.groups, span, ctx)
        if value is None:
            continue
        if anchor and rank < RANK["day"]:
            value = _within_anchor_precision(value, f, span, ctx, rank)
        times.append(
            Time(
                id=f"t{len(times) + 1}",
                start=f.start,
                end=f.end,
                text=span,
                type=value.type,
                value=value.value,
                mod=value.mod,
                rule=f.rule,
            )
        )
        rules.append(f.rule)
        seen.note(f, value, saying=doc is not None and dates_a_saying(doc, f.start, f.end))
    _date_clocks(times, rules, text)
    return times


DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _date_clocks(times: list[Time], rules: list[str], text: str) -> None:
    """A clock time takes its day from the day written next to it: "at 15:00 GMT on Monday",
    "on Monday at 3pm" (TimeML keeps them two expressions; the time is of that day)."""
    for i, t in enumerate(times):
        if rules[i] != "clock" or not t.value or "T" not in t.value:
            continue
        nxt = times[i + 1] if i + 1 < len(times) else None
        prev = times[i - 1] if i > 0 else None
        day = None
        if nxt and re.fullmatch(r",?\s+on\s+", text[t.end : nxt.start]) and nxt.value:
            day = DAY_VALUE.match(nxt.value)
        elif prev and re.fullmatch(r",?\s+at\s+", text[prev.end : t.start]) and prev.value:
            day = DAY_VALUE.match(prev.value)
        if day:
            t.value = day.group() + t.value[t.value.index("T") :]


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
