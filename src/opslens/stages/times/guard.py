"""Checks that keep words which only look temporal out of the times: "May" the modal verb,
"1990 shares", "the fall of the Wall", "a second round", "current account", "as soon as".

The regexes of times/find.py see only letters; these checks add the words around a match and
the spaCy tags of the words in it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from opslens.knowledge.time_words import lookup
from opslens.nlp.tense import tense_at, token_at
from opslens.stages.times.find import Found

NUMERIC_ENTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
NAME_ENTS = {"ORG", "WORK_OF_ART", "FAC", "PRODUCT", "PERSON", "LAW"}


def _year_cue(word: str) -> bool:
    return lookup("year_cue", word) is not None


def accept(f: Found, text: str, doc: Doc | None) -> bool:
    check = CHECKS.get(f.rule)
    if check is not None and not check(f, text, doc):
        return False
    return _months_are_months(f, text, doc)


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([\w.'’]+)\W*$", text[max(0, start - 30) : start])
    return m[1].lower() if m else ""


def _after(text: str, end: int, n: int = 30) -> str:
    return text[end : end + n]


def _tag(doc: Doc | None, char: int) -> str:
    return token_at(doc, char).tag_ if doc is not None and len(doc) else ""


def _ent(doc: Doc | None, char: int) -> str:
    return token_at(doc, char).ent_type_ if doc is not None and len(doc) else ""


def _next_token(doc: Doc | None, end: int):
    if doc is None or not len(doc):
        return None
    tok = token_at(doc, max(end - 1, 0))
    return doc[tok.i + 1] if tok.i + 1 < len(doc) else None


def _months_are_months(f: Found, text: str, doc: Doc | None) -> bool:
    """ "May" is a month only where the parse does not read a modal verb; a bare "March" or
    "May" only where it is a proper noun."""
    for key in ("m", "m1", "m2", "m3", "m4"):
        word = f.groups.get(key)
        if word and word.lower() in ("may", "march"):
            pos = text.find(word, f.start, f.end)
            tag = _tag(doc, pos)
            if tag == "MD" or (f.rule == "month" and tag not in ("NNP", "NNPS", "")):
                return False
    return True


def _year(f: Found, text: str, doc: Doc | None) -> bool:
    y = f.groups["y"]
    if f.groups.get("pre") or f.groups.get("fiscal"):
        return True
    before = _word_before(text, f.start)
    if not y[0].isdigit():
        # "'89" and "two thousand" only where a date is expected; "nineteen ninety-six" is a year
        if re.match(r"(?i)(eighteen|nineteen)[\s\-]+(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)", y):
            return True
        return _year_cue(before) or before in ("the", "year")
    if before in (
        "no.",
        "number",
        "#",
        "flight",
        "route",
        "model",
        "room",
        "page",
        "pages",
        "article",
        "section",
        "rule",
        "resolution",
        "windows",
        "office",
    ):
        return False
    if re.match(r"\s*(?:%|percent|per\s+cent|[-–]\d)", _after(text, f.end)):
        return False
    if _count_of_things(doc, f.start, f.end):
        return False
    ent = _ent(doc, f.start)
    if ent in ("ORG", "PRODUCT", "FAC", "WORK_OF_ART") and not _year_cue(before):
        return False  # "Orion 1980", "Windows 2000"
    return ent not in NUMERIC_ENTS or _year_cue(before)


def _count_of_things(doc: Doc | None, start: int, end: int) -> bool:
    """ "sold 1990 shares", "and 1990 households": a number counting the plural noun after it,
    where no determiner or preposition comes before ("the 1990 elections", "in 1990 prices
    fell" are years)."""
    if doc is None or not len(doc):
        return False
    tok = token_at(doc, start)
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is None or nxt.tag_ != "NNS" or prev is None:
        return False
    # not after a determiner or a preposition: "the 1990 elections", "in 1990 prices fell"
    return not (prev.tag_ in ("DT", "PRP$", "POS", "JJ") or (prev.tag_ == "IN" and prev.lower_ not in ("of", "about")))


def _decade(f: Found, text: str, doc: Doc | None) -> bool:
    dec = f.groups["dec"].lower()
    if dec[0].isdigit() or dec[0] in "'’":
        return True
    return (f.start < len(text) and text[f.start : f.start + 4].lower() == "the ") or dec.startswith("nineteen")


def _season(f: Found, text: str, doc: Doc | None) -> bool:
    s = f.groups["s"].lower()
    if s not in ("fall", "spring") or f.groups.get("y"):
        return True
    shift = (f.groups.get("shift") or "").lower()
    after = _after(text, f.end)
    if shift in ("the", "that") and re.match(r"\s+(of|in|to|from|off|back|out|on|for)\b", after):
        return False  # "the fall of Saigon", "the fall in prices", "the spring in his step"
    tag = _tag(doc, text.lower().find(s, f.start, f.end))
    return tag.startswith("NN") or tag == ""


def _season_bare(f: Found, text: str, doc: Doc | None) -> bool:
    return _word_before(text, f.start) in (
        "in",
        "during",
        "over",
        "since",
        "until",
        "through",
        "by",
        "all",
        "throughout",
        "till",
    )


def _ref(f: Found, text: str, doc: Doc | None) -> bool:
    w = re.sub(r"\s+", " ", f.groups["w"].lower())
    nxt = _next_token(doc, f.end)
    if w == "current":
        return (nxt is None or lookup("not_current", nxt.lower_) is None) and _tag(doc, f.start) in ("JJ", "")
    if w == "soon":
        before = _word_before(text, f.start)
        if before == "as" or re.match(r"\s+(after|before|afterwards|thereafter)\b", _after(text, f.end)):
            return False
        return doc is None or tense_at(doc, f.start, f.end) == "future"  # "was soon released" is no time
    if w == "the past":
        return nxt is None or not (nxt.tag_.startswith("NN") or nxt.tag_ in ("JJ", "CD", "VBG"))
    return True


def _set_word(f: Found, text: str, doc: Doc | None) -> bool:
    w = f.groups["w"].lower()
    before = _word_before(text, f.start)
    if before == "average":
        return False  # "average daily volume": a measure, not a recurrence
    if w in ("quarterly", "yearly", "monthly", "annually"):
        if _tag(doc, f.start) not in ("RB", ""):
            return False  # "adjusted quarterly", not "a quarterly dividend"
        return not (before.endswith("%") or before in ("percent", "units", "profits", "sales"))  # a growth rate
    return True


def _named_day(f: Found, text: str, doc: Doc | None) -> bool:
    """Not a weekday or month inside a name: "The Sunday Times", "April Ryan", "Theresa May",
    "the March for Our Lives"."""
    word = f.groups.get("wd") or f.groups.get("m") or ""
    pos = text.find(word, f.start, f.end)
    if _ent(doc, pos) in NAME_ENTS:
        return False
    if doc is None or not len(doc) or pos != f.start:
        return True
    tok = token_at(doc, pos)
    prev = doc[tok.i - 1] if tok.i > 0 else None
    # (a name before a weekday is wire style, not a name: "President Bill Clinton Saturday vowed")
    if f.rule == "month" and word.lower() in ("may", "march"):
        if prev is not None and prev.tag_ in ("NNP", "NNPS") and lookup("year_cue", prev.lower_) is None:
            return False  # "Theresa May"
        if re.match(r"\s+(?:for|of|on|against)\s+(?:the\s+)?[A-Z]", _after(text, f.end)):
            return False  # "the March for Our Lives", "the March on Washington"
    return True


def _trailing_direction(f: Found, text: str, doc: Doc | None) -> bool:
    """ "the year before" and "a week after" end a phrase; "two years after the war" is a
    duration and an "after" that governs the war."""
    if f.groups.get("dir", "").lower() not in ("before", "after"):
        return True
    return not re.match(r"\s*[\w$£€]", _after(text, f.end))


def _duration(f: Found, text: str, doc: Doc | None) -> bool:
    unit, n = f.groups["unit"].lower(), f.groups["n"].lower()
    after = _after(text, f.end)
    if unit.startswith("quarter") and n in ("a", "one", "three") and re.match(r"\s+of\b", after):
        return False  # "a quarter of the votes", "three quarters of them"
    if re.match(r"\s+old\b", after):
        return False  # an age ("52 years old"), which TimeBank leaves out
    if unit == "second" and n in ("a", "an"):
        return False  # "a second round"
    if n in ("a", "an") and unit in ("day", "week", "month", "year", "hour", "minute", "quarter"):
        return not _rate(f, text, doc)
    return True


def _rate(f: Found, text: str, doc: Doc | None) -> bool:
    """ "$5 a year", "four flights a week", "24 hours a day": a rate, not a duration."""
    if doc is None or not len(doc):
        return False
    tok = token_at(doc, f.start)
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is None:
        return False
    return (
        prev.tag_ in ("NNS", "CD", "$")
        or prev.lower_ in ("million", "billion", "once", "twice")
        or prev.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
    )


def _shift_unit(f: Found, text: str, doc: Doc | None) -> bool:
    shift = re.sub(r"\s+", " ", (f.groups.get("shift") or "").lower())
    unit = f.groups["unit"].lower()
    pre = (f.groups.get("pre") or "").lower()
    if shift == "the" and unit in ("day", "month", "century", "fortnight") and (not pre or " in" in pre):
        return False  # "the day" and "the month" are rarely a date of their own; "later in the day"
    if shift == "the" and re.match(r"\s+(?:before|after|earlier|later)\b", _after(text, f.end)):
        return False  # "the year before": a signal phrase TimeBank leaves unmarked
    if unit == "day" and shift in (
        "last",
        "this",
        "next",
        "past",
        "the last",
        "the past",
        "the current",
        "the latest",
        "the full",
        "the whole",
        "the entire",
        "previous",
        "coming",
    ):
        return False  # "the last day of trading", "to this day"
    if unit == "quarter" and re.match(r"\s+of\b", _after(text, f.end)) and shift in ("the", "a"):
        return False
    return not _title_case_name(f, text)


def _title_case_name(f: Found, text: str) -> bool:
    """ "This Week" (a television programme), "Next Year" in a title: every word capitalised
    in mid-sentence."""
    words = text[f.start : f.end].split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    return not re.search(r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, f.start - 3) : f.start])


