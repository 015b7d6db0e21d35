"""Tables of the store, as SQLAlchemy typed declarative models.

The schema itself is created and changed only by the Alembic revisions in `migrations/versions`;
these models must match them (tests/store compares the two with `compare_metadata`).
A new table (events, places, …) is a new model here plus a new revision there.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Deterministic constraint names: PostgreSQL needs them to drop constraints, and SQLite's
# batch migrations can only recreate constraints that have names.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL (indexable, compact); plain JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out. SQLite keeps no offset, so naive values read back are UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    """One analysed text (unique by sha256), with its full analysis as JSON."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(Text, index=True)  # the input's id; two inputs may share one
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    published_value: Mapped[str | None] = mapped_column(String(40), index=True)
    published_precision: Mapped[str | None] = mapped_column(String(10))
    credits: Mapped[list] = mapped_column(Json)
    text: Mapped[str] = mapped_column(Text)
    analysis: Mapped[dict] = mapped_column(Json)
    analyzer_version: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    analysed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class EntityRow(Base):
    """One entity of one article's analysis; replaced whenever the article is re-analysed."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("article_row_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_row_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(32))  # "e1": the id events and attributions refer to
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    actor_code: Mapped[str | None] = mapped_column(String(32), index=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    aliases: Mapped[list] = mapped_column(Json)
    roles: Mapped[list] = mapped_column(Json)
    mentions: Mapped[list] = mapped_column(Json)


class IngestErrorRow(Base):
    """An input that could not be analysed (an `ErrorRecord`)."""

    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    input_id: Mapped[str] = mapped_column(Text, index=True)
    origin: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    analyzer_version: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


# -- the cross-article layer (opslens.link) ----------------------------------------------------
# Everything below is derived from the articles above: `opslens link --rebuild` empties it and
# makes it again, except the analyst's own decisions (entity_decisions) and what was delivered to
# people (alerts, watch_seen), which are kept.


class LinkedArticleRow(Base):
    """An article's place in the cross-article layer: its day, MinHash signature, copy group, story."""

    __tablename__ = "linked_articles"

    article_row_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[str | None] = mapped_column(String(10), index=True)  # YYYY-MM-DD: published, else analysed
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash hash values, little-endian uint64
    copy_of: Mapped[int | None] = mapped_column(Integer, index=True)  # the original's row id; None: an original
    story_id: Mapped[str | None] = mapped_column(String(16), index=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class MinhashBandRow(Base):
    """One LSH band of an article's MinHash signature: articles sharing a band key are copy candidates."""

    __tablename__ = "minhash_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)  # hex digest of the band's hash values
    # indexed on its own: an article's rows are replaced or deleted without scanning every band
    article_row_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StoryRow(Base):
    """Articles about one specific development, within days. The id comes from its earliest article."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[str | None] = mapped_column(String(10), index=True)
    last_seen: Mapped[str | None] = mapped_column(String(10), index=True)
    n_articles: Mapped[int] = mapped_column(Integer)
    outlets: Mapped[list] = mapped_column(Json)
    events: Mapped[list] = mapped_column(Json)  # key merged events: [{"id", "plover", "label", ...}]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MergedEventRow(Base):
    """One event as reported by one or more articles, with its count of independent origins."""

    __tablename__ = "merged_events"
    # a dyad's events by day in one index range, however many events either side has with others
    __table_args__ = (
        Index("ix_merged_events_pair_day", "pair", "day"),
        # the listings' order (the latest day first, undated last, then id): read from the index,
        # not sorted from every merged event of the store
        Index("ix_merged_events_sort", text("coalesce(day, '') DESC"), "id"),
    )

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    plover: Mapped[str] = mapped_column(String(32), index=True)
    cameo: Mapped[str | None] = mapped_column(String(8))
    source: Mapped[str | None] = mapped_column(String(32), index=True)  # actor code (country or CAMEO actor)
    target: Mapped[str | None] = mapped_column(String(32), index=True)
    pair: Mapped[str | None] = mapped_column(String(7))  # "CHN|USA": both codes' first 3 letters, sorted
    day: Mapped[str | None] = mapped_column(String(10), index=True)
    place: Mapped[str | None] = mapped_column(Text)
    goldstein: Mapped[float | None] = mapped_column(Float)
    quad_class: Mapped[int | None] = mapped_column(Integer)
    story_id: Mapped[str | None] = mapped_column(String(16), index=True)
    n_reports: Mapped[int] = mapped_column(Integer)
    n_articles: Mapped[int] = mapped_column(Integer)
    n_outlets: Mapped[int] = mapped_column(Integer)
    independent_origins: Mapped[int] = mapped_column(Integer, index=True)
    contested: Mapped[bool] = mapped_column(Boolean)
    grade: Mapped[str] = mapped_column(String(16))
    why: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(Json)  # origins, outlets, modalities: what the listing shows
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventReportRow(Base):
    """One article's event as a report of a merged event: its evidence and its attribution chain."""

    __tablename__ = "event_reports"
    __table_args__ = (UniqueConstraint("article_row_id", "event_local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    merged_event_id: Mapped[str] = mapped_column(ForeignKey("merged_events.id", ondelete="CASCADE"), index=True)
    article_row_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_local_id: Mapped[str] = mapped_column(String(32))  # "v1": the event's id in its analysis
    modality: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[dict] = mapped_column(Json)  # the Span
    chain: Mapped[list] = mapped_column(Json)  # ChainLinks, outermost first
    origin: Mapped[str] = mapped_column(Text)  # the key independent reports differ in
    background: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # recalled, not news


class ContestRow(Base):
    """A claim and what contradicts it (a denial, a rejection, a conflicting report)."""

    __tablename__ = "contests"
    __table_args__ = (UniqueConstraint("claim_id", "counter_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("merged_events.id", ondelete="CASCADE"), index=True)
    counter_id: Mapped[str] = mapped_column(ForeignKey("merged_events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # denial | rejection | conflicting
    why: Mapped[str] = mapped_column(Text)


class CanonicalEntityRow(Base):
    """One real-world actor across the store: the entities of many articles resolve to it."""

    __tablename__ = "canonical_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)  # stable across rebuilds: decisions refer to it
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    actor_code: Mapped[str | None] = mapped_column(String(32), index=True)
    aliases: Mapped[list] = mapped_column(Json)
    roles: Mapped[list] = mapped_column(Json)  # [{"title", "country", "first_seen", "last_seen", "articles"}]
    n_articles: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EntityLinkRow(Base):
    """Which canonical entity an article's entity resolved to, and by which rule."""

    __tablename__ = "entity_links"

    entity_row_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    canonical_id: Mapped[int] = mapped_column(ForeignKey("canonical_entities.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(64))


class EntityDecisionRow(Base):
    """An analyst's merge or split, with its reason: kept through rebuilds and applied again."""

    __tablename__ = "entity_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))  # merge | split | undo
    subject: Mapped[str] = mapped_column(Text)  # canonical key
    other: Mapped[str | None] = mapped_column(Text)  # the key merged into subject
    why: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict] = mapped_column(Json)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AlertRow(Base):
    """A watch rule that fired. `dedup` makes the same rule on the same subject fire once."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(Text, index=True)
    dedup: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(Json)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)


class WatchSeenRow(Base):
    """A feed entry `opslens watch` has handled, by guid, link and content hash: never analysed twice."""

    __tablename__ = "watch_seen"
    __table_args__ = (UniqueConstraint("feed", "guid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed: Mapped[str] = mapped_column(Text)
    guid: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    article_row_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


# -- search (opslens.search) ---------------------------------------------------------------------
# The text index itself is not a model: see store/search_index.py.


class ArticleFacetRow(Base):
    """One value an article is counted and filtered under in search: its outlet, published day,
    a country or an event category. Written with the article by Store.save."""

    __tablename__ = "article_facets"

    article_row_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)  # outlet | day | country | plover
    value: Mapped[str] = mapped_column(Text, primary_key=True)

    __table_args__ = (Index("ix_article_facets_facet_value", "facet", "value"),)


def pair_of(source: str | None, target: str | None) -> str | None:
    """The `merged_events.pair` of two actor codes: their first three letters, sorted ("CHN|USA").
    Every code a dyad side matches starts with that side (at least three letters), so a dyad's
    events all share one pair."""
    if not source or not target:
        return None
    return "|".join(sorted((source[:3], target[:3])))
