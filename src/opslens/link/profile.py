"""A canonical entity's record: its name, type, country and code by majority, aliases, roles over time.

The counts of an entity the store already held come from grouped queries over its links (the
database counts, for many entities at once); aliases and roles are merged in as articles are linked
(`absorb`), or made again from every linked mention after an analyst's merge or split (`recompute`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Row, bindparam, func, select, update

from opslens.link.mentions import UNKNOWN, Mention, key_country, mention_of
from opslens.link.names import country_of
from opslens.store.schema import ArticleRow, CanonicalEntityRow, EntityLinkRow, EntityRow, LinkedArticleRow, utcnow

ROLE_KEY = ("title", "country", "organization")
CHUNK = 500
# Up to this many articles an entity's counts are made again from its links on every run; above
# it they are settled (only new articles are counted): the grouped queries must not grow with the
# store. So the name, type, country and code of a much-mentioned entity are those of its first
# EXACT articles' majority, which ingest order may tilt in a close case (its links never depend on it).
EXACT = 10


@dataclass
class Tally:
    """How often each name, type, country and code occurs among an entity's mentions."""

    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)
    articles: int = 0

    def add(self, name: str, type_: str, country: str | None, code: str | None, n: int) -> None:
        self.names[name] += n
        self.types[type_] += n
        if where := country_of(country, code):
            self.countries[where] += n
        if code:
            self.codes[code] += n


def absorb(conn: Connection, touched: dict[int, list[Mention]], new: set[int]) -> None:
    """Refresh the canonical entities these mentions were just linked to (`new`: made by this run)."""
    ids = sorted(touched)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        c = CanonicalEntityRow
        query = select(c.id, c.key, c.name, c.type, c.country, c.actor_code, c.aliases, c.roles, c.n_articles)
        stored = {r.id: r for r in conn.execute(query.where(c.id.in_(chunk)))}
        tallies = _tallies(conn, [i for i in chunk if i not in new and stored[i].n_articles <= EXACT])
        values = []
        for i in chunk:
            tally = tallies.get(i) or (_tally(touched[i]) if i in new else _settled(stored[i], touched[i]))
            aliases = set(stored[i].aliases or ()) | {a for m in touched[i] for a in (m.name, *m.aliases)}
            roles = merge_roles(stored[i].roles or [], _role_sightings(touched[i]))
            values.append(_values(stored[i], tally, sorted(aliases), roles))
        _write(conn, values)


def recompute(conn: Connection, canonical_id: int) -> None:
    """Make one canonical entity's record again from every mention linked to it."""
    c = CanonicalEntityRow
    row = conn.execute(select(c.id, c.key, c.name, c.country).where(c.id == canonical_id)).one()
    e, li, la = EntityRow, EntityLinkRow, LinkedArticleRow
    query = (
        select(e.id, e.article_row_id, e.local_id, e.name, e.type, e.country, e.actor_code, e.aliases, e.roles)
        .add_columns(ArticleRow.sha256, la.day)
        .join(li, li.entity_row_id == e.id)
        .join(ArticleRow, ArticleRow.id == e.article_row_id)
        .outerjoin(la, la.article_row_id == e.article_row_id)
        .where(li.canonical_id == canonical_id)
    )
    mentions = [mention_of(r, r.day) for r in conn.execute(query)]
    aliases = sorted({a for m in mentions for a in (m.name, *m.aliases)})
    roles = merge_roles([], _role_sightings(mentions))
    _write(conn, [_values(row, _tally(mentions), aliases, roles)])


def _settled(row: Row, mentions: list[Mention]) -> Tally:
    """The tally of an entity in more than EXACT articles: its name, type, country and code are
    settled; only new articles count."""
    tally = Tally(articles=row.n_articles + len({m.article_row_id for m in mentions}))
    tally.add(row.name, row.type, row.country, row.actor_code, 1)
    for m in mentions:  # a country or code it had none of yet (the block's conflicts depend on it)
        if row.country is None and m.identity.country:
            tally.countries[m.identity.country] += 1
        if row.actor_code is None and m.actor_code:
            tally.codes[m.actor_code] += 1
    return tally


