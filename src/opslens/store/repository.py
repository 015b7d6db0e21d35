"""The store: analyses in, analyses and listings out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from opslens.contract import Analysis, Article, Entity, ErrorRecord
from opslens.errors import MissingStoreError, NotFoundError, StoreError
from opslens.store import migrate
from opslens.store.engine import WRITE_LOCK, make_engine, mask, parse_url, reason, sqlite_file
from opslens.store.records import ArticleSummary, StoredError, iso
from opslens.store.schema import ArticleFacetRow, ArticleRow, EntityRow, IngestErrorRow, utcnow
from opslens.store.search_index import facet_rows

MIN_PREFIX = 8
_HEX = re.compile(r"[0-9a-f]+")
# An INSERT with ON CONFLICT: each dialect has its own (alike where used here).
_UPSERT: dict[str, Callable[[type[ArticleRow]], sqlite.Insert | postgresql.Insert]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}


class Store:
    """Analyses kept in SQLite or PostgreSQL. Opening brings the schema to the current revision.

    `create=False` (commands that only read) refuses a store that does not exist yet, instead of
    making an empty one: a mistyped --db must not answer "0 articles" and leave a file behind."""

    def __init__(self, url: str, *, create: bool = True):
        parsed = self._parsed = parse_url(url)
        self.url = mask(parsed)
        if not create and (path := sqlite_file(parsed)) is not None and not path.is_file():
            raise MissingStoreError(
                f"no store at {parsed.database}: the file does not exist (check --db, or "
                f"analyse articles into it first: opslens analyze --db {parsed.database} …)"
            )
        self.engine = make_engine(parsed)
        self._writer = self.engine.execution_options(**WRITE_LOCK)
        try:
            if not create:
                self._check_exists()
            migrate.upgrade(self.engine)
        except (SQLAlchemyError, migrate.MigrationError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open store {self.url}: {reason(exc, parsed)}") from exc
        except BaseException:
            self.engine.dispose()
            raise

    def _check_exists(self) -> None:
        if migrate.stored_revision(self.engine) is None:
            raise MissingStoreError(
                f"{self.url} holds no OpsLens store (check --db, or analyse articles into it first)"
            )

    # -- writing ---------------------------------------------------------------------------

    def save(self, analysis: Analysis, *, analyzer_version: str) -> int:
        """Insert the analysis, or replace the one stored for the same text; returns the row id.

        One transaction: if any statement fails, the previous analysis stays as it was.
        """
        values = _article_values(analysis, analyzer_version)
        with self._failing(f"save article {analysis.article.id}"), self._writer.begin() as conn:
            row_id = conn.execute(_upsert(conn.dialect.name), values).scalar_one()
            conn.execute(delete(EntityRow).where(EntityRow.article_row_id == row_id))
            rows = [_entity_values(row_id, e) for e in analysis.entities]
            if rows:
                conn.execute(insert(EntityRow), rows)
            conn.execute(delete(ArticleFacetRow).where(ArticleFacetRow.article_row_id == row_id))
            if facets := facet_rows(row_id, values["analysis"]):
                conn.execute(insert(ArticleFacetRow), facets)
        return row_id

    def save_error(self, error: ErrorRecord, *, analyzer_version: str) -> None:
        row = {
            "input_id": error.id,
            "origin": error.origin,
            "code": error.code,
            "message": error.error,
            "analyzer_version": analyzer_version,
            "at": utcnow(),
        }
        with self._failing(f"save the error of input {error.id}"), self._writer.begin() as conn:
            conn.execute(insert(IngestErrorRow), [row])

    # -- reading ---------------------------------------------------------------------------

    def get(self, ref: str) -> Analysis:
        """The analysis for a row id ("12"), an article id, or a sha256 prefix of 8+ hex characters."""
        with self._failing(f"read article {ref}"), self.engine.connect() as conn:
            row_id = _resolve(conn, str(ref).strip())
            data = conn.execute(select(ArticleRow.analysis).where(ArticleRow.id == row_id)).scalar_one()
        return Analysis.model_validate(data)

    def reusable(self, article: Article, analyzer_version: str) -> Analysis | None:
        """The stored analysis of this very input by this analyzer version, if there is one: the
        same text, the same metadata (Article.fingerprint) and the same version give the same analysis."""
        query = select(ArticleRow.analyzer_version, ArticleRow.analysis).where(ArticleRow.sha256 == article.sha256)
        with self._failing(f"look up article {article.id}"), self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or row.analyzer_version != analyzer_version:
            return None
        if (row.analysis.get("pipeline") or {}).get("input") != article.fingerprint():
            return None
        stored = Analysis.model_validate(row.analysis)
        stored.article.origin = article.origin  # where it came from this time
        return stored

    def list_articles(
        self,
        limit: int = 50,
        offset: int = 0,
        *,
        since: str | None = None,
        outlet: str | None = None,
        until: str | None = None,
        before: tuple[datetime, int] | None = None,
    ) -> list[ArticleSummary]:
        """Stored articles, the most recently analysed first; `since`/`until`: published on or
        after / on or before that ISO date; `outlet`: whose outlet contains that text, in any case;
        `before`: those after this (analysed_at, row id) in that order (`listing_key`), so that a
        next page neither repeats nor skips an article when others are stored meanwhile."""
        a = ArticleRow
        after = []
        if before is not None:
            moment, row_id = before
            after.append(or_(a.analysed_at < moment, and_(a.analysed_at == moment, a.id < row_id)))
        n_entities = select(func.count(EntityRow.id)).where(EntityRow.article_row_id == a.id).scalar_subquery()
        with self._failing("list articles"), self.engine.connect() as conn:
            query = (
                select(
                    a.id,
                    a.article_id,
                    a.sha256,
                    a.title,
                    a.outlet,
                    a.url,
                    a.published_value,
                    a.published_precision,
                    a.language,
                    a.analyzer_version,
                    a.analysed_at,
                    n_entities.label("n_entities"),
                    _json_length(conn, "events").label("n_events"),
                )
                .where(*_article_filters(since, outlet, until), *after)
                .order_by(a.analysed_at.desc(), a.id.desc())
                .limit(limit)
                .offset(offset)
            )
            rows = conn.execute(query).all()
        return [
            ArticleSummary(**{**r._asdict(), "analysed_at": iso(r.analysed_at), "n_events": r.n_events or 0})
            for r in rows
        ]

    def listing_key(self, row_id: int) -> tuple[datetime, int] | None:
        """Where an article stands in `list_articles`' order: its exact analysed_at and row id."""
        with self._failing("find an article's place"), self.engine.connect() as conn:
            moment = conn.execute(select(ArticleRow.analysed_at).where(ArticleRow.id == row_id)).scalar()
        return None if moment is None else (moment, row_id)

    def errors(self, limit: int = 50, *, since: datetime | None = None) -> list[StoredError]:
        """Inputs that could not be analysed, the most recent first; `since`: failed at or after then."""
        e = IngestErrorRow
        query = select(e.id, e.input_id, e.origin, e.code, e.message, e.analyzer_version, e.at)
        if since is not None:
            query = query.where(e.at >= since)
        with self._failing("list errors"), self.engine.connect() as conn:
            rows = conn.execute(query.order_by(e.at.desc(), e.id.desc()).limit(limit)).all()
        return [StoredError(**{**r._asdict(), "at": iso(r.at)}) for r in rows]

    def count(self, *, since: str | None = None, outlet: str | None = None, until: str | None = None) -> int:
        """How many articles are stored (with the filters of `list_articles`)."""
        query = select(func.count(ArticleRow.id)).where(*_article_filters(since, outlet, until))
        with self._failing("count articles"), self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    @contextmanager
    def transaction(self, action: str) -> Iterator[Connection]:
        """One write transaction, the store's write lock taken: all of it or nothing. A database
        failure becomes a StoreError naming `action` (the linking layer writes through this)."""
        with self._failing(action), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def reading(self, action: str) -> Iterator[Connection]:
        """A connection for queries; a database failure becomes a StoreError naming `action`."""
        with self._failing(action), self.engine.connect() as conn:
            yield conn

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def _failing(self, action: str) -> Iterator[None]:
        """Database failures become one StoreError line naming the action and the (masked) store."""
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot {action} in store {self.url}: {reason(exc, self._parsed)}") from exc


