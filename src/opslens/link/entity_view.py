"""What the store knows of canonical entities, for `opslens entities` and `opslens entity`.

entities_list(store, type_="PERSON", limit=20)     # the most mentioned first
profile_of(store, "Sergei Lavrov")                  # articles, roles, events, relations
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, Row, func, select

from opslens.link import decisions
from opslens.store import Store
from opslens.store.schema import ArticleRow, CanonicalEntityRow, EntityLinkRow, EntityRow, LinkedArticleRow

EVENT_ARTICLES = 200  # the most recent articles whose events `profile_of` reads


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: int
    key: str
    name: str
    type: str
    country: str | None
    actor_code: str | None
    n_articles: int
    aliases: list[str]


@dataclass(frozen=True, slots=True)
class EntityArticle:
    article_id: str  # the contract's article id
    row_id: int
    day: str | None
    outlet: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class EntityEvent:
    article_id: str
    day: str | None
    event: str  # the article's event id ("v3")
    side: str  # source | target
    plover: str
    cameo: str | None
    other: str | None  # the other actor's canonical name (or code)
    evidence: str


@dataclass(frozen=True, slots=True)
class Relation:
    other: str  # canonical name, or the actor code when the other side is no linked entity
    other_key: str | None
    direction: str  # "acts on" | "acted on by"
    events: int


@dataclass
class EntityProfile:
    entity: EntitySummary
    roles: list[dict]
    articles: list[EntityArticle]
    events: list[EntityEvent] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)


def entities_list(
    store: Store, *, type_: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
) -> list[EntitySummary]:
    """Canonical entities, the most mentioned first (those in no article left out); `offset`: how
    many of them to pass over (the API's pages)."""
    c = CanonicalEntityRow
    query = select(c).where(c.n_articles > 0)
    if type_:
        query = query.where(c.type == type_.upper())
    if country:
        query = query.where(c.country == country.upper())
    query = query.order_by(c.n_articles.desc(), c.name, c.id).limit(limit).offset(offset)
    with store.reading("list entities") as conn:
        return [summary(r) for r in conn.execute(query)]


def summary(r: Row) -> EntitySummary:
    return EntitySummary(r.id, r.key, r.name, r.type, r.country, r.actor_code, r.n_articles, list(r.aliases or ()))


def profile_of(store: Store, ref: str, *, limit: int = 50) -> EntityProfile:
    """One canonical entity (id, key or exact name) with its articles, events and relations."""
    with store.reading("describe an entity") as conn:
        row = decisions.find(conn, ref, most_mentioned=True)
        mentions = _mentions(conn, row.id)
        articles = _articles(conn, sorted(mentions))
        found = EntityProfile(summary(row), list(row.roles or ()), articles[:limit])
        recent = [a.row_id for a in articles[:EVENT_ARTICLES]]
        found.events, found.relations = _events(conn, row.id, {r: mentions[r] for r in recent}, articles)
        found.decisions = [
            {"action": d.action, "subject": d.subject, "other": d.other, "why": d.why}
            for d in decisions.history(conn, row.key)
        ]
    return found


def _mentions(conn: Connection, canonical_id: int) -> dict[int, set[str]]:
    """The entity's local ids in each article that mentions it."""
    e, li = EntityRow, EntityLinkRow
    found: dict[int, set[str]] = {}
    query = (
        select(e.article_row_id, e.local_id).join(li, li.entity_row_id == e.id).where(li.canonical_id == canonical_id)
    )
    for article, local in conn.execute(query):
        found.setdefault(article, set()).add(local)
    return found


def _articles(conn: Connection, row_ids: list[int]) -> list[EntityArticle]:
    """The articles, the most recent day first."""
    a, la = ArticleRow, LinkedArticleRow
    found = []
    for start in range(0, len(row_ids), 500):
        query = (
            select(a.id, a.article_id, a.outlet, a.title, la.day)
            .outerjoin(la, la.article_row_id == a.id)
            .where(a.id.in_(row_ids[start : start + 500]))
        )
        found += [EntityArticle(r.article_id, r.id, r.day, r.outlet, r.title) for r in conn.execute(query)]
    return sorted(found, key=lambda x: (x.day or "", x.row_id), reverse=True)


def _events(
    conn: Connection, canonical_id: int, mentions: dict[int, set[str]], articles: list[EntityArticle]
) -> tuple[list[EntityEvent], list[Relation]]:
    """Events of these articles in which the entity is the source or the target, and who the other side is."""
    others = _canonical_names(conn, list(mentions))
    meta = {a.row_id: a for a in articles}
    events: list[EntityEvent] = []
    counts: Counter[tuple[str, str | None, str]] = Counter()
    query = select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(list(mentions)))
    for row_id, analysis in conn.execute(query):
        art = meta[row_id]
        for ev in analysis.get("events") or ():
            for side, other in _sides(ev, mentions[row_id], others.get(row_id, {}), canonical_id):
                text = (ev.get("evidence") or {}).get("text", "")
                name = other[0] if other else None
                events.append(
                    EntityEvent(art.article_id, art.day, ev["id"], side, ev["plover"], ev.get("cameo"), name, text)
                )
                if other:
                    counts[(other[0], other[1], "acts on" if side == "source" else "acted on by")] += 1
    events.sort(key=lambda x: (x.day or "", x.article_id, x.event), reverse=True)
    relations = [Relation(name, key, direction, n) for (name, key, direction), n in counts.items()]
    relations.sort(key=lambda r: (-r.events, r.other, r.direction))
    return events, relations


def _sides(ev: dict, mine: set[str], names: dict[str, tuple[int, str, str]], me: int):
    """("source" | "target", the other side or None) for each side of the event the entity is on."""
    for side, own, theirs in (("source", "source_actor", "target_actor"), ("target", "target_actor", "source_actor")):
        if _is(ev.get(own), mine):
            yield side, _other(ev.get(theirs), names, me)


def _is(actor: dict | None, locals_: set[str]) -> bool:
    if not actor:
        return False
    return actor.get("entity") in locals_ or any(_is(m, locals_) for m in actor.get("members") or ())


def _other(actor: dict | None, names: dict[str, tuple[int, str, str]], me: int) -> tuple[str, str | None] | None:
    """(name, key) of the other side: its canonical entity, else its actor code."""
    if not actor:
        return None
    linked = names.get(actor.get("entity") or "")
    if linked and linked[0] != me:
        return linked[1], linked[2]
    return (actor["code"], None) if actor.get("code") and not linked else None


def _canonical_names(conn: Connection, row_ids: list[int]) -> dict[int, dict[str, tuple[int, str, str]]]:
    """For each article, its entities' canonical (id, name, key) by local id."""
    e, li, c = EntityRow, EntityLinkRow, CanonicalEntityRow
    found: dict[int, dict[str, tuple[int, str, str]]] = {}
    for start in range(0, len(row_ids), 500):
        query = (
            select(e.article_row_id, e.local_id, c.id, c.name, c.key)
            .join(li, li.entity_row_id == e.id)
            .join(c, c.id == li.canonical_id)
            .where(e.article_row_id.in_(row_ids[start : start + 500]))
        )
        for r in conn.execute(query):
            found.setdefault(r.article_row_id, {})[r.local_id] = (r.id, r.name, r.key)
    return found


def count_entities(store: Store) -> int:
    with store.reading("count entities") as conn:
        c = CanonicalEntityRow
        return conn.execute(select(func.count()).select_from(c).where(c.n_articles > 0)).scalar_one()
