"""stix: a STIX 2.1 bundle built with the `stix2` library, for threat-intelligence platforms.

A `report` per article (or one per story when exporting a story) referring to what it tells:
`identity` objects for its outlet, the actors of its merged events and the sources it quotes;
`location`s for the events' places; a `relationship` per merged event from its source actor to its
target (relationship_type = its PLOVER category, lowercase and hyphenated: "accuse", "consult"),
its evidence in the description; a `note` per attributed report (who said it, the evidence text).

Ids are uuid5 of stable keys (an actor's code, a merged event's id, an article's sha256...) and
timestamps come from the articles, so two exports of the same store are identical byte for byte.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import BinaryIO

import pycountry
import stix2  # type: ignore[import-untyped]  # no stubs shipped

from opslens.contract import Analysis, Place
from opslens.export.selection import Selection, analyses_in, article_rows, article_times, place_of, selection
from opslens.link.listing import EventFilter
from opslens.store import Store

NAMESPACE = uuid.UUID("3d0f7b52-8f6e-5c39-9a4e-0b9f3c1a7d21")  # OpsLens's own: any fixed uuid does
SOURCE_KINDS = {"person": "individual", "anonymous": "unknown"}


def sid(kind: str, *key: object) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join(map(str, key)))}"


def stamp(value: str | None, fallback: datetime) -> datetime:
    """A STIX timestamp from a published date ("2022", "2022-02", "2022-02-10", or a full ISO time)."""
    if not value:
        return fallback
    padded = value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value
    try:
        when = datetime.fromisoformat(padded)
    except ValueError:
        return fallback
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


class Bundler:
    """The bundle's objects by id, each made once (the first article to need it dates it)."""

    def __init__(self) -> None:
        self.objects: dict[str, object] = {}

    def add(self, make, id_: str, when: datetime, **props) -> str:
        if id_ not in self.objects:
            self.objects[id_] = make(id=id_, created=when, modified=when, **props)
        return id_

    def identity(self, key: tuple, name: str, klass: str, when: datetime, **props) -> str:
        return self.add(stix2.Identity, sid("identity", *key), when, name=name, identity_class=klass, **props)

    def location(self, place: Place, when: datetime) -> str | None:
        country = pycountry.countries.get(alpha_3=place.country) if place.country else None
        located = {"latitude": place.lat, "longitude": place.lon} if place.lat is not None else {}
        if country is None and not located:
            return None  # STIX needs a region, a country or coordinates
        props = {"country": country.alpha_2} if country else {}
        key = place.geonames_id or place.name
        return self.add(stix2.Location, sid("location", key), when, name=place.name, **located, **props)


def event_objects(b: Bundler, event: dict, place: Place | None, when: datetime) -> tuple[list[str], str | None]:
    """The actors, place and relationship of a merged event: (ids the report refers to, the relationship id)."""
    refs = []
    ends = []
    for code, name in ((event["source"], event["source_name"]), (event["target"], event["target_name"])):
        if code:
            desc = f"CAMEO actor code {code}"
            ends.append(b.identity(("actor", code), name or code, "unknown", when, description=desc))
    refs += ends
    where = b.location(place, when) if place else None
    refs += [where] if where else []
    if len(ends) < 2:
        return refs, None
    first = event["reports"][0]["evidence"]["text"] if event["reports"] else ""
    told = f"{event['plover']} (CAMEO {event['cameo'] or '—'}) on {event['date'] or 'an unknown day'}"
    told += f" at {event['place']}" if event["place"] else ""
    rel = b.add(
        stix2.Relationship,
        sid("relationship", event["id"]),
        when,
        relationship_type=event["plover"].lower().replace("_", "-"),
        source_ref=ends[0],
        target_ref=ends[1],
        description=f"{told}; {event['independent_origins']} independent origin(s). Evidence: {first}",
    )
    return [*refs, rel], rel