def open_store(url: str, *, create: bool = True) -> Store:
    return Store(url, create=create)


@cache
def _upsert(dialect: str):
    """Insert an article row, or replace every column but its creation time (made once per
    dialect: SQLAlchemy does not cache the compiled form of an upsert)."""
    stmt = _UPSERT[dialect](ArticleRow)
    replaced = {
        c.name: stmt.excluded[c.name] for c in ArticleRow.__table__.columns if c.name not in ("id", "created_at")
    }
    return stmt.on_conflict_do_update(index_elements=["sha256"], set_=replaced).returning(ArticleRow.id)


def _article_values(analysis: Analysis, analyzer_version: str) -> dict[str, Any]:
    article = analysis.article
    now = utcnow()
    return {
        "article_id": article.id,
        "sha256": article.sha256,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "language": article.language,
        "published_value": article.published.value,
        "published_precision": article.published.precision,
        "credits": list(article.credits),
        "text": article.text,
        "analysis": analysis.to_dict(),
        "analyzer_version": analyzer_version,
        "created_at": now,
        "analysed_at": now,
    }


def _entity_values(row_id: int, entity: Entity) -> dict[str, Any]:
    data = entity.model_dump(mode="json")
    return {
        "article_row_id": row_id,
        "local_id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "actor_code": entity.actor_code,
        "kind": entity.kind,
        "aliases": data["aliases"],
        "roles": data["roles"],
        "mentions": data["mentions"],
    }


