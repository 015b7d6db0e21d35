"""The facts a brief shows, chosen once for every rendering."""

from __future__ import annotations

from dataclasses import dataclass

from opslens.model import Analysis, Entity

ACTOR_TYPES = ("PERSON", "ORG")
SOURCE_KINDS = ("state_media", "wire_agency", "news_outlet")


@dataclass
class BriefFacts:
    title: str
    meta: list[tuple[str, str]]
    summary: str
    people: list[Entity]
    organisations: list[Entity]
    places: list[Entity]
    sources: list[str]
    sourcing: list[str]


def role_text(e: Entity) -> str:
    parts = []
    for r in e.roles:
        text = ("former " if r.former else "") + r.title
        if r.country:
            text += f" ({r.country})"
        parts.append(text)
    return "; ".join(parts)


def facts(a: Analysis) -> BriefFacts:
    art = a.article
    published = art.published.value or "date unknown"
    if art.published.value and art.published.source != "given":
        published += f" ({art.published.source})"
    meta = [("Published", published)]
    for label, value in (("Outlet", art.outlet), ("By", art.byline), ("URL", art.url), ("Dateline", art.dateline)):
        if value:
            meta.append((label, value))
    if art.credits:
        meta.append(("Credits", ", ".join(art.credits)))
    meta.append(("Article", f"{art.id}  ({len(art.text):,} characters, {art.language})"))
    ents = a.entities
    by_mentions = lambda e: -len(e.mentions)  # noqa: E731 - most-mentioned first
    sources = []
    for e in ents:
        if e.kind in SOURCE_KINDS:
            sources.append(f"{e.name} — {e.kind.replace('_', ' ')}" + (f", {e.country}" if e.country else ""))
    return BriefFacts(
        title=art.title or "(untitled article)",
        meta=meta,
        summary=a.brief.summary,
        people=sorted((e for e in ents if e.type == "PERSON"), key=by_mentions),
        organisations=sorted((e for e in ents if e.type == "ORG"), key=by_mentions),
        places=sorted((e for e in ents if e.type in ("GPE", "LOC", "FAC")), key=by_mentions),
        sources=sources,
        sourcing=sourcing_lines(a),
    )


def sourcing_lines(a: Analysis) -> list[str]:
    """Who is quoted (most first), anonymous sources and state-media origins, one line each."""
    s = a.brief.sourcing
    lines = []
    for q in s.quoted:
        text = q.name + (f" ({q.country})" if q.country else "")
        kind = (q.kind or "source").replace("_", " ")
        count = f"{len(q.attributions)} report" + ("s" if len(q.attributions) != 1 else "")
        if q.direct:
            count += f", {q.direct} quoted directly"
        via = f", via {', '.join(q.via)}" if q.via else ""
        lines.append(f"{text} — {kind}: {count}{via}")
    if s.anonymous:
        lines.append(f"Anonymous sources: {s.anonymous} report" + ("s" if s.anonymous != 1 else ""))
    if s.state_media:
        lines.append("State-media origins: " + ", ".join(s.state_media))
    if s.unsourced:
        lines.append(f"Reports with no source given: {s.unsourced}")
    return lines
