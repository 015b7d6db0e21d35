"""Numbers, lengths and clock times as TIMEX3 writes them: "two and a half" = 2.5,
"a couple of" = 2, "a few" = X (vague); P3M, PT2H, P2Y6M ("2 1/2 years"); "5 p.m." = 17:00.

The number words and units come from lexicons/time_words.tsv.
"""

from __future__ import annotations

import re

from opslens.knowledge.time_words import lookup


def words_of(text: str) -> list[str]:
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
    ws = words_of(t)
    if not ws or set(ws) & {"few", "several", "many", "number", "dozens", "hundreds"}:
        return "X" if ws else None
    if ws[0] in ("a", "an") and len(ws) > 1 and ws[1] not in ("hundred", "thousand"):
        ws = ws[1:]  # "a couple of", "a dozen"
    half = 0.5 if ws[-2:] == ["a", "half"] and len(ws) > 2 else 0.0
    if half:
        ws = ws[:-2]
    if ws[:1] == ["half"]:
        return 6.0 if "dozen" in ws else 0.5
    n = word_number(ws)
    return n + half if n is not None else None


def word_number(ws: list[str]) -> float | None:
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


def whole_units(unit: str, amount: float) -> tuple[str, int]:
    """ "A year and a half" counts in months, "36 hours" stays hours."""
    if amount != int(amount) and unit in SUB_UNITS:
        sub, per = SUB_UNITS[unit]
        return sub, round(amount * per)
    if unit == "2W":
        return "W", int(amount * 2)
    return unit, int(amount)


def day_number(text: str) -> int | None:
    t = text.lower()
    if m := re.match(r"\d+", t):
        return int(m[0])
    ws = words_of(t)
    total = 0
    for w in ws:
        v = lookup("ordinal", w) or (lookup("number", w) if w in ("twenty", "thirty") else None)
        if v is None or v == "X":
            return None
        total += int(v)
    return total or None


def clock(text: str) -> str | None:
    """ "10:35 a.m." -> "10:35", "5 p.m." -> "17:00", "noon" -> "12:00"; None if not a time."""
    t = text.lower()
    if m := re.search(r"\b(noon|midday|midnight)\b", t):
        return lookup("clock", m[1])
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?|o'clock|in the (?:morning|afternoon|evening))?", t)
    if m is None:
        ws = re.match(r"([a-z]+)\s+(?:o'clock|in the (morning|afternoon|evening))", t.split("about ")[-1])
        if not ws or (n := word_number([ws[1]])) is None:
            return None
        hour, minute, suffix = int(n), 0, ws[2] or ""
    else:
        hour, minute, suffix = int(m[1]), int(m[2] or 0), m[3] or ""
    if suffix.startswith("p") or "afternoon" in suffix or "evening" in suffix:
        hour = hour + 12 if hour < 12 else hour
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
