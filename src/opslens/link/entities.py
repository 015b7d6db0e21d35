"""Canonical entities: the entities of many articles resolved to one real-world actor each.

Every entity gets a block (opslens.link.names: its normalised full name, lexicon entry, acronym or
country code, never a bare surname) and joins the canonical entity of that block. A block whose
entities name two or more countries is split by country, since conflicting countries never merge
("John Smith" of GBR and of USA): its canonical keys become "<block>@GBR", "<block>@USA", and the
mentions that name no country join the leading variant (opslens.link.blocks). A block with one
country keeps the plain key, and its country-less mentions join it. So where an entity ends up
depends only on the set of entities stored, not on the order they came in; the analyst's decisions
(opslens.link.decisions) are applied on top, on every run and after every rebuild.

Every lookup goes through the unique canonical key, and each canonical entity a run touches is
refreshed from that run's mentions (opslens.link.profile): nothing scans the store, and the work
per article does not grow with it.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, Row, delete, insert, select, update

from opslens.link import blocks as blocks_
from opslens.link import decisions, profile
from opslens.link.mentions import Mention, key_country, mention_of
from opslens.link.run import LinkRun
from opslens.store.schema import ArticleRow, CanonicalEntityRow, EntityLinkRow, EntityRow, utcnow


def link(run: LinkRun) -> None:
    """Link the entities of the run's articles to canonical entities, creating them as needed."""
    mentions = _mentions(run)
    if not mentions:
        return
    conn, resolver = run.conn, decisions.resolver(run.conn)
    conn.execute(delete(EntityLinkRow).where(EntityLinkRow.entity_row_id.in_([m.row_id for m in mentions])))
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        blocks[m.identity.block].append(m)
    known = blocks_.existing(conn, [k for block, group in blocks.items() for k in blocks_.probe(block, group)])
    placed: list[tuple[str, Mention]] = []
    for block in sorted(blocks):
        placed += blocks_.place(conn, block, blocks[block], known, resolver)
    markers = [(k, m) for k, m in placed if m.row_id < 0]
    placed = [(k, m) for k, m in placed if m.row_id >= 0]
    ids, new = _ensure_all(conn, markers + placed, known)
    touched: dict[int, list[Mention]] = defaultdict(list)
    for key, m in placed:
        touched[ids[key]].append(m)
    rows = [{"entity_row_id": m.row_id, "canonical_id": ids[key], "rule": m.identity.rule} for key, m in placed]
    for start in range(0, len(rows), 1000):
        conn.execute(insert(EntityLinkRow), rows[start : start + 1000])
    # an article analysed again took its old mentions with it: count those entities again in full
    again = {cid for cid, group in touched.items() if any(m.article_row_id in run.relinked for m in group)}
    profile.absorb(conn, {cid: group for cid, group in touched.items() if cid not in again}, new)
    for cid in sorted(again):
        profile.recompute(conn, cid)
    run.report.add("entity_links", len(rows))
    run.report.add("canonical_entities", len(new))


def _mentions(run: LinkRun) -> list[Mention]:
    """The entity rows of the run's articles (their new rows, when an article was analysed again)."""
    days = {a.row_id: a.day for a in run.load_articles(run.rows)}
    e = EntityRow
    found: list[Mention] = []
    for start in range(0, len(run.rows), 500):
        query = (
            select(e.id, e.article_row_id, e.local_id, e.name, e.type, e.country, e.actor_code, e.aliases, e.roles)
            .add_columns(ArticleRow.sha256)
            .join(ArticleRow, ArticleRow.id == e.article_row_id)
            .where(e.article_row_id.in_(run.rows[start : start + 500]))
            .order_by(e.id)
        )
        for r in run.conn.execute(query):
            found.append(mention_of(r, days.get(r.article_row_id)))
    return found


def _ensure_all(
    conn: Connection, placed: list[tuple[str, Mention]], existing: dict[str, Row]
) -> tuple[dict[str, int], set[int]]:
    """The id of each key placed (one query per 500 new canonical entities), and which are new."""
    ids = {k: r.id for k, r in existing.items()}
    missing = {k: m for k, m in placed if k not in ids}
    ids |= {k: r.id for k, r in blocks_.existing(conn, list(missing)).items()}  # a decision's target, say
    fresh = sorted(k for k in missing if k not in ids)
    now = utcnow()
    rows = [
        dict(key=k, name=missing[k].name, type=missing[k].type, country=key_country(k), actor_code=None)
        | dict(aliases=[], roles=[], n_articles=0, updated_at=now)
        for k in fresh
    ]
    for start in range(0, len(rows), 500):
        conn.execute(insert(CanonicalEntityRow), rows[start : start + 500])
    made = blocks_.existing(conn, fresh)
    ids |= {k: r.id for k, r in made.items()}
    return ids, {r.id for r in made.values()}


def relink(conn: Connection, key: str, resolver: decisions.Resolver) -> None:
    """Send the mentions linked to `key` where the decisions in force now send them (after a split)."""
    row = conn.execute(select(CanonicalEntityRow).where(CanonicalEntityRow.key == key)).one()
    e, li = EntityRow, EntityLinkRow
    query = (
        select(e.id, e.article_row_id, e.local_id, e.name, e.type, e.country, e.actor_code, e.aliases, e.roles)
        .add_columns(ArticleRow.sha256)
        .join(li, li.entity_row_id == e.id)
        .join(ArticleRow, ArticleRow.id == e.article_row_id)
        .where(li.canonical_id == row.id)
    )
    moves: dict[int, list[int]] = defaultdict(list)
    rules: dict[int, str] = {}
    for r in conn.execute(query).all():
        m = mention_of(r, None)
        target = resolver.final(blocks_.home(conn, m.identity.block, m.identity.country, resolver))
        if target != key:
            target_id = blocks_.ensure_key(conn, target, m.name, m.type, key_country(target))
            moves[target_id].append(m.row_id)
            rules[target_id] = m.identity.rule
    for target_id, rows in moves.items():
        conn.execute(update(li).where(li.entity_row_id.in_(rows)).values(canonical_id=target_id, rule=rules[target_id]))
        profile.recompute(conn, target_id)
    profile.recompute(conn, row.id)
