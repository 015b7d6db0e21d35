"""Hand-built analyses for the linking tests: real-looking sentences, exact spans, one event each
(what the pipeline makes of such sentences, written out so that a test says exactly what it links)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from opslens.contract import (
    ActorRef,
    Analysis,
    Article,
    Attribution,
    ChainLink,
    Entity,
    Event,
    EventDate,
    Passage,
    PipelineInfo,
    Published,
    Span,
)


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


@dataclass
class Actor:
    name: str
    type: str = "PERSON"
    code: str | None = None
    kind: str | None = None


@dataclass
class Told:
    """One event told in one sentence: who did what to whom, and who said so (outermost first)."""

    sentence: str
    cue: str
    plover: str
    cameo: str
    source: Actor | None
    target: Actor | None = None
    modality: str = "reported"
    day: str | None = None
    chain: list[tuple[str, str, bool]] = field(default_factory=list)  # (name as written, kind, anonymous)
    rule: str | None = None
    background: bool = False


def analysis(
    text: str, told: Told | list[Told], *, outlet: str | None, day: str = "2022-01-23", credits=()
) -> Analysis:
    """The analysis of `text` (which holds each told sentence) with the events told."""
    entities: list[Entity] = []

    def entity(name: str, type_: str, code: str | None, kind: str | None = None) -> str:
        for e in entities:
            if e.name == name:
                return e.id
        mentions = [span(text, name)] if name in text else []
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                name=name,
                type=type_,  # type: ignore[arg-type]
                aliases=[name],
                actor_code=code,
                kind=kind,  # type: ignore[arg-type]
                mentions=mentions,
            )
        )
        return entities[-1].id

    def ref(actor: Actor | None) -> ActorRef | None:
        if actor is None:
            return None
        return ActorRef(entity=entity(actor.name, actor.type, actor.code, actor.kind), code=actor.code)

    attributions, events = [], []
    for n, one in enumerate(told if isinstance(told, list) else [told], start=1):
        if one.chain:
            links = []
            for name, kind, _anonymous in one.chain:
                eid = entity(name, "ORG", None, kind) if kind in ("state_media", "wire_agency") else None
                links.append(ChainLink(name=name, entity=eid, kind=kind))
            attributions.append(
                Attribution(
                    id=f"a{n}",
                    source=span(text, one.chain[-1][0]),
                    content=Passage(**span(text, one.sentence).model_dump()),
                    anonymous=one.chain[-1][2],
                    chain=links,
                )
            )
        events.append(
            Event(
                id=f"v{n}",
                plover=one.plover,
                cameo=one.cameo,
                source_actor=ref(one.source),
                target_actor=ref(one.target),
                date=EventDate(value=one.day) if one.day else None,
                modality=one.modality,  # type: ignore[arg-type]
                attribution=f"a{n}" if one.chain else None,
                cue=span(text, one.cue),
                evidence=span(text, one.sentence),
                rule=one.rule or f"verb:{one.cue}",
                background=one.background,
            )
        )
    return Analysis(
        article=article(text, outlet=outlet, day=day, credits=credits),
        entities=entities,
        attributions=attributions,
        events=events,
        pipeline=PipelineInfo(version="test", model="none"),
    )


def article(text: str, *, outlet: str | None, day: str = "2022-01-23", credits=()) -> Article:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=f"{(outlet or 'unknown').lower().replace(' ', '-')}-{digest[:6]}",
        sha256=digest,
        outlet=outlet,
        published=Published(value=day, precision="day", source="given", confidence=1.0),
        credits=list(credits),
        text=text,
    )


def plain(text: str, *, outlet: str | None, day: str = "2022-01-23", credits=()) -> Analysis:
    """An analysis with no facts: what the copy step needs is the text and its metadata."""
    return Analysis(
        article=article(text, outlet=outlet, day=day, credits=credits),
        pipeline=PipelineInfo(version="test", model="none"),
    )
