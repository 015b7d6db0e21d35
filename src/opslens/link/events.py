"""Merged events: every event of every article is a report of one merged event, with its counts of
articles, outlets and independent origins, and a grade that says how well it is sourced.

Merged events are the connected components of `matching.same_event` over all reports: the same
set of articles gives the same merged events in any order. A run builds its articles' reports,
finds the merged events they may join (same PLOVER category, days within the window: one indexed
query per category and day), and recomputes only that neighbourhood: the merged events the new
reports join, and those an article linked again left (which may split). Ids are deterministic:
"M" + a hash of the first report (earliest day, then smallest sha256, then event id).

Each merged event keeps in `data["members"]` the descriptor of each report (what matching needs),
so a run never re-reads other articles' analyses.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import delete, insert, select, update

from opslens.link import matching, origins
from opslens.link.run import LinkRun
from opslens.store.schema import ContestRow, EventReportRow, LinkedArticleRow, MergedEventRow, pair_of, utcnow

WINDOW = 2  # days either side in which a report looks for the merged events it may join


def link(run: LinkRun) -> None:
    """Make the run's articles' events reports of merged events, and recompute those touched."""
    rows = _with_copies(run)
    left = _remove_reports(run, rows)
    new = [r for row in rows for r in reports_of(run, row)]
    pool = _neighbourhood(run, new, left, set(rows))
    components = _components(new, pool, left)
    _write(run, components, set(pool) | left)
    run.report.add("event reports", len(new))


# -- the run's reports -----------------------------------------------------------------------------


def reports_of(run: LinkRun, row_id: int) -> list[dict]:
    """The descriptors of an article's events as reports: what matching, counting and listing need."""
    analysis = run.analysis(row_id)
    art = run.article(row_id)
    root = _root(run, row_id)
    reporter = origins.reporter_of(root.outlet, root.sha256)
    found = []
    for event in analysis.events:
        attribution = origins.attribution_of(analysis, event.attribution)
        origin = origins.origin_of(analysis, attribution, reporter)
        day, how = matching.when(event, art.day)
        found.append(
            {
                "row": row_id,
                "event": event.id,
                "sha": art.sha256,
                "article": art.article_id,
                "outlet": origins.reporter_of(art.outlet, art.sha256),
                "plover": event.plover,
                "cameo": event.cameo,
                "goldstein": event.goldstein,
                "quad_class": event.quad_class,
                "modality": event.modality,
                "background": event.background,
                "day": day,
                "how": how,
                "article_day": art.day,
                "source": matching.actor(analysis, event.source_actor),
                "target": matching.actor(analysis, event.target_actor),
                "place": matching.place(analysis, event.place),
                "origin": {"key": origin.key, "name": origin.name, "kind": origin.kind},
                "state_media": origins.is_state_media(origin, root.outlet),
                "cue": event.cue.text if event.cue else None,
                "rule": event.rule,
                "words": matching.words(event.evidence.text),
                "evidence": event.evidence.model_dump(mode="json"),
                "chain": [c.model_dump(mode="json") for c in attribution.chain] if attribution else [],
            }
        )
    return found


def _root(run: LinkRun, row_id: int):
    """The article whose reporting this one's is: its copy group's original, else itself."""
    original = run.conn.execute(
        select(LinkedArticleRow.copy_of).where(LinkedArticleRow.article_row_id == row_id)
    ).scalar_one_or_none()
    return run.article(original or row_id)


def _with_copies(run: LinkRun) -> list[int]:
    """The run's articles and the other members of their copy groups: a group whose original changed
    reports through the new one, so its members are linked again too (groups are small)."""
    la = LinkedArticleRow
    pointers = run.conn.execute(select(la.article_row_id, la.copy_of).where(la.article_row_id.in_(run.rows))).all()
    roots = {r.copy_of or r.article_row_id for r in pointers}
    members: set[int] = set()
    for chunk in _chunks(sorted(roots)):
        copies = run.conn.execute(select(la.article_row_id, la.copy_of).where(la.copy_of.in_(chunk))).all()
        members |= {r.article_row_id for r in copies} | {r.copy_of for r in copies}
    extra = sorted(members - set(run.rows))
    return list(dict.fromkeys(run.rows)) + extra


# -- the neighbourhood -----------------------------------------------------------------------------


def _remove_reports(run: LinkRun, rows: list[int]) -> set[str]:
    """Delete the articles' old reports; the merged events they were in must be recomputed."""
    er = EventReportRow
    left = set(run.conn.execute(select(er.merged_event_id).where(er.article_row_id.in_(rows))).scalars())
    run.conn.execute(delete(er).where(er.article_row_id.in_(rows)))
    return left


