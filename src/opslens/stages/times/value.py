"""Normalisation: the TIMEX3 type, value and mod of a recognised expression.

Each recognition rule of times/find.py has a normaliser that reads the rule's groups: dates
written out in times/dates.py, dates counted from another time in times/relative.py, lengths,
recurrences and vague references in times/lengths.py. Values follow TimeML 1.2.1: dates as
ISO 8601 at the precision written ("2022-02", "2022-W03", "2022-Q3", "199" for the 1990s,
"2022-SU"), durations as P3M / PT2H (X for a vague amount), SETs as their period (P1D for
"daily", as TimeBank writes them), and PRESENT_REF / PAST_REF / FUTURE_REF for "now",
"recently", "the future".

With no article date a relative value stays None (unsure is better than wrong), and a bare
month or weekday keeps X for what is unknown ("XXXX-02").
"""

from __future__ import annotations

from opslens.stages.times import dates as timex_dates
from opslens.stages.times import lengths as timex_lengths
from opslens.stages.times import relative as timex_relative
from opslens.stages.times.common import Context, Value

__all__ = ["NORMALISERS", "Context", "Value", "normalise"]

NORMALISERS = {**timex_dates.NORMALISERS, **timex_relative.NORMALISERS, **timex_lengths.NORMALISERS}


def normalise(rule: str, groups: dict[str, str], text: str, ctx: Context) -> Value | None:
    """The TIMEX3 attributes of one expression, or None when it is not a time after all."""
    return NORMALISERS[rule](groups, text, ctx)
