"""When two reports tell of the same event: the pairwise rule merged events are made of.

Merged events are the connected components of this relation, so they do not depend on the order
in which articles arrive. The relation is kept strict, since a loose one chains unrelated events:
- the same PLOVER category and the same polarity (a denied or negated event never merges with an
  asserted one: it is what contests it);
- compatible days: both event dates exact (YYYY-MM-DD) and at most 1 day apart; 2 days when one is
  the article's day standing in for a missing date; a date coarser than a day that does not hold
  the article's day ("in 2006", "in February") only with the same coarse date, told by articles at
  most COARSE_REACH days apart;
- compatible actors on both sides (below); a side missing in one report must be missing in the
  other too, and then the CAMEO codes and the event words must be equal, at least 2 content words
  besides the actors' names shared (half of the shorter evidence's), and the days at most 1 apart;
  a report with neither side never merges;
- compatible places: either unknown, the same GeoNames id or name, or a country holding the other;
- the same act told: the same event word or lexicon pattern, or 2 content words shared besides the
  actors' names (`acts_alike`: two statements about one pair coded alike are not one event).

Actors: a person matches a person of the same surname whose first name (when both have one) is
the same (the analysis's entity names: "Donald Trump" ~ "Trump"), and whose codes, when both have
one, agree; organisations match by a shared name or alias; countries and places (GPE, LOC, NORP)
and bare codes match by code, and a government organisation matches its country by code. Codes
agree when equal, or when one is a bare country (3 letters) the other starts with: "RUS" ~
"RUSGOV", but "USAGOV" !~ "USAMIL". A person never matches a country or organisation: Obama's and
Kerry's acts would both be the United States', and would chain through it.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS  # function words: they say nothing about the act

from opslens.contract import ActorRef, Analysis, Event

EXACT = re.compile(r"\d{4}-\d\d-\d\d")
COARSE = re.compile(r"\d{4}(?:-\d\d)?")
NEGATIVE = frozenset({"negated", "denied"})
COUNTRYLIKE = frozenset({"GPE", "LOC", "NORP", "code"})
_PUNCT = re.compile(r"[^\w\s]")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})
_WORD = re.compile(r"[a-z]+")
OVERLAP = 0.5
MIN_SHARED = 2


def _normal(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


# -- descriptors (plain dicts: they are stored in merged_events.data and read back) -------------


def actor(analysis: Analysis, ref: ActorRef | None) -> dict | None:
    """{"code", "type", "names", "name"} of an event's actor, or None when the side is missing."""
    if ref is None or (ref.entity is None and ref.code is None):
        return None
    entity = next((e for e in analysis.entities if e.id == ref.entity), None) if ref.entity else None
    if entity is None:
        return {"code": ref.code, "type": "code", "names": [], "name": ref.code}
    names = sorted({_normal(n) for n in (entity.name, *entity.aliases) if _normal(n)})
    return {"code": ref.code or entity.actor_code, "type": entity.type, "names": names, "name": entity.name}


def when(event: Event, article_day: str | None) -> tuple[str | None, str]:
    """(day, how): how is "exact" (the event's own date), "article" (its article's day) or "coarse"."""
    value = event.date.value if event.date else None
    article_day = valid_day(article_day)
    if value and EXACT.match(value) and valid_day(value[:10]):
        return value[:10], "exact"
    if value and COARSE.fullmatch(value) and not (article_day or "").startswith(value):
        return value, "coarse"
    return article_day, "article"


def valid_day(day: str | None) -> str | None:
    """A YYYY-MM-DD that is a day of the calendar, else None (a date written "February 30")."""
    if not day or not EXACT.fullmatch(day):
        return None
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return day


def place(analysis: Analysis, place_id: str | None) -> dict | None:
    found = next((p for p in analysis.places if p.id == place_id), None) if place_id else None
    if found is None:
        return None
    return {"name": found.name, "geonames": found.geonames_id, "country": found.country, "feature": found.feature}


def polarity(modality: str) -> str:
    return "negative" if modality in NEGATIVE else "positive"


# -- the relation ------------------------------------------------------------------------------


COARSE_REACH = 7  # days between the articles telling of one event dated only by its year or month


def same_event(a: dict, b: dict) -> bool:
    """May reports `a` and `b` (descriptors of `report_descriptor`) tell of one event?"""
    if a["plover"] != b["plover"] or polarity(a["modality"]) != polarity(b["modality"]):
        return False
    gap = day_gap(a, b)
    if gap is None:
        return False
    missing = [side for side in ("source", "target") if a[side] is None or b[side] is None]
    if any((a[side] is None) != (b[side] is None) for side in missing) or len(missing) == 2:
        return False
    if missing and (a["cameo"] != b["cameo"] or gap > 1 or not same_words(a, b)):
        return False
    present = [side for side in ("source", "target") if side not in missing]
    return (
        all(actors_match(a[side], b[side]) for side in present)
        and places_match(a["place"], b["place"])
        and acts_alike(a, b)
    )


