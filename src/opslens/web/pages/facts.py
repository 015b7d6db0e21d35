"""The facts of one article for its page: where each is marked in the text, and what the side
panel shows when it is clicked (its details and its source chain).

A fact's source chain is who said it, through whom: an event's own attribution; for any other
fact, the innermost report whose content holds it; none when the article tells it in its own voice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from opslens.contract import Analysis, Attribution, Entity, Event, Place, Span, Time
from opslens.render.facts import actor_text, event_line, role_text
from opslens.web.pages.markup import Mark

OWN_ACCOUNT = "the outlet's own account"


@dataclass
class Fact:
    kind: str
    label: str
    details: list[tuple[str, str]]
    chain: list[str] = field(default_factory=list)  # outermost first
    href: str | None = None  # a page of its own (a canonical entity)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "details": [list(d) for d in self.details],
            "chain": self.chain,
            "chain_text": chain_text(self.chain),
            "href": self.href,
        }


@dataclass
class ArticleFacts:
    facts: dict[str, Fact] = field(default_factory=dict)
    marks: list[Mark] = field(default_factory=list)

    def add(self, key: str, fact: Fact, spans: Sequence[Span | Time | None], kind: str | None = None) -> None:
        self.facts[key] = fact
        self.marks += [Mark(s.start, s.end, key, kind or fact.kind) for s in spans if s is not None]


def chain_text(chain: list[str]) -> str:
    return " ← ".join(chain) if chain else OWN_ACCOUNT


def article_facts(a: Analysis, entity_pages: dict[str, str]) -> ArticleFacts:
    """Every entity, place, time, attribution and event of the analysis, keyed "kind:id";
    `entity_pages` maps local entity ids to the page of their canonical entity."""
    found = ArticleFacts()
    reports = a.every_attribution()
    for e in a.entities:
        spans = list(e.mentions)
        found.add(f"entity:{e.id}", _entity(e, _chain_at(reports, spans), entity_pages.get(e.id)), spans)
    for p in a.places:
        found.add(f"place:{p.id}", _place(p, _chain_at(reports, p.mentions)), list(p.mentions))
    for t in a.times:
        found.add(f"time:{t.id}", _time(t, _chain_at(reports, [t])), [t])
    for r in reports:
        fact = _attribution(r)
        found.add(f"attribution:{r.id}", fact, [r.source, r.cue])
        found.add(f"attribution:{r.id}", fact, _content_spans(r), kind="quote")
    by_id = {r.id: r for r in reports}
    for ev in a.events:
        told = by_id.get(ev.attribution or "")
        chain = chain_of(told) if told else _chain_at(reports, [ev.evidence])
        fact = _event(a, ev, chain)
        found.add(f"event:{ev.id}", fact, [ev.cue])
        found.add(f"event:{ev.id}", fact, [ev.evidence], kind="evidence")
    return found


def chain_of(r: Attribution) -> list[str]:
    """The report's chain as people read it: who relayed it, then whom they cite; an unnamed last
    link is marked anonymous."""
    names = [link.name + _link_note(link.kind) for link in r.chain]
    if names and r.anonymous:
        names[-1] += " (anonymous)"
    return names or [r.speaker or "an unnamed source"]


def _link_note(kind: str | None) -> str:
    return f" ({kind.replace('_', ' ')})" if kind in ("state_media", "wire_agency") else ""


def _chain_at(reports: list[Attribution], spans: Sequence[Span | Time]) -> list[str]:
    """The chain of the innermost report whose content holds the fact's first span."""
    if not spans:
        return []
    start, end = spans[0].start, spans[0].end
    holding = [r for r in reports if any(s.start <= start and end <= s.end for s in _content_spans(r))]
    if not holding:
        return []
    return chain_of(min(holding, key=lambda r: r.content.end - r.content.start))


def _content_spans(r: Attribution) -> list[Span]:
    c = r.content
    if c.fragments:
        return [Span(start=s, end=e, text="") for s, e in c.fragments]
    return [c]


def _entity(e: Entity, chain: list[str], href: str | None) -> Fact:
    details = [("Type", e.type), ("Aliases", ", ".join(e.aliases)), ("Roles", role_text(e))]
    details += [("Country", e.country or ""), ("Actor code", e.actor_code or ""), ("Kind", e.kind or "")]
    details.append(("Mentions", str(len(e.mentions))))
    return Fact("entity", e.name, _filled(details), chain, href)


def _place(p: Place, chain: list[str]) -> Fact:
    where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else ""
    details = [("Country", p.country or ""), ("Coordinates", where), ("Feature", p.feature or "")]
    details.append(("GeoNames id", str(p.geonames_id or "")))
    return Fact("place", p.name, _filled(details), chain)


def _time(t: Time, chain: list[str]) -> Fact:
    details = [("Type", t.type), ("Value", t.value or ""), ("Modifier", t.mod or "")]
    return Fact("time", t.text, _filled(details), chain)


def _attribution(r: Attribution) -> Fact:
    how = "direct quotation" if r.direct else "reported speech"
    details = [("Speaker", r.speaker or ""), ("How", how), ("Anonymous", "yes" if r.anonymous else "")]
    details += [("Cue", r.cue.text if r.cue else ""), ("Content", r.content.text)]
    return Fact("attribution", f"{r.speaker or 'An unnamed source'}: {how}", _filled(details), chain_of(r))


def _event(a: Analysis, ev: Event, chain: list[str]) -> Fact:
    details = [("Summary", event_line(a, ev)), ("PLOVER", ev.plover), ("CAMEO", ev.cameo or "")]
    details += [("Modality", ev.modality), ("Date", ev.date.value if ev.date and ev.date.value else "")]
    details += [("Goldstein", "" if ev.goldstein is None else f"{ev.goldstein:+g}")]
    details += [("Background", "yes" if ev.background else ""), ("Evidence", ev.evidence.text)]
    who = actor_text(a, ev.source_actor) + ("" if ev.target_actor is None else " → " + actor_text(a, ev.target_actor))
    return Fact("event", f"{ev.plover}: {who}", _filled(details), chain)


def _filled(details: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in details if v]
