"""Taking an analyst's decision on canonical entities: record it with its evidence and apply it now.

merge(store, "Hillary Rodham Clinton", "person:hillary clinton@USA", why="same person")
split(store, "person:hillary clinton")   # undoes the latest merge into it (or of it)
"""

from __future__ import annotations

from sqlalchemy import delete, update

from opslens.errors import ConfigError
from opslens.link import decisions, profile
from opslens.link.entities import relink
from opslens.store import Store
from opslens.store.schema import CanonicalEntityRow, EntityLinkRow


def merge(store: Store, subject: str, other: str, *, why: str) -> decisions.Decision:
    """Record that `other` is the same actor as `subject`, and move its mentions to `subject` now."""
    if not why.strip():
        raise ConfigError("a merge needs its reason (--why)")
    with store.transaction("merge entities") as conn:
        a, b = decisions.find(conn, subject), decisions.find(conn, other)
        if a.id == b.id:
            raise ConfigError(f"{subject!r} and {other!r} are the same entity ({a.key})")
        evidence = decisions.merge_evidence(a, b)
        decision = decisions.record(conn, "merge", a.key, b.key, why, evidence)
        li = EntityLinkRow
        conn.execute(update(li).where(li.canonical_id == b.id).values(canonical_id=a.id, rule="merge"))
        conn.execute(delete(CanonicalEntityRow).where(CanonicalEntityRow.id == b.id))
        profile.recompute(conn, a.id)
    return decision


def split(store: Store, ref: str, *, why: str = "") -> decisions.Decision:
    """Undo the latest merge into (or of) `ref` that is still in force, and record that."""
    with store.transaction("split an entity") as conn:
        subject, other = decisions.merge_to_undo(conn, ref)
        evidence = {"undoes": {"subject": subject, "other": other}}
        why = why or f"undo the merge of {other} into {subject}"
        decision = decisions.record(conn, "split", subject, other, why, evidence)
        relink(conn, subject, decisions.resolver(conn))
    return decision
