"""Search the stored articles: ranked matches, a page of them with snippets, the count and the
facets of the result set.

Ranking is each backend's own: bm25 on SQLite's FTS5 index, ts_rank_cd (cover density, scaled
down for long texts) on PostgreSQL; a word in the title counts more than one in the text on
both. Scores compare within one search and one backend, not across them. Paging is by offset in
an opaque cursor: bm25 statistics move as articles arrive, so no score is a stable key anyway.

Ranking and faceting cost time in proportion to the matches; a query as broad as "the" matches
nearly every article. So when more than CANDIDATES articles match, ranking, pages and facets
cover the CANDIDATES most recently stored of them (`SearchPage.complete` is then False); the
total still counts them all, exactly.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, Integer, Select, any_, func, literal, literal_column, select, table
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by, array_agg
from sqlalchemy.sql.expression import ColumnClause, ColumnElement

from opslens.search.query import Parsed, Phrase, fts5, parse
from opslens.search.records import Hit, SearchPage, SearchQuery, cursor, offset_of
from opslens.search.snippets import snippet
from opslens.store import Store
from opslens.store.schema import ArticleFacetRow, ArticleRow
from opslens.store.search_index import FACETS, FTS_TABLE, PG_VECTOR

CANDIDATES = 2000  # matches ranked and faceted at most (bench/search.py, bench/RESULTS.md)
FACET_VALUES = 20  # per facet, the most frequent
TITLE_WEIGHT = 5.0  # bm25 column weight of the title, the text's being 1
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # ts_rank_cd weights of D, C, B (text), A (title)
PG_NORMALISATION = 1  # rank / (1 + log(length)): long articles do not win by length alone


def search(store: Store, query: SearchQuery) -> SearchPage:
    """One page of the articles matching `query`, best first (ties: the earlier stored first)."""
    parsed = parse(query.q)
    query.check()
    offset = offset_of(query)
    with store.reading("search articles") as conn:
        if conn.dialect.name == "postgresql":
            # The planner prices a scan of articles by its small main table, not by the tsvectors
            # it must then fetch and decompress row by row (TOAST): it would scan the whole table
            # rather than ask the GIN index (bench/RESULTS.md). Only for this transaction.
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        # the words are matched once: every later step reads the candidates' ids, not the index
        total, candidates = _candidates(conn, _matching(conn, parsed, query))
        floor = candidates[-1] if total > CANDIDATES else None
        rows = _page(conn, parsed, query, offset, floor, candidates) if candidates else []
        facets = _facets(conn, candidates)
    items = [_hit(r, parsed) for r in rows]
    more = offset + len(items) < min(total, CANDIDATES) and len(items) == query.limit
    return SearchPage(items, cursor(offset + query.limit, query) if more else None, total, facets, floor is None)


def _hit(row, parsed: Parsed) -> Hit:
    return Hit(
        article=row.article_id,
        row=row.id,
        sha256=row.sha256,
        title=row.title,
        outlet=row.outlet,
        published=row.published_value,
        score=float(row.score),
        snippet=snippet(row.text, parsed.terms),
    )


def _candidates(conn: Connection, matching: Select) -> tuple[int, list[int]]:
    """How many articles match, and the ids of the CANDIDATES most recently stored of them."""
    if conn.dialect.name == "postgresql":
        # counted and cut in one aggregate over the GIN index's matches: ordered and limited in
        # SQL, the planner walks the primary key testing every row; listed, tens of thousands of
        # ids would cross into Python
        found = matching.subquery()
        newest = array_agg(aggregate_order_by(found.c.id, found.c.id.desc()))[1:CANDIDATES]
        total, ids = conn.execute(select(func.count(), newest)).one()
        return total, list(ids or [])
    # FTS5 counts in C and reads its matches newest first by itself
    total = conn.execute(select(func.count()).select_from(matching.subquery())).scalar_one()
    newest = matching.order_by(literal_column(f"{FTS_TABLE}.rowid").desc()).limit(CANDIDATES)
    return total, list(conn.execute(newest).scalars())


def _among(conn: Connection, column, ids: list[int]) -> ColumnElement[bool]:
    """`column` is one of `ids`, given as one parameter (a PostgreSQL array, a JSON array SQLite
    reads with json_each), not as thousands of IN parameters to bind and plan."""
    if conn.dialect.name == "postgresql":
        return column == any_(literal(ids, ARRAY(Integer)))
    listed: Select = select(literal_column("value")).select_from(func.json_each(literal(json.dumps(ids))))
    return column.in_(listed)


def _page(
    conn: Connection, parsed: Parsed, query: SearchQuery, offset: int, floor: int | None, candidates: list[int]
) -> list:
    """The page of the candidates, best first. FTS5 ranks only inside its own MATCH (bm25), from
    the floor on; PostgreSQL ranks the listed candidates without matching them again (a phrase
    would make it re-read every match's tsvector)."""
    a = ArticleRow
    if conn.dialect.name == "postgresql":
        vector: ColumnClause = literal_column(f"articles.{PG_VECTOR}")
        weights: ColumnClause = literal_column(f"'{PG_WEIGHTS}'::real[]")  # a constant of ours, not user input
        score = func.ts_rank_cd(weights, vector, _tsquery(parsed), PG_NORMALISATION).label("score")
        page = select(a.id, a.article_id, a.sha256, a.title, a.outlet, a.published_value, a.text, score).where(
            _among(conn, a.id, candidates)
        )
        return list(conn.execute(page.order_by(score.desc(), a.id).limit(query.limit).offset(offset)))
    hits = _matching(conn, parsed, query, scored=True, floor=floor).subquery("hits")
    page = (
        select(a.id, a.article_id, a.sha256, a.title, a.outlet, a.published_value, a.text, hits.c.score)
        .join(hits, hits.c.id == a.id)
        .order_by(hits.c.score.desc(), a.id)
        .limit(query.limit)
        .offset(offset)
    )
    return list(conn.execute(page))


def _facets(conn: Connection, candidates: list[int]) -> dict[str, list[tuple[str, int]]]:
    """Per facet, its FACET_VALUES most frequent values among the candidates, with their counts
    (cut in the database: a broad query's days alone run into thousands)."""
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    if not candidates:
        return facets
    f = ArticleFacetRow
    n = func.count().label("n")
    counts = (
        select(
            f.facet, f.value, n, func.row_number().over(partition_by=f.facet, order_by=(n.desc(), f.value)).label("k")
        )
        .where(_among(conn, f.article_row_id, candidates))
        .group_by(f.facet, f.value)
        .subquery()
    )
    top = select(counts.c.facet, counts.c.value, counts.c.n).where(counts.c.k <= FACET_VALUES)
    for facet, value, count in conn.execute(top.order_by(counts.c.facet, counts.c.k)):
        if facet in facets:
            facets[facet].append((value, count))
    return facets


def _matching(
    conn: Connection, parsed: Parsed, query: SearchQuery, *, scored: bool = False, floor: int | None = None
) -> Select:
    """ids (and scores) of the articles that match the words and pass the filters (from `floor` on)."""
    if conn.dialect.name == "postgresql":
        found, ids = _pg_matching(parsed)  # ranked by _page, over the candidates
        filtered = ids
    else:
        found, ids = _sqlite_matching(parsed, scored)
        # "+rowid": a filter FTS5 must not take as its own rowid constraint, or it runs the
        # MATCH again for every row id the filter lists (seconds); the floor it takes gladly
        filtered = literal_column(f"+{FTS_TABLE}.rowid")
    return found.where(*_filters(query, filtered), *([ids >= floor] if floor is not None else []))


def _sqlite_matching(parsed: Parsed, scored: bool) -> tuple[Select, ColumnElement]:
    """Straight from the FTS5 index: its rowid is the article's row id (no join with articles,
    whose rows are large)."""
    index: ColumnClause = literal_column(FTS_TABLE)
    ids: ColumnClause = literal_column(f"{FTS_TABLE}.rowid")
    columns = [ids.label("id")]
    if scored:  # bm25 is lower for better matches
        columns.append((-func.bm25(index, TITLE_WEIGHT, 1.0)).label("score"))
    return select(*columns).select_from(table(FTS_TABLE)).where(index.op("MATCH")(fts5(parsed))), ids


def _pg_matching(parsed: Parsed) -> tuple[Select, ColumnElement]:
    vector: ColumnClause = literal_column(f"articles.{PG_VECTOR}")
    ids: ColumnElement = ArticleRow.id.expression
    return select(ArticleRow.id.label("id")).where(vector.op("@@")(_tsquery(parsed))), ids


def _tsquery(parsed: Parsed):
    """The tsquery, built by functions over bound words: nothing the user typed is tsquery syntax."""

    def phrase(words: Phrase):
        return func.phraseto_tsquery(literal_column("'simple'::regconfig"), literal(" ".join(words)))

    def any_of(phrases: tuple[Phrase, ...]):
        result = phrase(phrases[0])
        for p in phrases[1:]:
            result = func.tsquery_or(result, phrase(p))
        return result

    wanted = any_of(parsed.groups[0])
    for group in parsed.groups[1:]:
        wanted = func.tsquery_and(wanted, any_of(group))
    if parsed.excluded:
        wanted = func.tsquery_and(wanted, func.tsquery_not(any_of(parsed.excluded)))
    return wanted


def _filters(query: SearchQuery, ids: ColumnElement) -> list:
    """Conditions on the matches' row ids: each filter a set of articles (an index each)."""
    a, f = ArticleRow, ArticleFacetRow
    on_article = []
    if query.outlet:
        on_article.append(func.lower(a.outlet) == query.outlet.strip().lower())
    if query.since:
        on_article.append(a.published_value >= query.since)
    if query.until:
        on_article.append(a.published_value <= query.until + "\uffff")  # "2016-05" takes all of May
    found = [ids.in_(select(a.id).where(*on_article))] if on_article else []
    for facet, value in (("country", query.country), ("plover", query.plover)):
        if value:
            found.append(ids.in_(select(f.article_row_id).where(f.facet == facet, f.value == value.strip().upper())))
    return found
