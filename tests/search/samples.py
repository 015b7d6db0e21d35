"""A small hand-made corpus for the search tests: its words, outlets, days, countries and event
categories are chosen so that every expected hit, count and order below can be read off it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from opslens.contract import ActorRef, Analysis, Article, Entity, Event, PipelineInfo, Place, Published, Span


@dataclass
class Doc:
    key: str
    title: str | None
    text: str
    outlet: str | None = None
    day: str | None = None
    entity_countries: list[str] = field(default_factory=list)
    place_countries: list[str] = field(default_factory=list)
    events: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # plover, actor codes


B_TEXT = (
    "Ships carrying grain left the port of Odesa on Wednesday, the first departures in weeks. "
    "Port officials counted twelve vessels and said more would follow.\n\nInsurers said premiums "
    "remained high. Traders in Istanbul watched prices fall. A local official mentioned the ceasefire "
    "only in passing. The foreign minister welcomed the news."
)
E_TEXT = "<script>alert('x')</script> Leaders will meet in Zürich next month, the minister said."

CORPUS = [
    Doc(
        "A",
        "Ceasefire talks stall in Geneva",
        "Delegates left Geneva on Tuesday without an agreement. The foreign minister said more meetings would follow.",
        "Reuters",
        "2022-03-01",
        ["UKR"],
        ["CHE"],
        [("CONSULT", None, None)],
    ),
    Doc(
        "B",
        "Grain exports resume from Odesa",
        B_TEXT,
        "AP",
        "2022-03-02",
        ["UKR", "TUR"],
        [],
        [("COOPERATE", None, None)],
    ),
    Doc(
        "C",
        "Moscow rejects new sanctions",
        "The Kremlin said the sanctions would fail. The foreign minister called them theft. Markets shrugged.",
        "Reuters",
        "2022-03-02",
        ["RUS"],
        [],
        [("REJECT", None, None), ("ACCUSE", None, None)],
    ),
    Doc(
        "D",
        "Protest in Tbilisi",
        "Thousands marched in Tbilisi against a draft law. The prime minister defended the bill. Police watched.",
        "AFP",
        "2022-03-03",
        ["GEO"],
        [],
        [("PROTEST", None, None)],
    ),
    Doc("E", "Summit planned", E_TEXT, "AP", "2022-03-05", [], ["CHE"], [("CONSULT", None, None)]),
    Doc(
        "F",
        "Defence talks end early",
        "The foreign delegation left, and the defense minister left early too. No statement followed.",
        "AFP",
        "2022-04-01",
        [],
        [],
        [("ASSAULT", "USAMIL", "IGOUNO")],
    ),
    Doc("G", None, "The minister resigned after a vote of no confidence.", None, None),
    Doc(
        "H",
        "Lavrov meets counterpart",
        "Foreign minister Sergei Lavrov met his counterpart. "
        "Other foreign ministers were not invited to the Moscow talks.",
        "Reuters",
        "2022-04-02",
        ["RUS"],
        ["RUS"],
        [("CONSULT", None, None)],
    ),
    Doc("I", "Snow", "Heavy snow closed roads across the region on Sunday.", "AFP", "2022-04-03"),
]


def analysis(doc: Doc, *, title: str | None = "", outlet: str | None = "", text: str | None = None) -> Analysis:
    """The analysis of `doc` (title, outlet or text replaced when given)."""
    body = doc.text if text is None else text
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    first = Span(start=0, end=len(body.split()[0]), text=body.split()[0])
    article = Article(
        id=f"doc-{doc.key}",
        sha256=digest,
        title=doc.title if title == "" else title,
        outlet=doc.outlet if outlet == "" else outlet,
        published=Published(value=doc.day, precision="day" if doc.day else None),
        text=body,
    )
    entities = [
        Entity(id=f"e{i}", name=f"Actor {c}", type="ORG", country=c) for i, c in enumerate(doc.entity_countries)
    ]
    places = [Place(id=f"p{i}", name=f"Place {c}", country=c) for i, c in enumerate(doc.place_countries)]
    events = [
        Event(
            id=f"v{i}",
            plover=plover,
            source_actor=ActorRef(code=source) if source else None,
            target_actor=ActorRef(code=target) if target else None,
            evidence=first,
        )
        for i, (plover, source, target) in enumerate(doc.events)
    ]
    return Analysis(
        article=article,
        entities=entities,
        places=places,
        events=events,
        pipeline=PipelineInfo(version="0.1.0", model="test"),
    )
