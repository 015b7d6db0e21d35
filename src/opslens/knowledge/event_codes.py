"""What the events stage knows about event words and their codes, read from the lexicons.

  event_verbs.tsv        event expressions (verbs, nouns, verb+object phrases, speech verbs) → CAMEO
                         code, PLOVER override and frame flags (`event_lexicon`, `EventCue`): what
                         the CAMEO 2.0 verb dictionary (`cameo_verbs.py`) lacks or gets wrong
  event_reversals.tsv    verbs that end or break what their object names ("lifted the blockade"):
                         object code prefix → code (`reversals`)
  non_events.tsv         an event verb with a complement that makes it no event ("declined to
                         comment") (`non_events`)
  contest_words.tsv      words of contests of votes and ranks: a verb of force with one is a contest
                         won or lost, not force ("beat her rival in the caucuses") (`contest_words`)
  event_actor_nouns.tsv  collective nouns that name actors, with their CAMEO sector (`actor_nouns`)
  cameo_codes.csv        the CAMEO table: PLOVER category and mode, quad class, Goldstein value
                         (`cameo_table`, `code`)
Each file is read once per process.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from opslens.knowledge import read_tsv, resource


@dataclass(frozen=True)
class EventCue:
    """One expression of `event_verbs.tsv` and what it codes."""

    phrase: str
    pos: str  # "verb", "noun", "object" (the noun as a verb's object: "cut ties") or "speech"
    cameo: str
    embeds: bool  # "agreed to X": X is what was agreed, not an event of its own
    needs_target: bool
    plover: str | None
    mutual: bool = False  # "X and Y signed", "X telephoned Y": both sides act, the event is reciprocal
    self_directed: bool = False  # "resigned", "surrendered": no target
    light: bool = False  # "impose": an event of its own only when its object is not one ("imposed sanctions")
    state: bool = False  # "alert": an event only as a state one is on or under ("remained on alert")
    bare: bool = False  # a dictionary verb read alone, with no pattern: an event only when it has a target
    received: bool = False  # a dictionary pattern of an act done to the subject ("received a loan from X")
    alone: bool = (
        False  # the row holds only for the verb with no object ("workers struck"; "struck targets": the dictionary's)
    )


@dataclass(frozen=True)
class Code:
    """A CAMEO code with what the CAMEO table says of it."""

    cameo: str
    plover: str | None
    mode: str | None
    quad: int | None
    goldstein: float | None


@cache
def event_lexicon() -> dict[tuple[str, str], EventCue]:
    """(pos, phrase) → its cue (`lexicons/event_verbs.tsv`)."""
    out = {}
    for row in read_tsv("event_verbs.tsv"):
        flags = set(row["frame"].split("+")) if row["frame"] else set()
        out[(row["pos"], row["cue"])] = EventCue(
            row["cue"],
            row["pos"],
            row["cameo"],
            "embeds" in flags,
            "target" in flags,
            row["plover"] or None,
            "mutual" in flags,
            "self" in flags,
            "light" in flags,
            "state" in flags,
            alone="alone" in flags,
        )
    return out


@cache
def cue_words() -> frozenset[str]:
    """Every word of every event phrase and reversal (a word outside them is no event word)."""
    phrases = [cue for _, cue in event_lexicon()] + list(reversals())
    return frozenset(w for phrase in phrases for w in phrase.split())


@cache
def reversals() -> dict[str, list[tuple[str, str, str | None]]]:
    """verb → [(object code prefix, code, PLOVER override)], longest prefix first
    (`lexicons/event_reversals.tsv`)."""
    out: dict[str, list[tuple[str, str, str | None]]] = {}
    for row in read_tsv("event_reversals.tsv"):
        for verb in row["verbs"].split("|"):
            out.setdefault(verb.strip(), []).append((row["object"], row["cameo"], row["plover"] or None))
    for rows in out.values():
        rows.sort(key=lambda r: -len(r[0]))
    return out


@cache
def non_events() -> dict[str, frozenset[str]]:
    """event verb → the complements with which it reports no event (`lexicons/non_events.tsv`)."""
    out: dict[str, set[str]] = {}
    for row in read_tsv("non_events.tsv"):
        for verb in row["verb"].split("|"):
            out.setdefault(verb.strip(), set()).update(c.strip() for c in row["complements"].split("|"))
    return {verb: frozenset(comps) for verb, comps in out.items()}


@cache
def contest_words() -> frozenset[str]:
    """Words of contests, ranks and their parties (`lexicons/contest_words.tsv`)."""
    return frozenset(row["word"] for row in read_tsv("contest_words.tsv"))


@cache
def sense_verbs(kind: str) -> frozenset[str]:
    """Verbs of one kind whose sense tells no event of their code: trying, job_ending, contesting,
    dying, winning, verbal (`lexicons/sense_verbs.tsv`)."""
    return frozenset(row["verb"] for row in read_tsv("sense_verbs.tsv") if row["kind"] == kind)


@cache
def actor_nouns() -> dict[str, str | None]:
    """Collective noun → its CAMEO sector, None for an actor noun with no sector of its own
    (`lexicons/event_actor_nouns.tsv`)."""
    return {
        row["noun"]: (None if row["sector"] in ("", "-") else row["sector"])
        for row in read_tsv("event_actor_nouns.tsv")
    }


@cache
def cameo_table() -> dict[str, dict[str, str]]:
    """CAMEO code → its row of `lexicons/cameo_codes.csv`."""
    text = resource("cameo_codes.csv").read_text(encoding="utf-8")
    return {row["cameo_code"]: row for row in csv.DictReader(io.StringIO(text))}


# Where the PLOVER 0.8 manual's root translation (plover_v0.8_cameo_cue_translation.csv, table
# tab:xlate: CAMEO 16 → SANCTION) and the 2021 code table disagree (163 → COERCE), the manual
# wins for every expression of the code, the dictionary's ("slapped sanctions on") as the hand
# lexicon's ("imposed an embargo"): one act, one category (see lexicons/cameo_codes.md)
MANUAL_CATEGORIES = {"163": "SANCTION"}


def code(cameo: str, plover: str | None = None) -> Code:
    """PLOVER, quad class and Goldstein of a CAMEO code (the nearest listed parent when the code
    itself is not in the table)."""
    table = cameo_table()
    key = next((k for k in (cameo, cameo[:3], cameo[:2]) if k in table), None)
    if key is None:
        return Code(cameo, plover, None, None, None)
    row = table[key]
    plover = plover or MANUAL_CATEGORIES.get(key)
    category = plover or (row["plover_2021_event"] if row["plover_2021_event"] not in ("", "dropped") else None)
    mode = row["plover_2021_mode"] or None if not plover or plover == row["plover_2021_event"] else None
    return Code(
        cameo,
        category,
        mode,
        int(row["phoenix_quad_class"]) if row["phoenix_quad_class"] else None,
        float(row["goldstein_gdelt"]) if row["goldstein_gdelt"] else None,
    )