def _tally(mentions: list[Mention]) -> Tally:
    tally = Tally(articles=len({m.article_row_id for m in mentions}))
    for m in mentions:
        tally.add(m.name, m.type, m.identity.country, m.actor_code, 1)
    return tally


def _tallies(conn: Connection, ids: list[int]) -> dict[int, Tally]:
    """The tallies of entities the store already held: two grouped queries for all of them."""
    if not ids:
        return {}
    e, li = EntityRow, EntityLinkRow
    found: dict[int, Tally] = {i: Tally() for i in ids}
    cols = (li.canonical_id, e.name, e.type, e.country, e.actor_code)
    query = select(*cols, func.count()).join(e, e.id == li.entity_row_id).where(li.canonical_id.in_(ids))
    for cid, name, type_, country, code, n in conn.execute(query.group_by(*cols)):
        found[cid].add(name, type_, country, code, n)
    articles = (
        select(li.canonical_id, func.count(func.distinct(e.article_row_id)))
        .join(e, e.id == li.entity_row_id)
        .where(li.canonical_id.in_(ids))
        .group_by(li.canonical_id)
    )
    for cid, n in conn.execute(articles):
        found[cid].articles = n
    return found


def _values(row: Row, tally: Tally, aliases: list[str], roles: list[dict]) -> dict:
    """The record's new columns; a split block's marker keeps its country (the leading variant's)."""
    lead = row.country if row.key.endswith(f"@{UNKNOWN}") else None
    return {
        "b_id": row.id,
        "name": best_name(tally.names) or row.name,
        "type": _majority(tally.types) or "OTHER",
        "country": lead or key_country(row.key) or _majority(tally.countries),
        "actor_code": _majority(tally.codes),
        "aliases": aliases,
        "roles": roles,
        "n_articles": tally.articles,
        "updated_at": utcnow(),
    }


def _write(conn: Connection, values: list[dict]) -> None:
    if values:
        c = CanonicalEntityRow
        columns: dict[str, object] = {k: bindparam(k) for k in values[0] if k != "b_id"}
        conn.execute(update(c).where(c.id == bindparam("b_id")).values(**columns), values)


def best_name(names: Counter) -> str | None:
    """The most frequent name, a full (multi-word) name before a single word; ties by spelling."""
    if not names:
        return None
    return min(names, key=lambda n: (len(n.split()) < 2, -names[n], n))


def _majority(values: Counter) -> str | None:
    return min(values, key=lambda v: (-values[v], v)) if values else None


def _role_sightings(mentions: Iterable[Mention]) -> dict[tuple, dict]:
    """Each role these mentions hold: when it was first and last seen, in how many articles."""
    seen: dict[tuple, dict] = {}
    for m in mentions:
        for role in m.roles:
            if role.get("former"):
                continue
            key = tuple(role.get(k) for k in ROLE_KEY)
            entry = seen.setdefault(key, {k: role.get(k) for k in ROLE_KEY} | {"days": set(), "art": set()})
            entry["art"].add(m.article_row_id)
            if m.day:
                entry["days"].add(m.day)
    return seen


def merge_roles(old: list[dict], sightings: dict[tuple, dict]) -> list[dict]:
    """Stored roles and new sightings as one list, first seen first."""
    merged = {tuple(r.get(k) for k in ROLE_KEY): dict(r) for r in old}
    for key, s in sightings.items():
        days = sorted(s["days"])
        entry = merged.setdefault(key, {k: s[k] for k in ROLE_KEY} | {"first_seen": None, "last_seen": None})
        entry["articles"] = entry.get("articles", 0) + len(s["art"])
        if days:
            entry["first_seen"] = min(filter(None, (entry["first_seen"], days[0])))
            entry["last_seen"] = max(filter(None, (entry["last_seen"], days[-1])))
    return sorted(
        merged.values(), key=lambda r: (r["first_seen"] or "", -r["articles"], *(r[k] or "" for k in ROLE_KEY))
    )