def _article_filters(since: str | None, outlet: str | None, until: str | None = None) -> list:
    """Published dates are ISO strings, so order is string order; an outlet matches in any case."""
    found = []
    if since:
        found.append(ArticleRow.published_value >= since)
    if until:  # "2022-01" takes every moment of January
        found.append(ArticleRow.published_value <= until + "\uffff")
    if outlet:
        found.append(func.lower(ArticleRow.outlet).contains(outlet.lower(), autoescape=True))
    return found


def _json_length(conn: Connection, key: str):
    """Length of a top-level array in the analysis JSON, in each dialect's own words."""
    if conn.dialect.name == "postgresql":
        return func.jsonb_array_length(ArticleRow.analysis[key])
    return func.json_array_length(ArticleRow.analysis, f"$.{key}")


def _resolve(conn: Connection, ref: str) -> int:
    """Row id of the one article `ref` names: row id, then article id, then sha256 prefix."""
    if ref.isdigit():
        found = conn.execute(select(ArticleRow.id).where(ArticleRow.id == int(ref))).scalar()
        if found is not None:
            return found
    ids = _ids(conn, ArticleRow.article_id == ref)
    if len(ids) > 1:
        raise NotFoundError(f"article id {ref!r} is ambiguous: {_rows(ids)} share it; give a row id instead")
    if ids:
        return ids[0]
    prefix = ref.lower().removeprefix("sha256:")
    if len(prefix) >= MIN_PREFIX and _HEX.fullmatch(prefix):
        # a range of the sha256 index (a LIKE prefix is served by no index on SQLite): hex digits sort below "g"
        ids = _ids(conn, and_(ArticleRow.sha256 >= prefix, ArticleRow.sha256 < prefix + "g"))
        if len(ids) > 1:
            raise NotFoundError(f"sha256 prefix {prefix!r} is ambiguous: {_rows(ids)} match it; give more characters")
        if ids:
            return ids[0]
    raise NotFoundError(
        f"no stored article matches {ref!r} (give a row id, an article id, "
        f"or at least {MIN_PREFIX} hex characters of its sha256)"
    )


def _ids(conn: Connection, condition, cap: int = 6) -> list[int]:
    # sorted here: ordered by id in SQL, SQLite walks every article instead of the condition's index
    return sorted(conn.execute(select(ArticleRow.id).where(condition).limit(cap)).scalars())


def _rows(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:5])
    return f"rows {shown}{', …' if len(ids) > 5 else ''}"
