"""A story's key events: the non-background events its articles report, the most reported first."""

from __future__ import annotations

from dataclasses import dataclass

from opslens.contract import ActorRef, Analysis, Event

MAX_EVENTS = 3
TEXT_CHARS = 200
DOUBTFUL = ("hypothetical", "negated", "denied")  # not something that happened


@dataclass
class _Tally:
    event: dict
    articles: set[int]
    confidence: float
    first: tuple[int, int]  # (article position, event position): the earliest report wins ties


def key_events(analyses: list[Analysis]) -> list[dict]:
    """Up to three events as {"plover", "cameo", "source", "target", "date", "text"}: those
    reported by the most articles (same category, same actors), then the more confident."""
    tallies: dict[tuple, _Tally] = {}
    for n, analysis in enumerate(analyses):
        names = {e.id: e.name for e in analysis.entities}
        for m, ev in enumerate(analysis.events):
            if ev.background or ev.modality in DOUBTFUL:
                continue
            source, target = _actor(ev.source_actor, names), _actor(ev.target_actor, names)
            key = (ev.plover, (source or "").lower(), (target or "").lower())
            tally = tallies.get(key)
            if tally is None:
                tallies[key] = _Tally(_describe(ev, source, target), {n}, ev.confidence, (n, m))
            else:
                tally.articles.add(n)
                tally.confidence = max(tally.confidence, ev.confidence)
    ranked = sorted(tallies.values(), key=lambda t: (-len(t.articles), -t.confidence, t.first))
    return [t.event | {"articles": len(t.articles)} for t in ranked[:MAX_EVENTS]]


def _actor(ref: ActorRef | None, names: dict[str, str]) -> str | None:
    if ref is None:
        return None
    if ref.entity and ref.entity in names:
        return names[ref.entity]
    return ref.code


def _describe(ev: Event, source: str | None, target: str | None) -> dict:
    text = ev.evidence.text
    if len(text) > TEXT_CHARS:
        text = text[: TEXT_CHARS - 1].rstrip() + "…"
    return {
        "plover": ev.plover,
        "cameo": ev.cameo,
        "source": source,
        "target": target,
        "date": ev.date.value if ev.date else None,
        "text": text,
    }
