"""Stories: articles about the same specific development, clustered as they arrive.

A run re-clusters the neighbourhood its articles touch — every linked article within the time
window of one of them, and every article of a story one of those belongs to — and rewrites the
stories of that neighbourhood; the rest of the store is not read. Clusters depend on the set of
articles only (story_similarity), so two arrival orders agree. Ids are stable: a recomputed
story keeps the id of the earlier story it overlaps most (on a tie the one first seen earlier);
a new one is "S" + the first 10 hex digits of its earliest article's sha256.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, distinct, func, insert, select, update

from opslens.link.live_blogs import first_entry
from opslens.link.run import LinkRun, day_of
from opslens.link.story_dates import dated_words
from opslens.link.story_events import key_events
from opslens.link.story_similarity import (
    WINDOW_DAYS,
    NameCounts,
    StoryItem,
    central,
    cluster,
    lead_of,
    similarity,
)
from opslens.store.schema import ArticleRow, EntityRow, LinkedArticleRow, StoryRow, utcnow

CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class Region:
    """The articles a run clusters again, sorted by (day, sha256), and the stories they had."""

    items: list[StoryItem]
    outlets: dict[int, str | None]
    old: dict[int, str | None]  # row id -> story id before this run
    first_seen: dict[str, str | None]  # old story id -> its first day


def link(run: LinkRun) -> None:
    region = _region(run)
    if not region.items:
        return
    sim = similarity(region.items, _name_counts(run, region.items))
    clusters = [[region.items[i].row_id for i in c] for c in cluster(region.items, sim)]
    ids = assign_ids(clusters, region)
    position = {it.row_id: i for i, it in enumerate(region.items)}
    fresh = set(run.rows)
    for story_id, members in zip(ids, clusters, strict=True):
        unchanged = all(region.old.get(r) == story_id for r in members) and not fresh.intersection(members)
        if unchanged and _same_size(run, story_id, len(members)):
            continue
        title_at = central([position[r] for r in members], sim)
        _write_story(run, story_id, members, region, region.items[title_at].title)
        run.report.add("stories")
    gone = {s for s in region.old.values() if s} - set(ids)
    for start in range(0, len(gone), CHUNK):
        run.conn.execute(delete(StoryRow).where(StoryRow.id.in_(sorted(gone)[start : start + CHUNK])))


def _region(run: LinkRun) -> Region:
    """The run's articles, every article within the window of one of them, and every article on
    the days the stories of those span (so a story is clustered again with all its neighbours)."""
    pad = timedelta(days=WINDOW_DAYS)
    days = sorted({date.fromisoformat(a.day) for a in run.load_articles(run.rows) if a.day})
    spans = _merged([(d - pad, d + pad) for d in days])
    rows = set(run.rows) | _rows_in(run, spans)
    old = _stories_of(run, rows)
    first_seen, seen = _story_days(run, sorted({s for s in old.values() if s}))
    more = _merged(spans + seen)
    if more != spans:
        old.update(_stories_of(run, _rows_in(run, more) - set(old)))
        first_seen, _seen = _story_days(run, sorted({s for s in old.values() if s}))
    items, outlets = _items(run, sorted(old))
    return Region(items=items, outlets=outlets, old=old, first_seen=first_seen)


def _rows_in(run: LinkRun, spans: list[tuple[date, date]]) -> set[int]:
    la = LinkedArticleRow
    rows: set[int] = set()
    for lo, hi in spans:
        query = select(la.article_row_id).where(la.day >= lo.isoformat(), la.day <= hi.isoformat())
        rows.update(run.conn.execute(query).scalars())
    return rows


def _stories_of(run: LinkRun, rows: set[int]) -> dict[int, str | None]:
    """Each row's story before this run, with every other article of those stories."""
    la = LinkedArticleRow
    old: dict[int, str | None] = {}
    for part in _chunks(sorted(rows)):
        query = select(la.article_row_id, la.story_id).where(la.article_row_id.in_(part))
        old.update(tuple(r) for r in run.conn.execute(query))
    for part in _chunks(sorted({s for s in old.values() if s})):
        query = select(la.article_row_id, la.story_id).where(la.story_id.in_(part))
        old.update(tuple(r) for r in run.conn.execute(query))
    return old


def _story_days(run: LinkRun, stories: list[str]) -> tuple[dict[str, str | None], list[tuple[date, date]]]:
    """The first day of each story, and the days each spans."""
    first_seen: dict[str, str | None] = {}
    spans: list[tuple[date, date]] = []
    for part in _chunks(stories):
        query = select(StoryRow.id, StoryRow.first_seen, StoryRow.last_seen).where(StoryRow.id.in_(part))
        for story, first, last in run.conn.execute(query):
            first_seen[story] = first
            if first and last:
                spans.append((date.fromisoformat(first), date.fromisoformat(last)))
    return first_seen, spans


