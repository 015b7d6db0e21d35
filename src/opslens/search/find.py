"""Search the stored articles: ranked matches, a page of them with snippets, the count and the
facets of all of them.

Ranking is each backend's own: bm25 on SQLite's FTS5 index, ts_rank_cd (cover density, scaled
down for long texts) on PostgreSQL; a word in the title counts more than one in the text on
both. Scores compare within one search and one backend, not across them. Paging is by offset in
an opaque cursor: bm25 statistics move as articles arrive, so no score is a stable key anyway.
"""

from __future__ import annotations

from sqlalchemy import Connection, Select, func, literal, literal_column, select, table, union_all
from sqlalchemy.sql.expression import ColumnClause

from opslens.search.query import Parsed, Phrase, fts5, parse
from opslens.search.records import Hit, SearchPage, SearchQuery, cursor, offset_of
from opslens.search.snippets import snippet
from opslens.store import Store
from opslens.store.schema import ArticleFacetRow, ArticleRow
from opslens.store.search_index import FACETS, FTS_TABLE, PG_VECTOR

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
        rows = _page(conn, parsed, query, offset)
        total, facets = _summary(conn, parsed, query)
    items = [_hit(r, parsed) for r in rows]
    more = offset + len(items) < total and len(items) == query.limit
    return SearchPage(items, cursor(offset + query.limit, query) if more else None, total, facets)


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


def _page(conn: Connection, parsed: Parsed, query: SearchQuery, offset: int) -> list:
    hits = _matching(conn, parsed, query, scored=True).subquery("hits")
    a = ArticleRow
    page = (
        select(a.id, a.article_id, a.sha256, a.title, a.outlet, a.published_value, a.text, hits.c.score)
        .join(hits, hits.c.id == a.id)
        .order_by(hits.c.score.desc(), a.id)
        .limit(query.limit)
        .offset(offset)
    )
    return list(conn.execute(page))


def _summary(conn: Connection, parsed: Parsed, query: SearchQuery) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """How many articles match, and per facet value how many of them have it: one statement."""
    hits = _matching(conn, parsed, query, scored=False).cte("hits")
    f = ArticleFacetRow
    total = select(literal("").label("facet"), literal("").label("value"), func.count().label("n")).select_from(hits)
    counts = (
        select(f.facet, f.value, func.count().label("n"))
        .join(hits, hits.c.id == f.article_row_id)
        .group_by(f.facet, f.value)
    )
    rows = conn.execute(union_all(total, counts)).all()
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    n_total = 0
    for facet, value, n in rows:
        if facet == "":
            n_total = n
        elif facet in facets:
            facets[facet].append((value, n))
    return n_total, {k: sorted(v, key=lambda p: (-p[1], p[0]))[:FACET_VALUES] for k, v in facets.items()}


def _matching(conn: Connection, parsed: Parsed, query: SearchQuery, *, scored: bool) -> Select:
    """ids (and scores) of the articles that match the words and pass the filters."""
    matching = _pg_matching if conn.dialect.name == "postgresql" else _sqlite_matching
    return matching(parsed, scored).where(*_filters(query))


def _sqlite_matching(parsed: Parsed, scored: bool) -> Select:
    index: ColumnClause = literal_column(FTS_TABLE)
    columns = [ArticleRow.id.label("id")]
    if scored:  # bm25 is lower for better matches
        columns.append((-func.bm25(index, TITLE_WEIGHT, 1.0)).label("score"))
    return (
        select(*columns)
        .select_from(table(FTS_TABLE))
        .join(ArticleRow, ArticleRow.id == literal_column(f"{FTS_TABLE}.rowid"))
        .where(index.op("MATCH")(fts5(parsed)))
    )


def _pg_matching(parsed: Parsed, scored: bool) -> Select:
    vector: ColumnClause = literal_column(f"articles.{PG_VECTOR}")
    tsquery = _tsquery(parsed)
    columns = [ArticleRow.id.label("id")]
    if scored:
        weights: ColumnClause = literal_column(f"'{PG_WEIGHTS}'::real[]")  # a constant of ours, not user input
        columns.append(func.ts_rank_cd(weights, vector, tsquery, PG_NORMALISATION).label("score"))
    return select(*columns).where(vector.op("@@")(tsquery))


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


def _filters(query: SearchQuery) -> list:
    a, f = ArticleRow, ArticleFacetRow
    found = []
    if query.outlet:
        found.append(func.lower(a.outlet) == query.outlet.strip().lower())
    for facet, value in (("country", query.country), ("plover", query.plover)):
        if value:
            having = select(f.article_row_id).where(f.facet == facet, f.value == value.strip().upper())
            found.append(a.id.in_(having))
    if query.since:
        found.append(a.published_value >= query.since)
    if query.until:
        found.append(a.published_value <= query.until + "\uffff")  # "2016-05" takes all of May
    return found
