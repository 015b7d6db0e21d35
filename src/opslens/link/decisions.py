"""The analyst's merges and splits of canonical entities as recorded: which merges are in force,
and their evidence. Every linking run applies them again, so a rebuild keeps them; they refer to
canonical keys, which do not change across rebuilds. Taking a decision: opslens.link.curate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Row, insert, or_, select

from opslens.errors import NotFoundError
from opslens.store.schema import CanonicalEntityRow, EntityDecisionRow, utcnow


@dataclass
class Resolver:
    """Which key each merged key now belongs to (merges not undone by a later split)."""

    into: dict[str, str] = field(default_factory=dict)

    def final(self, key: str) -> str:
        seen = {key}
        while key in self.into and self.into[key] not in seen:
            key = self.into[key]
            seen.add(key)
        return key

    def absorbed(self, key: str) -> bool:
        return key in self.into


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    action: str
    subject: str
    other: str | None
    why: str
    evidence: dict


def resolver(conn: Connection) -> Resolver:
    """The merges in force, from every decision in the order they were taken."""
    found = Resolver()
    d = EntityDecisionRow
    for row in conn.execute(select(d.action, d.subject, d.other).order_by(d.at, d.id)):
        if row.action == "merge" and row.other:
            found.into[row.other] = row.subject
        elif row.action == "split" and row.other and found.into.get(row.other) == row.subject:
            del found.into[row.other]
    return found


def find(conn: Connection, ref: str, *, most_mentioned: bool = False) -> Row:
    """The canonical entity `ref` names: its id, its key, or its exact name (if only one entity in
    some article has it; with `most_mentioned`, the one in the most articles)."""
    c = CanonicalEntityRow
    ref = ref.strip()
    if ref.isdigit():
        row = conn.execute(select(c).where(c.id == int(ref))).first()
        if row is not None:
            return row
    row = conn.execute(select(c).where(c.key == ref)).first()
    if row is not None:
        return row
    query = select(c).where(c.name == ref, c.n_articles > 0).order_by(c.n_articles.desc(), c.id).limit(6)
    named = conn.execute(query).all()
    if not named:
        raise NotFoundError(f"no canonical entity has the id, key or name {ref!r} (see `opslens entities`)")
    if len(named) > 1 and not most_mentioned:
        keys = ", ".join(f"{r.key} ({r.n_articles})" for r in named)
        raise NotFoundError(f"{ref!r} names {len(named)} entities: {keys}; give an id or key instead")
    return named[0]


def merge_to_undo(conn: Connection, ref: str) -> tuple[str, str]:
    """(subject, other) of the latest merge in force that `ref` (an entity, or a merged key) took part in."""
    try:
        keys = {find(conn, ref).key}
    except NotFoundError:
        keys = {ref.strip()}
    d = EntityDecisionRow
    merges = conn.execute(
        select(d.subject, d.other)
        .where(d.action == "merge", or_(d.subject.in_(keys), d.other.in_(keys)))
        .order_by(d.at.desc(), d.id.desc())
    ).all()
    into = resolver(conn).into
    for row in merges:
        if into.get(row.other) == row.subject:
            return row.subject, row.other
    raise NotFoundError(f"no merge of {ref!r} to undo (opslens entity {ref} shows its history)")


def record(conn: Connection, action: str, subject: str, other: str | None, why: str, evidence: dict) -> Decision:
    values = dict(action=action, subject=subject, other=other, why=why, evidence=evidence, at=utcnow())
    new_id = conn.execute(insert(EntityDecisionRow).values(**values).returning(EntityDecisionRow.id)).scalar_one()
    return Decision(new_id, action, subject, other, why, evidence)


def merge_evidence(a: Row, b: Row) -> dict:
    """What the two entities have in common and where they differ, as the analyst saw it."""

    def facts(r: Row) -> dict:
        return {
            "key": r.key,
            "name": r.name,
            "type": r.type,
            "country": r.country,
            "actor_code": r.actor_code,
            "n_articles": r.n_articles,
            "aliases": list(r.aliases or ())[:20],
        }

    titles = {(r.get("title"), r.get("country")) for r in a.roles or ()}
    shared = sorted({r.get("title") for r in b.roles or () if (r.get("title"), r.get("country")) in titles} - {None})
    return {
        "subject": facts(a),
        "other": facts(b),
        "shared_roles": shared,
        "shared_aliases": sorted(set(a.aliases or ()) & set(b.aliases or ())),
        "same_country": a.country == b.country if a.country and b.country else None,
    }


def history(conn: Connection, key: str) -> list[Decision]:
    """Every decision about this key, oldest first."""
    d = EntityDecisionRow
    rows = conn.execute(select(d).where(or_(d.subject == key, d.other == key)).order_by(d.at, d.id)).all()
    return [Decision(r.id, r.action, r.subject, r.other, r.why, r.evidence) for r in rows]