def day_gap(a: dict, b: dict) -> int | None:
    """Days between two reports, or None when their dates cannot be the same event's."""
    if a["day"] is None or b["day"] is None:
        return None
    if a["how"] == "coarse" or b["how"] == "coarse":
        same = a["how"] == b["how"] and a["day"] == b["day"] and _told_near(a, b)
        return 0 if same else None
    gap = abs((date.fromisoformat(a["day"]) - date.fromisoformat(b["day"])).days)
    limit = 1 if a["how"] == b["how"] == "exact" else 2
    return gap if gap <= limit else None


def _told_near(a: dict, b: dict) -> bool:
    """Two reports of an act dated only "in 2008" are one event only when told within COARSE_REACH
    days of each other: a year names no development, and the candidates stay few as the store grows."""
    first, second = a.get("article_day"), b.get("article_day")
    if not first or not second:  # descriptors stored before article days were kept
        return True
    return abs((date.fromisoformat(first) - date.fromisoformat(second)).days) <= COARSE_REACH


def words(text: str) -> list[str]:
    """The evidence's content words (4 letters or more, stemmed crudely): what two tellings share."""
    return sorted({stem(w) for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in STOP_WORDS})


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def same_words(a: dict, b: dict) -> bool:
    """The same event word, and besides the actors' names at least 2 content words shared, half of the
    shorter evidence's: what a one-sided event needs besides its one actor ("Trump attacked" is said
    of many acts, and every sentence about the Clinton Foundation names it)."""
    if stem((a["cue"] or "").lower()) != stem((b["cue"] or "").lower()):
        return False
    names = name_words(a) | name_words(b)
    x, y = set(a["words"]) - names, set(b["words"]) - names
    shared = len(x & y)
    return shared >= MIN_SHARED and shared >= OVERLAP * min(len(x), len(y))


def acts_alike(a: dict, b: dict) -> bool:
    """Told as the same act: the same event word or lexicon pattern, or at least MIN_SHARED content
    words shared besides the actors' names. A category and a pair of actors are not enough: "Clinton
    leads Trump in the polls" and "Clinton served as first lady" are both coded cooperation."""
    if stem((a["cue"] or "").lower()) == stem((b["cue"] or "").lower()) and a["cue"]:
        return True
    if a.get("rule") and a.get("rule") == b.get("rule"):
        return True
    names = name_words(a) | name_words(b)
    return len((set(a["words"]) - names) & (set(b["words"]) - names)) >= MIN_SHARED


def name_words(report: dict) -> set[str]:
    """The content words of the names of a report's actors."""
    sides = (report[s] for s in ("source", "target"))
    return {w for side in sides if side for w in words(" ".join(side["names"]))}


def codes_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a == b or ((len(a) == 3 or len(b) == 3) and a[:3] == b[:3])


def actors_match(a: dict, b: dict) -> bool:
    if not codes_match(a["code"], b["code"]):
        return False
    people = (a["type"] == "PERSON", b["type"] == "PERSON")
    if all(people):
        return persons_match(a["names"], b["names"])
    if any(people):
        return False
    if bool(set(a["names"]) & set(b["names"])):
        return True
    if not (a["code"] and b["code"]):
        return False
    places = (a["type"] in COUNTRYLIKE, b["type"] in COUNTRYLIKE)
    if all(places):
        return True
    if any(places):  # a country and its government: "Russia" ~ "the Kremlin" (RUS, RUSGOV)
        country, other = (a, b) if places[0] else (b, a)
        return len(country["code"]) == 3 and other["code"] == country["code"] + "GOV"
    return False


def persons_match(a: list[str], b: list[str]) -> bool:
    """Some name of each with the same surname, and the same first name when both give one."""
    return any(_person_names_match(x.split(), y.split()) for x in a for y in b)


def _person_names_match(x: list[str], y: list[str]) -> bool:
    x = [w for w in x if w not in _SUFFIXES]
    y = [w for w in y if w not in _SUFFIXES]
    if not x or not y or x[-1] != y[-1]:
        return False
    return len(x) == 1 or len(y) == 1 or x[0] == y[0]


def places_match(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return True
    if a["geonames"] is not None and a["geonames"] == b["geonames"]:
        return True
    if _normal(a["name"]) == _normal(b["name"]):
        return True
    return (a["feature"] == "country" and a["country"] == b["country"] and a["country"] is not None) or (
        b["feature"] == "country" and b["country"] == a["country"] and b["country"] is not None
    )
