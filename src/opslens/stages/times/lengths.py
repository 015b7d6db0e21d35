"""Normalisers for lengths, recurrences and vague references: "three months" (P3M), "daily"
(a SET with value P1D, as TimeBank writes them), "every Thursday" (XXXX-WXX-4), "now"
(PRESENT_REF), "recently" (PAST_REF), "the future" (FUTURE_REF).
"""

from __future__ import annotations

import re

from opslens.knowledge.time_words import lookup, value_of
from opslens.stages.times.common import Value, amount_and_unit, mod_words, part_code, unit_code
from opslens.stages.times.numbers import duration, number


def _duration(g, text, ctx):
    if (found := amount_and_unit(g)) is None:
        return None
    amount, unit = found
    mod = mod_words(g.get("mod")) or ("APPROX" if g.get("orso") else None)
    if amount == 0:
        return None
    if text.lower() == "one day" and ctx.tense in ("future", "past") and re.match(r"\s+[a-z]", ctx.after):
        # "Islam will one day be …": a time of the clause, not a length
        return Value("DATE", "FUTURE_REF" if ctx.tense == "future" else "PAST_REF")
    return Value("DURATION", duration(amount, unit), mod)


def _duration_vague(g, text, ctx):
    """ "recent years", "coming months": TimeBank reads them as the past and the future."""
    rel = g["rel"].lower()
    if rel in ("recent", "past"):
        return Value("DATE", "PAST_REF")
    if "few" in rel:
        return Value("DURATION", duration("X", value_of("unit", g["unit"])))
    return Value("DATE", "FUTURE_REF")


def _duration_bare(g, text, ctx):
    return Value("DURATION", duration("X", value_of("unit", g["unit"])))


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


def _duration_ahead(g, text, ctx):
    return Value("DURATION", duration("X", value_of("unit", g["unit"])))


NORMALISERS = {
    "duration_ahead": _duration_ahead,
    "duration": _duration,
    "duration_vague": _duration_vague,
    "duration_bare": _duration_bare,
    "duration_plural": _duration_bare,
    "set_word": _set_word,
    "set_every": _set_every,
    "set_times": _set_times,
    "ref": _ref,
}
