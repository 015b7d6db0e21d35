"""Recognition of temporal expressions: where a TIMEX3 starts and ends, and which rule saw it.

Rules are regular expressions over the article text, written from the word lists of
`lexicons/time_words.tsv` (time_words.py). Each rule names the groups its normaliser reads
(times/value.py). Extents follow the TimeML guidelines: determiners and modifiers belong to the
expression ("the past three months", "late last year", "about two years ago"), the preposition
before it does not ("on", "in", "since").

Where several rules match overlapping text the longest match wins, so "Friday, Jan. 7, 2000"
is one expression and not three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from opslens.knowledge.time_words import alternation, capitalised, names, words

S = r"[\s\-]+"  # between words: spaces or a hyphen ("third-quarter", "mid-1990s")
SP = r"\s+"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    rule: str
    groups: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@cache
def macros() -> dict[str, str]:
    """The building blocks every rule shares, as regex source."""
    m: dict[str, str] = {"S": S}
    _calendar_macros(m)
    _number_macros(m)
    _modifier_macros(m)
    return m


def _calendar_macros(m: dict[str, str]) -> None:
    """Months, weekdays, seasons, parts of the day, ordinals, days and years."""
    m["MONTH_FULL"] = capitalised("month", abbreviated=False)
    m["MONTH_ABBR"] = capitalised("month", full=False)
    # Abbreviations need their full stop unless a day number follows ("Jan 23").
    m["MONTH"] = rf"(?:{m['MONTH_FULL']}|{m['MONTH_ABBR']}\.)"
    m["MONTH_D"] = rf"(?:{m['MONTH_FULL']}|{m['MONTH_ABBR']}\.?)"
    m["WEEKDAY_FULL"] = capitalised("weekday", abbreviated=False)
    m["WEEKDAY"] = rf"(?:{m['WEEKDAY_FULL']}|{capitalised('weekday', full=False)}\.)"
    m["SEASON"] = alternation("season")
    m["PART"] = r"(?:morning|afternoon|evening|night)"
    m["ORD"] = alternation("ordinal")
    m["ORDDAY"] = rf"(?:(?:twenty|thirty)[\s\-]+{alternation('ordinal', only=_ORD_UNITS)}|{m['ORD']})"
    m["DAY"] = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    m["YEAR4"] = r"(?<![\d$£€#.,])(?:1[5-9]\d\d|20\d\d)(?![\d%]|[.,]\d)"
    m["YEAR2"] = r"['’]\d\d(?![\d%])"
    m["YEAR"] = rf"(?:{m['YEAR4']}|{m['YEAR2']}|{_spoken_year()})"


def _spoken_year() -> str:
    """ "nineteen ninety-eight", "two thousand and four" """
    units = "(?:one|two|three|four|five|six|seven|eight|nine)"
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    teens = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    return (
        rf"(?:(?:eighteen|nineteen){S}(?:{tens}(?:{S}{units})?|{teens}|hundred|oh{S}{units})"
        rf"|two{S}thousand(?:{S}(?:and{S})?(?:{units}|{teens}|{tens}(?:{S}{units})?))?)"
    )


def _number_macros(m: dict[str, str]) -> None:
    """Amounts in figures and words, and time units."""
    m["NUMWORD"] = alternation(
        "number", exclude=("a", "an", "some", "many", "half", "couple", "dozen", "few", "several")
    )
    m["NUM"] = (
        r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d"
        rf"|(?:a|an|one|two|three|four|five|six){S}and{S}a{S}half"
        rf"|(?:an?{S}(?=hundred|thousand))?{m['NUMWORD']}(?:{S}(?:and{S})?{m['NUMWORD']})*"
        rf"(?:{S}(?:to|or){S}{m['NUMWORD']}(?:{S}{m['NUMWORD']})?)?"
        rf"|\d+{S}(?:to|or){S}\d+"
        rf"|(?:a{S})?(?:couple|few|dozen)(?:{S}of)?|a{S}number{S}of|an?|several|few|many|dozens{S}of"
        rf"|hundreds{S}of|half{S}an?|half{S}a{S}dozen)"
    )
    m["UNIT"] = (
        r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?"
        r"|decades?|century|centuries|millennium|millennia)"
    )
    m["UNIT1"] = r"(?:day|week|weekend|month|quarter|year|decade|century|fortnight)"


def _modifier_macros(m: dict[str, str]) -> None:
    """Modifiers before a time, time zones and clock times."""
    # TimeML keeps "nearly", "more than" … in the expression (as its mod); "just", "only" and
    # "over" stay out, as they do in TimeBank (lexicon kinds mod, mod_ago, pre, pre_phrase).
    m["MODPRE"] = alternation("mod")
    m["MODAGO"] = rf"(?:{alternation('mod_ago')[3:-1]}|{m['MODPRE'][3:-1]})"
    # "early", "late", "mid-" and "the end of" before a date ("late last year", "the end of 1990").
    m["PREWORD"] = rf"(?:{alternation('pre')}(?:\s+in(?=\s+the\b))?(?:\s+|-|(?=\d)))"
    m["PREPHRASE"] = rf"(?:{alternation('pre_phrase')}\s+)"
    m["PRE"] = rf"(?:{m['PREWORD']}|{m['PREPHRASE']})"
    m["ZONE"] = rf"(?-i:{alternation('zone').upper()})"
    m["CLOCK"] = (
        rf"(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        rf"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|(?-i:am|pm|AM|PM)\b)"
        rf"|(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
        rf"|noon|midday|midnight"
        rf"|(?:[01]?\d|{m['NUMWORD']})\s+o'clock"
        rf"|(?:[01]?\d|{m['NUMWORD']})\s+in\s+the\s+(?:morning|afternoon|evening))"
        rf"(?:\s+\(?{m['ZONE']}\)?)?"
    )


_ORD_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


# Dates written out: ISO and numeric dates, clock times, days, months, years, decades, centuries, seasons, quarters.
CALENDAR_RULES: tuple[tuple[str, str], ...] = (
    # 2022-01-23, 1/23/2022
    (
        "iso",
        r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?(?![\d-])",
    ),
    (
        "numeric",
        r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])"
        r"/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])",
    ),
    # "5 p.m. EST Nov. 9", "10 p.m. Wednesday", "noon Thursday", "9 a.m. tomorrow"
    (
        "clock_day",
        r"(?P<clock>{CLOCK}),?\s+(?P<day>{WEEKDAY_FULL}|today|tomorrow|yesterday|tonight"
        r"|{MONTH_D}\s*{DAY}(?:,?\s+{YEAR4})?)",
    ),
    ("clock", r"(?P<clock>{CLOCK})"),
    # "Friday, Jan. 7, 2000", "January 22", "Aug. 7, 1998", "22 January 2022", "March eighth"
    (
        "date",
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<pre>{PRE}))?"
        r"(?:(?P<m1>{MONTH_D})\s*(?P<d1>{DAY})(?:\s*[-–]\s*{DAY})?(?:(?:,\s*|\s+)(?P<y1>{YEAR4}))?"
        r"|(?:the\s+)?(?P<d2>{DAY})(?:\s*[-–]\s*{DAY}|(?<=st|nd|rd|th)\s+of)?\s+(?P<m2>{MONTH_D})"
        r"(?:,?\s+(?P<y2>{YEAR4}))?"
        r"|(?P<m3>{MONTH_FULL})\s+(?:the\s+)?(?P<d3>{ORDDAY})(?:,?\s+(?P<y3>{YEAR}))?"
        r"|the\s+(?P<d4>{ORDDAY})\s+of\s+(?P<m4>{MONTH_FULL})(?:,?\s+(?P<y4>{YEAR}))?)",
    ),
    # "this coming Sunday, March eighth"
    (
        "date_shift",
        r"(?P<shift>this\s+coming|this|next|last|coming)\s+(?P<wd>{WEEKDAY_FULL}),?\s+"
        r"(?P<m>{MONTH_D})\s*(?:(?P<d>{DAY})|(?P<dw>{ORDDAY}))",
    ),
    # "December 2017", "January this year", "mid-November 1990", "June of 1990"
    (
        "month_year",
        r"(?:(?P<pre>{PRE}))?(?P<m>{MONTH})(?:,?\s+|\s+of\s+)"
        r"(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year)",
    ),
    # "February", "last April", "mid-November", "the end of November"
    (
        "month",
        r"(?:(?P<pre>{PRE})|(?P<shift>last|next|this\s+past|this\s+coming|this|coming)\s+)?"
        r"(?P<m>{MONTH})(?!\s*\d)",
    ),
    # "1990", "fiscal 1989", "mid-1996", "the end of 1990", "the year two thousand"
    (
        "year",
        r"(?:(?P<pre>{PRE})|(?:pre|post)-)?"
        r"(?P<fiscal>(?:fiscal|calendar|model)(?:\s+year)?\s+|the\s+year\s+|FY\s*)?(?P<y>{YEAR})",
    ),
    # "the 1990s", "the late '80s", "the nineties", "mid-1990s"
    (
        "decade",
        r"(?P<phrase>{PREPHRASE})?(?:the\s+)?(?:(?P<pre>{PREWORD}))?"
        r"(?P<dec>(?:1[5-9]|20)\d0['’]?s|['’]\d0s"
        r"|(?:nineteen[\s\-]+)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    # "the 20th century", "the early nineteenth century"
    (
        "century",
        r"(?:the\s+)?(?:(?P<pre>{PRE}))?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{ORDDAY}|twentieth|nineteenth|"
        r"eighteenth|twenty[\s\-]+first){S}century",
    ),
    # "last summer", "the winter of 1994", "early summer", "summer 2019"
    (
        "season",
        r"(?:(?P<pre>{PRE}))?(?:(?P<shift>this\s+past|this\s+coming|this|last|next|that|the\s+past"
        r"|the\s+coming|the\s+next|the\s+previous|the\s+following|the)\s+)"
        r"(?:(?P<pre2>early|late|mid)[\s\-]+)?(?P<s>{SEASON})(?:\s+of\s+(?P<y>{YEAR}))?",
    ),
    ("season_year", r"(?:(?P<pre>{PRE}))?(?P<s>{SEASON}),?\s+(?:of\s+)?(?P<y>{YEAR4})"),
    ("season_bare", r"(?P<s>summer|winter|autumn)"),  # after "in", "during" … (times/guard.py)
    # "the third quarter", "fiscal 1990's first quarter", "this year's third quarter", "Q3 2022"
    (
        "quarter",
        r"(?:(?P<det>the|its|their|a|this|that)\s+)?(?:(?P<rel>this|last|next)\s+year's\s+)?"
        r"(?:(?P<adj>latest|comparable|same|year-ago|year-earlier|current|previous|flat|strong|weak)\s+)?"
        r"(?:(?P<yb>{YEAR4})\s+)?(?:(?:fiscal|calendar)[\s\-]+)?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
        r"{S}(?:fiscal[\s\-]+)?(?P<unit>quarter|half)s?"
        r"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<ya>{YEAR4})|(?P<rel2>this|last|next)\s+year|the\s+year))?",
    ),
    ("quarter_q", r"(?-i:(?P<q>Q[1-4]|H[12]))(?:\s+(?P<y>{YEAR4}))?"),
)


# Dates counted from another: periods, shifted units, weekdays, parts of days, "ago".
RELATIVE_RULES: tuple[tuple[str, str], ...] = (
    # "the 1988 period", "the year-ago quarter", "the latest period"
    (
        "period",
        r"the\s+(?:(?:comparable|same|corresponding)\s+)?"
        r"(?P<which>{YEAR4}|year-ago|year-earlier|year-before|prior-year|latest|previous)"
        r"\s+(?P<unit>period|quarter|half|month|week|year|season)",
    ),
    ("year_ago_adj", r"(?P<which>year-ago|year-earlier)"),
    # "last week", "this year", "the next day", "earlier this month", "the fiscal year", "that year"
    (
        "shift_unit",
        r"(?:(?P<pre>{PRE}))?(?:(?P<shift>this|last|next|that|coming|past|previous"
        r"|the\s+(?:past|previous|prior|preceding|next|coming|following|same|current|latest|present"
        r"|last|full|whole|entire)|the)\s+)(?P<fiscal>fiscal\s+)?(?P<unit>{UNIT1})",
    ),
    ("year_end", r"(?:around\s+)?(?P<unit>year|month|quarter)(?:[\s\-]|['’]s\s+)end"),
    # "Friday", "last Tuesday", "Tuesday morning", "early Friday", "Friday, March 3"
    (
        "weekday",
        r"(?:(?P<pre>early|late|earlier|later)\s+(?:on\s+)?"
        r"|(?P<shift>last|next|this\s+past|this\s+coming|this|coming|that|past|the\s+previous"
        r"|the\s+following|the\s+next)\s+)?(?P<wd>{WEEKDAY_FULL})(?:\s+(?P<part>{PART}))?(?!s)",
    ),
    ("weekdays", r"(?P<wd>{WEEKDAY_FULL})(?:s|\s+(?P<part>mornings|afternoons|evenings|nights))"),
    # "yesterday", "late yesterday", "tomorrow morning", "this morning", "last night", "tonight"
    (
        "deictic",
        r"(?:(?P<pre>early|late|earlier|later|mid)[\s\-]+)?(?P<day>yesterday|today|tomorrow|tonight)"
        r"(?:\s+(?P<part>{PART}))?",
    ),
    (
        "deictic_part",
        r"(?:(?P<pre>early|late|earlier|later|mid)[\s\-]+)?"
        r"(?P<day>this|last|tomorrow|yesterday)\s+(?P<part>{PART})",
    ),
    (
        "part_deictic",
        r"(?:(?P<pre>early|late|mid)[\s\-]*)?(?P<part>morning|afternoon|evening|night)"
        r"\s+(?P<day>yesterday|today|tomorrow)",
    ),
    ("part_rel", r"the\s+(?P<shift>next|following|previous|same)\s+(?P<part>{PART})"),
    ("part_mod", r"(?P<pre>early|late|mid)[\s\-]?(?P<part>morning|afternoon|evening)"),
    ("overnight", r"(?P<part>overnight)"),
    ("day_around", r"the\s+day\s+(?P<dir>before|after)\s+(?P<day>yesterday|tomorrow)"),
    # "two years ago", "a year earlier", "about a week later", "the year before"
    # ("later" and "after" are signals in TimeBank: "two weeks later" is the duration "two weeks")
    (
        "ago",
        r"(?:(?P<mod>{MODAGO})\s+)?(?P<n>{NUM})[\s\-]+(?P<unit>{UNIT})(?P<half>{S}and{S}a{S}half)?"
        r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence|back)",
    ),
    (
        "period_ago",
        r"the\s+(?P<unit>quarter|period|year|month|week)\s+(?P<n>a|an|one)\s+year"
        r"\s+(?P<dir>ago|earlier)",
    ),
    ("week_of", r"the\s+week\s+of\s+(?P<m>{MONTH_D})\s*(?P<d>{DAY})"),
)


# Lengths, recurrences, vague references and holidays.
LENGTH_RULES: tuple[tuple[str, str], ...] = (
    # "three months", "the past three months", "the first nine months", "a couple of years", "20 more years"
    (
        "duration",
        r"(?:the\s+)?(?:(?P<mod>{MODPRE})\s+)?(?:(?P<shift>past|last|next|first|coming|previous"
        r"|following|final|remaining|latest|initial|ensuing|same|coming)\s+)?(?P<n>{NUM})"
        r"(?:\s+(?:more|additional|full|straight|consecutive|long|trading|business|working|calendar))?"
        r"[\s\-]+(?P<unit>{UNIT})(?P<half>{S}and{S}a{S}half)?(?P<orso>\s+or\s+(?:so|more|two|three))?",
    ),
    (
        "duration_vague",
        r"(?P<rel>recent|the\s+coming|coming|the\s+next\s+few|future|past)"
        r"\s+(?P<unit>years|months|weeks|days|decades|quarters)",
    ),
    ("duration_ahead", r"(?:the\s+)?(?P<unit>years|months|weeks|days)\s+ahead"),
    ("duration_bare", r"(?P<unit>decades|centuries)"),
    # "for years", "within weeks", "in the days before": a vague length (times/guard.py)
    ("duration_plural", r"(?P<unit>years|months|weeks|days|hours|minutes)"),
    # "daily", "every week", "each Thursday", "twice a year"
    ("set_word", r"(?P<w>daily|nightly|weekly|biweekly|monthly|quarterly|annually|yearly|hourly)"),
    (
        "set_every",
        r"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?"
        r"(?P<what>{UNIT}|{WEEKDAY_FULL}|{MONTH}|{SEASON}|{PART}|weekend)",
    ),
    (
        "set_times",
        r"(?P<freq>once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|every|each)"
        r"\s+(?P<what>{UNIT1})",
    ),
    # "now", "currently", "recently", "the past", "the future", "soon"
    (
        "ref",
        r"(?P<w>(?:right\s+|just\s+)?now|more\s+recently|currently|presently|nowadays|recently|lately"
        r"|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|the\s+past"
        r"|the\s+present\s+time|current|soon|(?<=in\s)future"
        r"|the\s+(?:near|short|long)(?:er)?[\s\-]+term|these\s+days|as\s+soon\s+as\s+possible|a\s+later\s+date)",
    ),
    (
        "holiday",
        r"(?:(?P<shift>last|next|this|this\s+past|this\s+coming)\s+)?(?P<h>{HOLIDAY})"
        r"(?:,?\s+(?P<y>{YEAR4}))?",
    ),
)


def _rules() -> list[tuple[str, str]]:
    """(rule name, regex source with {MACRO}s). Order breaks ties between equally long matches."""
    return [*CALENDAR_RULES, *RELATIVE_RULES, *LENGTH_RULES]


@cache
def expanded() -> dict[str, str]:
    """Each rule's pattern with its macros written out, in the rules' order (which ranks ties)."""
    m = dict(macros())
    m["HOLIDAY"] = names("holiday")
    out = {}
    for name, source in _rules():
        body = source.replace("{{", "\x00").replace("}}", "\x01")
        body = re.sub(r"\{([A-Z_0-9]+)\}", lambda g: m[g.group(1)], body)
        out[name] = body.replace("\x00", "{").replace("\x01", "}")
    return out


@cache
def compiled(name: str) -> re.Pattern:
    """A rule's pattern, compiled when a text first has its trigger words (compiling them all
    took a fifth of a second at start-up). Whole words only; a hyphen after the match would
    make it part of a longer word ("five-year-old" is an age, not a duration)."""
    return re.compile(rf"(?<![\w\-’']){expanded()[name]}(?![\w’]|-\w)", re.I)


# Characters: how far an expression reaches before its first trigger word ("at least the
# past …", "the beginning of the …") and after its last ("… or so ago").
REACH_BACK, REACH_ON = 48, 24


WORD = re.compile(r"\d+|[^\W\d_]+")

# Which trigger words each rule needs one of (the words of their kind in time_words.tsv, or
# those listed in EXTRA_TRIGGERS); a rule runs only in the windows around its triggers.
RULE_TRIGGERS = {
    "iso": ("digit",),
    "numeric": ("digit",),
    "clock_day": ("digit", "clock"),
    "clock": ("digit", "clock"),
    "date": ("month",),
    "date_shift": ("month",),
    "month_year": ("month",),
    "month": ("month",),
    "year": ("digit", "spoken"),
    "decade": ("digit", "decade"),
    "century": ("century",),
    "season": ("season",),
    "season_year": ("season",),
    "season_bare": ("season",),
    "quarter": ("unit", "half"),
    "quarter_q": ("digit",),
    "period": ("unit", "half", "period"),
    "year_ago_adj": ("unit",),
    "shift_unit": ("unit",),
    "year_end": ("unit",),
    "weekday": ("weekday",),
    "weekdays": ("weekday",),
    "deictic": ("deictic",),
    "deictic_part": ("part",),
    "part_deictic": ("part",),
    "part_rel": ("part",),
    "part_mod": ("part",),
    "overnight": ("part",),
    "day_around": ("deictic",),
    "ago": ("unit",),
    "period_ago": ("unit",),
    "week_of": ("unit",),
    "duration": ("unit",),
    "duration_vague": ("unit",),
    "duration_ahead": ("unit",),
    "duration_bare": ("unit",),
    "duration_plural": ("unit",),
    "set_word": ("set",),
    "set_every": ("unit", "weekday", "month", "season", "part"),
    "set_times": ("unit",),
    "ref": ("ref",),
    "holiday": ("holiday",),
}
EXTRA_TRIGGERS = {
    "clock": {"clock"},
    "spoken": {"eighteen", "nineteen", "thousand"},
    "half": {"half"},
    "period": {"period"},
    "decade": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "s"},
    "century": {"century"},
    "deictic": {"today", "tonight", "tomorrow", "yesterday"},
    "ref": {"current", "soon", "term", "future", "past", "present", "days", "possible", "date"},
    "holiday": {"christmas", "thanksgiving", "halloween", "easter", "day", "eve", "friday", "sunday"},
}
LEXICON_TRIGGERS = ("month", "weekday", "season", "part", "clock", "unit", "set", "ref")


@cache
def trigger_index() -> dict[str, frozenset[str]]:
    """Trigger word -> the trigger classes it belongs to."""
    index: dict[str, set[str]] = {}
    classes = {k: {w for phrase in words(k) for w in phrase.split()} for k in LEXICON_TRIGGERS}
    for k, extra in EXTRA_TRIGGERS.items():
        classes.setdefault(k, set()).update(extra)
    for k, ws in classes.items():
        for w in ws - {"a", "an", "some", "the"}:
            index.setdefault(w, set()).add(k)
    return {w: frozenset(ks) for w, ks in index.items()}


def windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger class, the stretches of text around its words, merged where they meet."""
    spans: dict[str, list[list[int]]] = {}
    index = trigger_index()
    for m in WORD.finditer(text):
        w = m.group()
        kinds = ("digit",) if w[0].isdigit() else index.get(w.lower())
        if not kinds:
            continue
        start, end = max(0, m.start() - REACH_BACK), min(len(text), m.end() + REACH_ON)
        for k in kinds:
            mine = spans.setdefault(k, [])
            if mine and start <= mine[-1][1]:
                mine[-1][1] = end
            else:
                mine.append([start, end])
    return {k: [(a, b) for a, b in v] for k, v in spans.items()}


def find(text: str) -> list[Found]:
    """Every match of every rule, overlapping; `choose` picks the expressions."""
    found: dict[tuple[int, int, str], Found] = {}
    spans = windows(text)
    for name in expanded():
        for kind in RULE_TRIGGERS[name]:
            for start, end in spans.get(kind, ()):
                for match in compiled(name).finditer(text, start, end):
                    key = (match.start(), match.end(), name)
                    if match.end() > match.start() and key not in found:
                        groups = {k: v for k, v in match.groupdict().items() if v is not None}
                        found[key] = Found(match.start(), match.end(), name, groups)
    return list(found.values())


def choose(candidates: list[Found]) -> list[Found]:
    """Non-overlapping expressions, longest first; in text order."""
    order = {name: i for i, name in enumerate(expanded())}
    taken: list[Found] = []
    for c in sorted(candidates, key=lambda f: (-(f.end - f.start), order[f.rule], f.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda f: f.start)
