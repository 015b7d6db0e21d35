"""Event words that contest another report (`lexicons/contest_cues.tsv`): denial or rejection."""

from __future__ import annotations

import re
from functools import cache

from opslens.knowledge import read_tsv


@cache
def contest_cues() -> dict[str, str]:
    """cue lemma → denial | rejection | claim."""
    return {row["cue"]: row["kind"] for row in read_tsv("contest_cues.tsv")}


@cache
def accusation_codes() -> dict[str, str]:
    """claim noun → the CAMEO code of the accusation it names ("criticism" → 111), for the claim
    nouns that accuse someone."""
    return {row["cue"]: row["cameo"] for row in read_tsv("contest_cues.tsv") if row["cameo"]}


def names_a_claim(text: str) -> bool:
    """Does the text name something said: "the allegation", "the charges"?"""
    nouns = {cue for cue, kind in contest_cues().items() if kind == "claim"}
    return any(w in nouns or (w.endswith("s") and w[:-1] in nouns) for w in re.findall(r"[a-z]+", text.lower()))


# "Clinton's charges", "the Pentagon's latest claims": a name, its possessive, a claim noun
_OWNED = re.compile(r"((?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*)['’]s\s+([a-z]+)(?:\s+([a-z]+))?")


def claim_owners(text: str) -> list[str]:
    """Whose claim a text names when it says so: "dismissed Clinton's charges" → ["Clinton"]."""
    nouns = {cue for cue, kind in contest_cues().items() if kind == "claim"}

    def claim(word: str) -> bool:
        return word in nouns or (word.endswith("s") and word[:-1] in nouns)

    return [owner for owner, first, second in _OWNED.findall(text) if claim(first) or claim(second)]


def contest_kind(rule: str | None) -> str | None:
    """The kind of contest an event's rule ("verb:deny") makes, or None."""
    if not rule or ":" not in rule:
        return None
    kind = contest_cues().get(rule.split(":", 1)[1])
    return kind if kind in ("denial", "rejection") else None
