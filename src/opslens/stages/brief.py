"""Brief stage: key developments vs background (from events), the tone of each actor pair,
who says so, and a one-sentence summary.

The summary is the article's lead: its first sentence that reads as news (enough words, not a
credit line), with the span it came from. A dyad is a pair of sides (countries, or actor codes
without a country) that events join, source to target or the members of a reciprocal event; its
tone is the Goldstein sum with the count of cooperative (quad class 1-2) and conflictual (3-4)
acts. Negated, hypothetical and denied events are not acts and do not count.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Doc

from opslens.contract import ActorRef, Analysis, Attribution, Brief, Dyad, Event, QuotedSource, Sourcing, Span

MIN_LEAD_WORDS = 8


def make_brief(doc: Doc, analysis: Analysis) -> Brief:
    key = [e.id for e in analysis.events if not e.background]
    background = [e.id for e in analysis.events if e.background]
    lead = _lead(doc)
    return Brief(
        key_developments=key,
        background=background,
        summary=lead.text if lead else (analysis.article.title or ""),
        lead=lead,
        sourcing=sourcing(analysis.every_attribution(), {e.id: e.name for e in analysis.entities}),
        dyads=dyads(analysis.events, {e.id: e.name for e in analysis.entities}) or None,
    )


NOT_ACTS = ("negated", "hypothetical", "denied")


def dyads(events: list[Event], names: dict[str, str]) -> list[Dyad]:
    """The tone between each pair of sides the events join, most events first."""
    by_pair: dict[tuple[str, str], Dyad] = {}
    order = sorted(events, key=lambda e: e.background)  # key developments first
    for ev in order:
        if ev.modality in NOT_ACTS:
            continue
        for (a, a_name), (b, b_name) in _pairs(ev):
            if a == b:
                continue
            key = tuple(sorted((a, b)))
            d = by_pair.setdefault(key, Dyad(actors=list(key), names=[[], []]))
            for side, name in ((a, a_name), (b, b_name)):
                label = names.get(name or "")
                if label and label not in d.names[key.index(side)]:
                    d.names[key.index(side)].append(label)
            if ev.id in d.events:
                continue
            d.events.append(ev.id)
            d.goldstein = round(d.goldstein + (ev.goldstein or 0.0), 2)
            if ev.quad_class in (1, 2):
                d.cooperative += 1
            elif ev.quad_class in (3, 4):
                d.conflictual += 1
    for d in by_pair.values():
        d.tone = (
            "mixed"
            if d.cooperative and d.conflictual
            else "cooperative"
            if d.cooperative
            else "conflictual"
            if d.conflictual
            else "neutral"
        )
    return sorted(by_pair.values(), key=lambda d: (-len(d.events), d.actors))


def _side(ref: ActorRef | None) -> list[tuple[str, str | None]]:
    if ref is None:
        return []
    parts = ref.members or [ref]
    return [(_side_code(p.code), p.entity) for p in parts if p.code]


def _side_code(code: str) -> str:
    """A country's actors are one side (GBRGOV, GBRMIL → GBR); organisations keep their code."""
    return code if code[:3] in ("IGO", "NGO", "IMG", "MNC") or len(code) < 3 else code[:3]


def _pairs(ev: Event):
    sources, targets = _side(ev.source_actor), _side(ev.target_actor)
    if ev.reciprocal or not targets:
        yield from combinations(sources, 2)
    for s in sources:
        for t in targets:
            yield s, t


def sourcing(attributions: list[Attribution], names: dict[str, str]) -> Sourcing:
    """Who the article relies on: each source by speaker (or by its words when unnamed), how
    many anonymous sources, which state media stand in the chains. A record that reports
    nothing ("agreed to hold talks") sources nothing."""
    attributions = [a for a in attributions if a.reports]
    by_key: dict[str, QuotedSource] = {}
    state_media: dict[str, str] = {}  # entity id (or name) → name as first written
    for a in attributions:
        for link in a.chain:
            if link.kind == "state_media":
                state_media.setdefault(link.entity or link.name, link.name)
        if not a.chain:
            continue
        last = a.chain[-1]
        key = last.entity or last.name.casefold()
        q = by_key.setdefault(
            key,
            QuotedSource(
                name=names.get(last.entity or "", last.name),
                entity=last.entity,
                kind=last.kind,
                country=last.country,
                anonymous=_anonymous(a),
            ),
        )
        q.attributions.append(a.id)
        q.direct += a.direct
        for outer in a.chain[:-1]:
            if outer.name not in q.via:
                q.via.append(outer.name)
    return Sourcing(
        quoted=sorted(by_key.values(), key=lambda q: -len(q.attributions)),
        anonymous=sum(_anonymous(a) for a in attributions),
        anonymous_sources=sum(q.anonymous for q in by_key.values()),
        state_media=list(state_media.values()),
        unsourced=sum(not a.chain for a in attributions),
    )


def _anonymous(a: Attribution) -> bool:
    """Whether the report rests on an unnamed source: its own, or the last one its chain cites
    ("state television reported, citing an unnamed official")."""
    return a.anonymous or (bool(a.chain) and a.chain[-1].kind == "anonymous_official")


def _lead(doc: Doc) -> Span | None:
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if len(words) >= MIN_LEAD_WORDS and sent.text.rstrip()[-1:] in '.!?\u201d"':
            text = sent.text.strip()
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            return Span(start=start, end=start + len(text), text=text)
    return None