def note_of(b: Bundler, analysis: Analysis, report: dict, about: str, when: datetime) -> list[str]:
    """The attribution of one report as a note on what it backs, and its sources as identities."""
    chain = report["chain"]
    if not chain:
        return []
    sources = [
        b.identity(("source", link["name"]), link["name"], SOURCE_KINDS.get(link["kind"] or "", "organization"), when)
        for link in chain
    ]
    said = " via ".join(link["name"] for link in reversed(chain))
    note = b.add(
        stix2.Note,
        sid("note", analysis.article.sha256, report["event"]),
        when,
        abstract=f"According to {said}",
        content=report["evidence"]["text"],
        authors=[chain[-1]["name"]],
        object_refs=[about],
    )
    return [*sources, note]


def article_objects(
    b: Bundler, analysis: Analysis, told: list[tuple[dict, dict]], chosen: Selection, when
) -> list[str]:
    """Everything a report of this article refers to: its outlet, and for each (merged event, its
    report in this article) the event's objects and the report's note."""
    refs = [
        b.identity(
            ("outlet", analysis.article.outlet or "unknown outlet"),
            analysis.article.outlet or "unknown outlet",
            "organization",
            when,
            sectors=["communications"],
        )
    ]
    for event, report in told:
        place = place_of(event, chosen.reports.get(event["id"], []), chosen.analyses)
        found, rel = event_objects(b, event, place, when)
        refs += found
        refs += note_of(b, analysis, report, rel or refs[0], when)
    return list(dict.fromkeys(refs))


def article_report(b: Bundler, analysis: Analysis, refs: list[str], when: datetime) -> str:
    art = analysis.article
    source = {"source_name": art.outlet or "article", "external_id": art.id}
    return b.add(
        stix2.Report,
        sid("report", art.sha256),
        when,
        name=art.title or f"Article {art.id}",
        published=when,
        report_types=["news-article"],
        description=analysis.brief.summary or None,
        external_references=[{**source, "url": art.url} if art.url else source],
        object_refs=refs,
        created_by_ref=refs[0],
    )


def told_in(chosen: Selection) -> dict[int, list[tuple[dict, dict]]]:
    """Article row -> the (merged event, its report there) pairs it tells, the events latest first."""
    found: dict[int, list[tuple[dict, dict]]] = {}
    for event in chosen.events:
        for ra, report in zip(chosen.reports.get(event["id"], []), event["reports"], strict=False):
            found.setdefault(ra.row, []).append((event, report))
    return found


def bundle(store: Store, f: EventFilter, story: str | None = None) -> stix2.Bundle:
    chosen = selection(store, f, story, analyses=True)
    rows = article_rows(store, f, story)
    times = article_times(store, rows)
    told = told_in(chosen)
    b = Bundler()
    story_refs: list[str] = []
    for row, analysis in zip(rows, analyses_in(store, rows), strict=True):
        when = stamp(analysis.article.published.value, times[row])
        refs = article_objects(b, analysis, told.get(row, []), chosen, when)
        if story is None:
            article_report(b, analysis, refs, when)
        else:
            story_refs += refs
    if story is not None:
        story_report(b, store, story, list(dict.fromkeys(story_refs)))
    ids = sorted(b.objects)
    return stix2.Bundle(objects=list(b.objects.values()), id=sid("bundle", *ids))


def story_report(b: Bundler, store: Store, story_id: str, refs: list[str]) -> None:
    from opslens.link.story_views import get_story

    story = get_story(store, story_id)
    when = stamp(story.first_seen, datetime(1970, 1, 1, tzinfo=UTC))
    if not refs:  # a report must refer to something: a story of articles whose facts were not kept
        refs = [b.identity(("outlet", "unknown outlet"), "unknown outlet", "organization", when)]
    b.add(
        stix2.Report,
        sid("report", "story", story.id),
        when,
        name=story.title,
        published=when,
        report_types=["news-story"],
        description=f"{story.n_articles} article(s) from {len(story.outlets)} outlet(s), "
        f"first seen {story.first_seen or '—'}, last seen {story.last_seen or '—'}.",
        object_refs=refs,
    )


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None) -> int:
    found = bundle(store, f, story)
    out.write(found.serialize(pretty=True).encode("utf-8") + b"\n")
    return len(found.objects)