def _deictic(f: Found, text: str, doc: Doc | None) -> bool:
    """ "today's world", "the people of tomorrow": the present and the future in general,
    not days."""
    day = f.groups.get("day", "").lower()
    if (
        day in ("today", "tomorrow")
        and not f.groups.get("part")
        and (re.match(r"['’]s\b", _after(text, f.end)) or _word_before(text, f.start) == "of")
    ):
        return False
    return not _title_case_name(f, text) or day != "today"


def _clock(f: Found, text: str, doc: Doc | None) -> bool:
    return not re.match(r"(?i)noon", text[f.start : f.end]) or _word_before(text, f.start) != "high"


def _holiday(f: Found, text: str, doc: Doc | None) -> bool:
    nxt = _next_token(doc, f.end)
    return nxt is None or not nxt.tag_.startswith("NN") or nxt.lower_ in ("day", "eve")


def _duration_plural(f: Found, text: str, doc: Doc | None) -> bool:
    """A bare plural is a length only after "for", "within", "in" or "over" ("for years"), or
    as "the weeks before …"."""
    before = _word_before(text, f.start)
    if before in ("for", "within", "in", "over"):
        return not re.match(r"\s+(?:of|old|ago|earlier|later)\b", _after(text, f.end))
    return before == "the" and bool(re.match(r"\s+(?:before|after|that|since)\b", _after(text, f.end)))


CHECKS = {
    "year": _year,
    "decade": _decade,
    "season": _season,
    "season_year": _season,
    "season_bare": _season_bare,
    "ref": _ref,
    "set_word": _set_word,
    "weekday": _named_day,
    "month": _named_day,
    "ago": _trailing_direction,
    "duration": _duration,
    "duration_plural": _duration_plural,
    "shift_unit": _shift_unit,
    "holiday": _holiday,
    "deictic": _deictic,
    "clock": _clock,
}
