"""How a block of same-named entities stands: one canonical entity, or split by country.

A block whose mentions name one country at most has one canonical entity, keyed by the block
("person:john smith"), and its mentions that name no country join it. When a second country
appears, the block splits: "<block>@GBR", "<block>@USA", … and a marker "<block>@?" whose country
column holds the dominant variant, the one with the most mentions naming their country; mentions
that name no country join that one. Both are properties of the set of mentions stored, not of the
order they came in; a change of the dominant variant moves the country-less mentions (rare: only
split blocks, only when the lead changes). A lead of more than profile.EXACT articles is settled:
it is no longer counted again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sqlalchemy import Connection, Row, func, insert, or_, select, update

from opslens.link import decisions, profile
from opslens.link.mentions import UNKNOWN, Mention
from opslens.link.names import all_countries, country_of
from opslens.store.schema import CanonicalEntityRow, EntityLinkRow, EntityRow, utcnow


def marker(block: str) -> str:
    return f"{block}@{UNKNOWN}"


def probe(block: str, mentions: list[Mention]) -> list[str]:
    """The keys that tell how a block stands: plain, split marker, and its variants for these countries."""
    wanted = sorted({m.identity.country for m in mentions if m.identity.country})
    return [block, marker(block), *(f"{block}@{c}" for c in wanted)]


def existing(conn: Connection, keys: list[str]) -> dict[str, Row]:
    """The canonical entities these keys name (id, key, name, type, country), by key."""
    c = CanonicalEntityRow
    found: dict[str, Row] = {}
    for start in range(0, len(keys), 500):
        query = select(c.id, c.key, c.name, c.type, c.country).where(c.key.in_(keys[start : start + 500]))
        found |= {r.key: r for r in conn.execute(query)}
    return found


def place(
    conn: Connection, block: str, mentions: list[Mention], known: dict[str, Row], resolver: decisions.Resolver
) -> list[tuple[str, Mention]]:
    """(canonical key, mention) for each mention of one block; splits the block when these mentions
    bring it a second country. A mention with row_id -1 only asks for the marker to exist."""
    keys = probe(block, mentions)
    split = any(k in known or resolver.absorbed(k) for k in keys[1:])
    if not split:
        plain = known[block].country if block in known else None
        countries = {m.identity.country for m in mentions if m.identity.country} | ({plain} if plain else set())
        split = len(countries) > 1
        if split and block in known:
            known |= _split(conn, block, known.pop(block))
    if not split:
        return [(resolver.final(block), m) for m in mentions]
    lead = _lead(conn, block, mentions, known)
    placed = [(marker(block), replace(mentions[0], row_id=-1))]
    for m in mentions:
        placed.append((resolver.final(f"{block}@{m.identity.country or lead or UNKNOWN}"), m))
    return placed


def _split(conn: Connection, block: str, row: Row) -> dict[str, Row]:
    """A block that now names two countries: its canonical entity becomes "<block>@<its country>"
    (or the marker, if it named none) and keeps its mentions until `_lead` says otherwise."""
    keyed = f"{block}@{row.country}" if row.country else marker(block)
    conn.execute(update(CanonicalEntityRow).where(CanonicalEntityRow.id == row.id).values(key=keyed))
    if row.country:  # the country-less mentions are in it: it leads until counted otherwise
        ensure_key(conn, marker(block), row.name, row.type, row.country)
    return existing(conn, [keyed, marker(block)])


def _lead(conn: Connection, block: str, mentions: list[Mention], known: dict[str, Row]) -> str | None:
    """The dominant country of a split block, counting these mentions; moves the country-less
    mentions when it changed."""
    mark = known.get(marker(block))
    before = mark.country if mark is not None else None
    batch = Counter(m.identity.country for m in mentions if m.identity.country)
    if before and (not batch or _settled(conn, f"{block}@{before}")):
        return before
    variants = existing(conn, [f"{block}@{c}" for c in all_countries()])
    counts = _countried(conn, [r.id for r in variants.values()])
    tally = Counter({key[-3:]: counts.get(r.id, 0) for key, r in variants.items()}) + batch
    lead = min(tally, key=lambda c: (-tally[c], c)) if tally else None
    if mark is None:
        mark_id = ensure_key(conn, marker(block), mentions[0].name, mentions[0].type, lead)
    else:
        mark_id = mark.id
        conn.execute(update(CanonicalEntityRow).where(CanonicalEntityRow.id == mark_id).values(country=lead))
    if lead != before:
        old = variants[f"{block}@{before}"].id if before and f"{block}@{before}" in variants else mark_id
        new = ensure_key(conn, f"{block}@{lead}", mentions[0].name, mentions[0].type, lead)
        _move_countryless(conn, old, new)
    known |= existing(conn, [marker(block)])
    return lead


def _settled(conn: Connection, key: str) -> bool:
    """Does the leading variant hold so many articles that counting again is no longer worth it
    (and would grow with the store)?"""
    c = CanonicalEntityRow
    return (conn.execute(select(c.n_articles).where(c.key == key)).scalar() or 0) > profile.EXACT


def _countried(conn: Connection, ids: list[int]) -> dict[int, int]:
    """How many mentions naming a country each of these canonical entities holds."""
    if not ids:
        return {}
    e, li = EntityRow, EntityLinkRow
    query = (
        select(li.canonical_id, func.count())
        .join(e, e.id == li.entity_row_id)
        .where(li.canonical_id.in_(ids), or_(e.country.is_not(None), e.actor_code.is_not(None)))
        .group_by(li.canonical_id)
    )
    return {cid: n for cid, n in conn.execute(query)}


def _move_countryless(conn: Connection, old: int, new: int) -> None:
    e, li = EntityRow, EntityLinkRow
    linked = conn.execute(
        select(e.id, e.country, e.actor_code).join(li, li.entity_row_id == e.id).where(li.canonical_id == old)
    ).all()
    moving = [r.id for r in linked if country_of(r.country, r.actor_code) is None]
    if moving and old != new:
        conn.execute(update(li).where(li.entity_row_id.in_(moving)).values(canonical_id=new))
        profile.recompute(conn, old)
        profile.recompute(conn, new)


def ensure_key(conn: Connection, key: str, name: str, type_: str, country: str | None = None) -> int:
    """The id of the canonical entity with this key, made (empty) if there is none yet."""
    found = conn.execute(select(CanonicalEntityRow.id).where(CanonicalEntityRow.key == key)).scalar()
    if found is not None:
        return found
    values: dict[str, object] = dict(key=key, name=name, type=type_, country=country, actor_code=None)
    values |= dict(aliases=[], roles=[], n_articles=0, updated_at=utcnow())
    return conn.execute(insert(CanonicalEntityRow).values(**values).returning(CanonicalEntityRow.id)).scalar_one()


def home(conn: Connection, block: str, country: str | None, resolver: decisions.Resolver) -> str:
    """The key a mention of this block and country joins as the block stands now."""
    found = existing(conn, [marker(block)]).get(marker(block))
    if found is None and not resolver.absorbed(marker(block)):
        return block
    return f"{block}@{country or (found.country if found is not None else None) or UNKNOWN}"
