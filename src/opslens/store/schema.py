"""Tables of the store, as SQLAlchemy typed declarative models.

The schema itself is created and changed only by the Alembic revisions in `migrations/versions`;
these models must match them (tests/store compares the two with `compare_metadata`).
A new table (events, places, …) is a new model here plus a new revision there.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
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