def _merged(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Day ranges merged where they overlap or touch."""
    merged: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _chunks(values: list) -> list[list]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _items(run: LinkRun, rows: list[int]) -> tuple[list[StoryItem], dict[int, str | None]]:
    """What the clustering needs of each article, read from the stored rows (not validated:
    only the title, the text and the entities' names are used). Of a live blog, only its newest
    entry is read: the older ones are other stories (live_blogs)."""
    a = ArticleRow
    items: list[StoryItem] = []
    outlets: dict[int, str | None] = {}
    for part in _chunks(rows):
        query = select(a.id, a.sha256, a.title, a.text, a.outlet, a.published_value, a.analysed_at, a.analysis)
        for r in run.conn.execute(query.where(a.id.in_(part))):
            day = day_of(r.published_value, r.analysed_at)
            text, title, data = r.text or "", r.title or "", r.analysis or {}
            entry = first_entry(text)  # a live blog is clustered as its newest entry
            span = (entry.start, entry.end) if entry else None
            items.append(
                StoryItem(
                    row_id=r.id,
                    sha256=r.sha256,
                    day=date.fromisoformat(day) if day else None,
                    title=title,
                    lead=text[entry.start : entry.end] if entry else lead_of(text, title),
                    entities=_names(data.get("entities", []), span),
                    dated=dated_words(text, [t for t in data.get("times", []) if _within(t, span)], day),
                )
            )
            outlets[r.id] = r.outlet
    items.sort(key=lambda it: it.key)
    return items, outlets


def _names(entities: list[dict], span: tuple[int, int] | None) -> frozenset[str]:
    """The names of the entities mentioned within `span` (a live blog's first entry), or of all."""
    return frozenset(
        e["name"]
        for e in entities
        if e.get("name") and (span is None or any(_within(m, span) for m in e.get("mentions", [])))
    )


def _within(found: dict, span: tuple[int, int] | None) -> bool:
    start = found.get("start")
    return span is None or (isinstance(start, int) and span[0] <= start < span[1])


def _name_counts(run: LinkRun, items: list[StoryItem]) -> NameCounts:
    """Stored articles per day, and those naming each entity two of these articles share (no
    other can link two of them), over the days within the window of any of these articles."""
    days = [it.day for it in items if it.day]
    if not days:
        return NameCounts()
    pad = timedelta(days=WINDOW_DAYS)
    lo, hi = (min(days) - pad).isoformat(), (max(days) + pad).isoformat()
    la, e = LinkedArticleRow, EntityRow
    per_day = select(la.day, func.count()).where(la.day >= lo, la.day <= hi).group_by(la.day)
    articles = {date.fromisoformat(d): int(n) for d, n in run.conn.execute(per_day) if d}
    seen = Counter(n for it in items for n in it.entities)
    naming: dict[str, dict[date, int]] = {}
    for part in _chunks(sorted(n for n, c in seen.items() if c > 1)):
        named = (
            select(e.name, la.day, func.count(distinct(e.article_row_id)))
            .join(la, la.article_row_id == e.article_row_id)
            # `name || ''`: found from the window's days, not from every article naming someone
            # frequent (the name index would read all of them, however old, as the store grows)
            .where((e.name + "").in_(part), la.day >= lo, la.day <= hi)
            .group_by(e.name, la.day)
        )
        for name, day, n in run.conn.execute(named):
            if day:
                naming.setdefault(name, {})[date.fromisoformat(day)] = int(n)
    return NameCounts(articles=articles, naming=naming)


def assign_ids(clusters: list[list[int]], region: Region) -> list[str]:
    """Each cluster's story id: the old id it overlaps most, else a new one from its first article."""
    claims: list[tuple[int, str, str, int]] = []
    for n, members in enumerate(clusters):
        previous = Counter(s for r in members if (s := region.old.get(r)))
        for story, overlap in previous.items():
            claims.append((-overlap, region.first_seen.get(story) or "9999", story, n))
    ids: list[str | None] = [None] * len(clusters)
    used: set[str] = set()
    for _overlap, _first, story, n in sorted(claims):
        if ids[n] is None and story not in used:
            ids[n] = story
            used.add(story)
    sha = {it.row_id: it.sha256 for it in region.items}
    for n, members in enumerate(clusters):
        if ids[n] is None:
            candidate = "S" + sha[members[0]][:10]
            if candidate in used:  # the article seeded a story that kept its id elsewhere
                joined = "|".join(sorted(sha[r] for r in members))
                candidate = "S" + hashlib.sha256(joined.encode()).hexdigest()[:10]
            ids[n] = candidate
            used.add(candidate)
    return [i for i in ids if i is not None]


def _same_size(run: LinkRun, story_id: str, n: int) -> bool:
    stored = run.conn.execute(select(StoryRow.n_articles).where(StoryRow.id == story_id)).scalar()
    return stored == n


def _write_story(run: LinkRun, story_id: str, members: list[int], region: Region, title: str) -> None:
    days = sorted(it.day.isoformat() for it in region.items if it.row_id in set(members) and it.day)
    first = next((it for it in region.items if it.row_id == members[0]), None)
    row = {
        "title": title or (first.title if first else "") or "(untitled)",
        "first_seen": days[0] if days else None,
        "last_seen": days[-1] if days else None,
        "n_articles": len(members),
        "outlets": sorted({o for r in members if (o := region.outlets.get(r))}),
        "events": key_events([run.analysis(r) for r in members]),
        "updated_at": utcnow(),
    }
    run.conn.execute(delete(StoryRow).where(StoryRow.id == story_id))
    run.conn.execute(insert(StoryRow).values(id=story_id, **row))
    for part in _chunks(members):
        run.conn.execute(
            update(LinkedArticleRow).where(LinkedArticleRow.article_row_id.in_(part)).values(story_id=story_id)
        )