def _neighbourhood(run: LinkRun, new: list[dict], left: set[str], rows: set[int]) -> dict[str, list[dict]]:
    """Merged events the new reports may join, and those left by the articles linked again: their
    members (the articles linked again aside), by merged event id."""
    me = MergedEventRow
    windows: dict[str, set[str]] = defaultdict(set)  # day → PLOVER categories
    coarse: dict[str, set[tuple[str, str]]] = defaultdict(set)  # article day → (coarse date, category)
    for r in new:
        if r["day"] is not None and r["how"] == "coarse":
            coarse[r["article_day"]].add((r["day"], r["plover"]))
        elif r["day"] is not None:
            windows[r["day"]].add(r["plover"])
    ids: set[str] = set(left)
    for day, plovers in windows.items():
        # by the day index alone, the category filtered here: SQLite would rather search the category's
        # index and read every merged event of that category ever stored
        query = select(me.id, me.plover).where(me.day >= _shift(day, -WINDOW), me.day <= _shift(day, WINDOW))
        ids.update(r.id for r in run.conn.execute(query) if r.plover in plovers)
    for article_day, wanted in coarse.items():
        ids.update(_coarse_candidates(run, article_day, wanted))
    pool: dict[str, list[dict]] = {}
    for chunk in _chunks(sorted(ids)):
        for mid, data in run.conn.execute(select(me.id, me.data).where(me.id.in_(chunk))):
            pool[mid] = [m for m in (data or {}).get("members", []) if m["row"] not in rows]
    return pool


def _coarse_candidates(run: LinkRun, article_day: str | None, wanted: set[tuple[str, str]]) -> set[str]:
    """Merged events dated only "2008" or "2016-02" that articles of the nearby days reported: found
    from those articles (the day index), not by the coarse date, which every year of news shares."""
    if article_day is None:
        return set()
    la, er, me = LinkedArticleRow, EventReportRow, MergedEventRow
    reach = matching.COARSE_REACH
    rows = select(la.article_row_id).where(la.day >= _shift(article_day, -reach), la.day <= _shift(article_day, reach))
    reported = select(er.merged_event_id).where(er.article_row_id.in_(rows)).distinct()
    query = select(me.id, me.day, me.plover).where(me.id.in_(reported))
    return {r.id for r in run.conn.execute(query) if (r.day, r.plover) in wanted}


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _components(new: list[dict], pool: dict[str, list[dict]], left: set[str]) -> list[list[dict]]:
    """Connected components over the new reports and the pool's members. A merged event an article
    left is taken apart and joined again by the pairwise rule (the report removed may have been what
    held it together); the others stay whole (their members were already joined)."""
    nodes: list[dict] = []
    group: list[str | None] = []  # the merged event a pool member comes from; None: a new report
    for mid, members in pool.items():
        nodes += members
        group += [mid] * len(members)
    nodes += new
    group += [None] * len(new)
    joined = _Joined(len(nodes))
    for i in range(len(nodes)):
        if group[i] is not None and group[i] not in left and i and group[i - 1] == group[i]:
            joined.union(i - 1, i)
    for i, j in _near_pairs(nodes):
        comparable = group[i] is None or group[j] is None or (group[i] == group[j] and group[i] in left)
        if comparable and joined.find(i) != joined.find(j) and matching.same_event(nodes[i], nodes[j]):
            joined.union(i, j)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, node in enumerate(nodes):
        groups[joined.find(i)].append(node)
    return [sorted(g, key=report_order) for g in groups.values()]


class _Joined:
    """Union-find over node indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _near_pairs(nodes: list[dict]):
    """Pairs of nodes of one PLOVER category whose days are close enough to be compared."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n["day"] is not None:
            buckets[(n["plover"], n["day"] if n["how"] == "coarse" else "")].append(i)
    for (_plover, coarse), indices in buckets.items():
        if coarse:
            yield from ((i, j) for pos, i in enumerate(indices) for j in indices[pos + 1 :])
            continue
        ordered = sorted(indices, key=lambda i: nodes[i]["day"])
        days = [date.fromisoformat(nodes[i]["day"]).toordinal() for i in ordered]
        for pos, i in enumerate(ordered):
            for nxt in range(pos + 1, len(ordered)):
                if days[nxt] - days[pos] > WINDOW:
                    break
                yield i, ordered[nxt]


def report_order(r: dict) -> tuple[str, str, str]:
    return (r["day"] or "9999", r["sha"], r["event"])


def merged_id(first: dict) -> str:
    return "M" + hashlib.sha256(f"{first['sha']}:{first['event']}".encode()).hexdigest()[:12]


# -- writing ---------------------------------------------------------------------------------------


