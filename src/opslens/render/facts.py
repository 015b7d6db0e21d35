"""The facts a brief shows, chosen once for every rendering."""

from __future__ import annotations

from dataclasses import dataclass, field

from opslens.contract import ActorRef, Analysis, Entity, Event

ACTOR_TYPES = ("PERSON", "ORG")
SOURCE_KINDS = ("state_media", "wire_agency", "news_outlet")


@dataclass
class BriefFacts:
    title: str
    meta: list[tuple[str, str]]
    summary: str
    people: list[Entity]
    organisations: list[Entity]
    places: list[str]
    sources: list[str]
    sourcing: list[str]
    developments: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    not_analyzed: str | None = None  # why the stages did not run, when they did not


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
    if art.text_note:  # the text is not what the input pointed at (a feed entry's dead link)
        meta.append(("Text", art.text_note))
    for failure in a.pipeline.failed:  # facts of that kind are missing, not absent from the text
        meta.append(("Incomplete", f"the {failure.stage} stage failed ({failure.error})"))
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
        places=place_lines(a),
        sources=sources,
        sourcing=sourcing_lines(a),
        developments=[event_line(a, e) for e in _events(a, a.brief.key_developments)],
        history=[event_line(a, e) for e in _events(a, a.brief.background)],
        relations=dyad_lines(a),
        dates=date_lines(a),
        not_analyzed=a.skipped.note if a.skipped else None,
    )


def place_lines(a: Analysis) -> list[str]:
    """Each resolved place, most mentioned first: where it is and which gazetteer entry."""
    lines = []
    for p in sorted(a.places, key=lambda p: -len(p.mentions)):
        where = ", ".join(x for x in (p.feature, p.country) if x)
        coords = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "no coordinates"
        gid = f"; GeoNames {p.geonames_id}" if p.geonames_id else ""
        lines.append(
            f"{p.name} ({where}) — {coords}{gid}; {len(p.mentions)} mention" + ("s" if len(p.mentions) != 1 else "")
        )
    return lines


def date_lines(a: Analysis) -> list[str]:
    """The article's temporal expressions in text order, each with its normalised value."""
    return [f"“{t.text}” → {t.value or '?'} ({t.type.lower()})" for t in a.times]


def _events(a: Analysis, ids: list[str]) -> list[Event]:
    by_id = {e.id: e for e in a.events}
    return [by_id[i] for i in ids if i in by_id]


def actor_text(a: Analysis, ref: ActorRef | None) -> str:
    if ref is None:
        return "—"
    names = {e.id: e.name for e in a.entities}
    parts = ref.members or [ref]
    out = []
    for p in parts:
        name = names.get(p.entity or "")
        out.append(f"{name} [{p.code}]" if name and p.code else name or (f"[{p.code}]" if p.code else "?"))
    return " and ".join(out)


def event_line(a: Analysis, e: Event) -> str:
    """One event for a reader: what, who to whom, when, where, how it is told, on whose word."""
    what = e.plover + (f" ({e.mode})" if e.mode else "") + (f", CAMEO {e.cameo}" if e.cameo else "")
    who = actor_text(a, e.source_actor)
    if e.reciprocal:
        who += " (with each other)"
    elif e.target_actor is not None:
        who += " → " + actor_text(a, e.target_actor)
    parts = [what, who]
    times = {t.id: t for t in a.times}
    if e.date and e.date.value:
        dated = e.date.value
        if e.date.time is None:
            dated += " (article date)"
        elif e.date.time in times:
            dated += f" (“{times[e.date.time].text}”)"
        parts.append(dated)
    places = {p.id: p.name for p in a.places}
    if e.place in places:
        parts.append(f"in {places[e.place]}")
    parts.append(e.modality)
    parts.append(sourcing_of(a, e))
    return " · ".join(parts)


def sourcing_of(a: Analysis, e: Event) -> str:
    """ "according to TASS ← an unidentified Foreign Ministry source", "direct quote of …", or the
    outlet's own account."""
    by_id = {x.id: x for x in a.every_attribution()}
    at = by_id.get(e.attribution or "")
    said = by_id.get(e.statement or "")
    words = ""
    if said is not None and said.direct:
        words = f", in their words: {said.content.text}"
    if at is None:
        return "the outlet's own account" + words
    chain = (
        " ← ".join(
            link.name + (" (anonymous)" if at.anonymous and i == len(at.chain) - 1 else "")
            for i, link in enumerate(at.chain)
        )
        or "an unnamed source"
    )
    return ("direct quote of " if at.direct else "according to ") + chain + words


def dyad_lines(a: Analysis) -> list[str]:
    lines = []
    for d in a.brief.dyads or []:
        sides = " – ".join(d.actors)
        lines.append(
            f"{sides}: {d.tone} (Goldstein {d.goldstein:+.1f}; {d.cooperative} cooperative, "
            f"{d.conflictual} conflictual; events {', '.join(d.events)})"
        )
    return lines


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
        reports = f"{s.anonymous} report" + ("s" if s.anonymous != 1 else "")
        lines.append(
            f"Anonymous sources: {s.anonymous_sources} ({reports})"
            if s.anonymous_sources
            else f"Anonymous sources: {reports}"
        )
    if s.state_media:
        lines.append("State-media origins: " + ", ".join(s.state_media))
    if s.unsourced:
        lines.append(f"Reports with no source given: {s.unsourced}")
    return lines