def _write(run: LinkRun, components: list[list[dict]], old: set[str]) -> None:
    """Upsert each component's merged event, point its reports at it, delete merged events left empty."""
    me, er = MergedEventRow, EventReportRow
    now = utcnow()
    existing = set(run.conn.execute(select(me.id).where(me.id.in_(sorted(old)))).scalars()) if old else set()
    written: set[str] = set()
    stories = _stories(run, {c[0]["row"] for c in components})
    for members in components:
        values = summarise(members, stories.get(members[0]["row"]))
        mid = values["id"]
        if mid in existing or mid in written or _exists(run, mid):
            run.conn.execute(update(me).where(me.id == mid).values(**values, updated_at=now))
        else:
            run.conn.execute(insert(me).values(**values, updated_at=now))
        written.add(mid)
        _point_reports(run, mid, members)
    gone = sorted(existing - written)
    recheck: set[str] = set()
    for chunk in _chunks(gone):  # the claims their contests named are looked at again by the contested step
        claims = run.conn.execute(select(ContestRow.claim_id).where(ContestRow.counter_id.in_(chunk))).scalars()
        recheck |= set(claims) - set(chunk)
        run.conn.execute(delete(er).where(er.merged_event_id.in_(chunk)))
        run.conn.execute(delete(me).where(me.id.in_(chunk)))
    run.report.add("merged events", len(written))
    run.touched.setdefault("merged_events", set()).update(written | recheck)


def _exists(run: LinkRun, mid: str) -> bool:
    return run.conn.execute(select(MergedEventRow.id).where(MergedEventRow.id == mid)).first() is not None


def _point_reports(run: LinkRun, mid: str, members: list[dict]) -> None:
    er = EventReportRow
    by_article: dict[int, set[str]] = {}
    for m in members:
        by_article.setdefault(m["row"], set()).add(m["event"])
    stored = set()
    # one article at a time: a row-value IN over (article, event) pairs makes SQLite scan every report
    for row, events in sorted(by_article.items()):
        where = (er.article_row_id == row) & er.event_local_id.in_(sorted(events))
        run.conn.execute(update(er).where(where).values(merged_event_id=mid))
        stored |= {(row, e) for e in run.conn.execute(select(er.event_local_id).where(where)).scalars()}
    rows = [
        {
            "merged_event_id": mid,
            "article_row_id": m["row"],
            "event_local_id": m["event"],
            "modality": m["modality"],
            "evidence": m["evidence"],
            "chain": m["chain"],
            "origin": m["origin"]["key"],
            "background": m["background"],
        }
        for m in members
        if (m["row"], m["event"]) not in stored
    ]
    if rows:
        run.conn.execute(insert(er), rows)


def _stories(run: LinkRun, rows: set[int]) -> dict[int, str | None]:
    la = LinkedArticleRow
    found: dict[int, str | None] = {}
    for chunk in _chunks(sorted(rows)):
        query = select(la.article_row_id, la.story_id).where(la.article_row_id.in_(chunk))
        found.update((r.article_row_id, r.story_id) for r in run.conn.execute(query))
    return found


def summarise(members: list[dict], story_id: str | None) -> dict:
    """The merged_events row of a component (members in report order)."""
    first = members[0]
    cameo = _mode([m["cameo"] for m in members])
    typical = next((m for m in members if m["cameo"] == cameo), first)
    origin_list = _origins(members)
    n_articles = len({m["row"] for m in members})
    outlets = sorted({m["outlet"] for m in members})
    graded = origins.grade(origin_list, len(members), n_articles, len(outlets))
    return {
        "id": merged_id(first),
        "plover": first["plover"],
        "cameo": cameo,
        "source": (source := _code(members, "source")),
        "target": (target := _code(members, "target")),
        "pair": pair_of(source, target),
        "day": first["day"],
        "place": _mode([m["place"]["name"] for m in members if m["place"]]),
        "goldstein": typical["goldstein"],
        "quad_class": typical["quad_class"],
        "story_id": story_id,
        "n_reports": len(members),
        "n_articles": n_articles,
        "n_outlets": len(outlets),
        "independent_origins": len(origin_list),
        "contested": False,
        "grade": graded.grade,
        "why": graded.why,
        "data": {
            "origins": origin_list,
            "outlets": outlets,
            "modalities": dict(sorted(Counter(m["modality"] for m in members).items())),
            "source_name": _mode([m["source"]["name"] for m in members if m["source"]]),
            "target_name": _mode([m["target"]["name"] for m in members if m["target"]]),
            "members": members,
        },
    }


def _origins(members: list[dict]) -> list[dict]:
    """The members' distinct origins. The same unattributed sentence word for word in two articles is
    one telling (a paragraph copied, where the whole article is not): the first one's origin stands
    for both. A sourced sentence keeps its own origin: each outlet answers for its source."""
    by_key: dict[str, dict] = {}
    by_text: dict[str, dict] = {}
    for m in members:
        o = m["origin"]
        if o["kind"] == "own":
            o = by_text.setdefault(" ".join(matching.words(m["evidence"]["text"])) or m["sha"], o)
        entry = by_key.setdefault(o["key"], {**o, "state_media": False, "reports": 0})
        entry["reports"] += 1
        entry["state_media"] = entry["state_media"] or m["state_media"]
    return [by_key[k] for k in sorted(by_key)]


def _mode(values: list) -> str | None:
    """The most frequent value, ties to the smallest: the same whatever the members' order."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _code(members: list[dict], side: str) -> str | None:
    """The side's most frequent actor code; ties to the more specific, then the smallest."""
    counts = Counter(m[side]["code"] for m in members if m[side] and m[side]["code"])
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], -len(c), c))
