"""The cross-article layer (opslens.link): copy groups, stories, merged events and their reports,
contests, canonical entities and the analyst's decisions, alerts, the state of `opslens watch`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _alerts()
    _canonical_entities()
    _entity_decisions()
    _merged_events()
    _stories()
    _contests()
    _event_reports()
    _linked_articles()
    _minhash_bands()
    _watch_seen()
    _entity_links()


def _alerts() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("dedup", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("dedup", name=op.f("uq_alerts_dedup")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_rule"), ["rule"], unique=False)


def _canonical_entities() -> None:
    op.create_table(
        "canonical_entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("actor_code", sa.String(length=32), nullable=True),
        sa.Column("aliases", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("roles", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canonical_entities")),
        sa.UniqueConstraint("key", name=op.f("uq_canonical_entities_key")),
    )
    with op.batch_alter_table("canonical_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_canonical_entities_actor_code"), ["actor_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_canonical_entities_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_canonical_entities_name"), ["name"], unique=False)


def _entity_decisions() -> None:
    op.create_table(
        "entity_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("other", sa.Text(), nullable=True),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_decisions")),
    )


def _merged_events() -> None:
    op.create_table(
        "merged_events",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("plover", sa.String(length=32), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=True),
        sa.Column("target", sa.String(length=32), nullable=True),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("quad_class", sa.Integer(), nullable=True),
        sa.Column("story_id", sa.String(length=16), nullable=True),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_outlets", sa.Integer(), nullable=False),
        sa.Column("independent_origins", sa.Integer(), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merged_events")),
    )
    with op.batch_alter_table("merged_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merged_events_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_merged_events_independent_origins"), ["independent_origins"], unique=False)
        batch_op.create_index(batch_op.f("ix_merged_events_plover"), ["plover"], unique=False)
        batch_op.create_index(batch_op.f("ix_merged_events_source"), ["source"], unique=False)
        batch_op.create_index(batch_op.f("ix_merged_events_story_id"), ["story_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merged_events_target"), ["target"], unique=False)


def _stories() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.String(length=10), nullable=True),
        sa.Column("last_seen", sa.String(length=10), nullable=True),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("events", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stories_first_seen"), ["first_seen"], unique=False)
        batch_op.create_index(batch_op.f("ix_stories_last_seen"), ["last_seen"], unique=False)


def _contests() -> None:
    op.create_table(
        "contests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=16), nullable=False),
        sa.Column("counter_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["merged_events.id"], name=op.f("fk_contests_claim_id_merged_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["merged_events.id"], name=op.f("fk_contests_counter_id_merged_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contests")),
        sa.UniqueConstraint("claim_id", "counter_id", name=op.f("uq_contests_claim_id_counter_id")),
    )
    with op.batch_alter_table("contests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contests_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contests_counter_id"), ["counter_id"], unique=False)


def _event_reports() -> None:
    op.create_table(
        "event_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merged_event_id", sa.String(length=16), nullable=False),
        sa.Column("article_row_id", sa.Integer(), nullable=False),
        sa.Column("event_local_id", sa.String(length=32), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("chain", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_row_id"],
            ["articles.id"],
            name=op.f("fk_event_reports_article_row_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_event_id"],
            ["merged_events.id"],
            name=op.f("fk_event_reports_merged_event_id_merged_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_reports")),
        sa.UniqueConstraint(
            "article_row_id", "event_local_id", name=op.f("uq_event_reports_article_row_id_event_local_id")
        ),
    )
    with op.batch_alter_table("event_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_reports_article_row_id"), ["article_row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_reports_merged_event_id"), ["merged_event_id"], unique=False)


def _linked_articles() -> None:
    op.create_table(
        "linked_articles",
        sa.Column("article_row_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("copy_of", sa.Integer(), nullable=True),
        sa.Column("story_id", sa.String(length=16), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_row_id"],
            ["articles.id"],
            name=op.f("fk_linked_articles_article_row_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_row_id", name=op.f("pk_linked_articles")),
    )
    with op.batch_alter_table("linked_articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_linked_articles_copy_of"), ["copy_of"], unique=False)
        batch_op.create_index(batch_op.f("ix_linked_articles_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_linked_articles_linked_at"), ["linked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_linked_articles_story_id"), ["story_id"], unique=False)


def _minhash_bands() -> None:
    op.create_table(
        "minhash_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("article_row_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_row_id"],
            ["articles.id"],
            name=op.f("fk_minhash_bands_article_row_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band", "key", "article_row_id", name=op.f("pk_minhash_bands")),
    )


def _watch_seen() -> None:
    op.create_table(
        "watch_seen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed", sa.Text(), nullable=False),
        sa.Column("guid", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("article_row_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_row_id"], ["articles.id"], name=op.f("fk_watch_seen_article_row_id_articles"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_seen")),
        sa.UniqueConstraint("feed", "guid", name=op.f("uq_watch_seen_feed_guid")),
    )
    with op.batch_alter_table("watch_seen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watch_seen_content_hash"), ["content_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_watch_seen_url"), ["url"], unique=False)


def _entity_links() -> None:
    op.create_table(
        "entity_links",
        sa.Column("entity_row_id", sa.Integer(), nullable=False),
        sa.Column("canonical_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["canonical_id"],
            ["canonical_entities.id"],
            name=op.f("fk_entity_links_canonical_id_canonical_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_row_id"], ["entities.id"], name=op.f("fk_entity_links_entity_row_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entity_row_id", name=op.f("pk_entity_links")),
    )
    with op.batch_alter_table("entity_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_links_canonical_id"), ["canonical_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entity_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_links_canonical_id"))

    op.drop_table("entity_links")
    with op.batch_alter_table("watch_seen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_seen_url"))
        batch_op.drop_index(batch_op.f("ix_watch_seen_content_hash"))

    op.drop_table("watch_seen")
    op.drop_table("minhash_bands")
    with op.batch_alter_table("linked_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_linked_articles_story_id"))
        batch_op.drop_index(batch_op.f("ix_linked_articles_linked_at"))
        batch_op.drop_index(batch_op.f("ix_linked_articles_day"))
        batch_op.drop_index(batch_op.f("ix_linked_articles_copy_of"))

    op.drop_table("linked_articles")
    with op.batch_alter_table("event_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_reports_merged_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_reports_article_row_id"))

    op.drop_table("event_reports")
    with op.batch_alter_table("contests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contests_counter_id"))
        batch_op.drop_index(batch_op.f("ix_contests_claim_id"))

    op.drop_table("contests")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stories_last_seen"))
        batch_op.drop_index(batch_op.f("ix_stories_first_seen"))

    op.drop_table("stories")
    with op.batch_alter_table("merged_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merged_events_target"))
        batch_op.drop_index(batch_op.f("ix_merged_events_story_id"))
        batch_op.drop_index(batch_op.f("ix_merged_events_source"))
        batch_op.drop_index(batch_op.f("ix_merged_events_plover"))
        batch_op.drop_index(batch_op.f("ix_merged_events_independent_origins"))
        batch_op.drop_index(batch_op.f("ix_merged_events_day"))

    op.drop_table("merged_events")
    op.drop_table("entity_decisions")
    with op.batch_alter_table("canonical_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_canonical_entities_name"))
        batch_op.drop_index(batch_op.f("ix_canonical_entities_country"))
        batch_op.drop_index(batch_op.f("ix_canonical_entities_actor_code"))

    op.drop_table("canonical_entities")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_rule"))
        batch_op.drop_index(batch_op.f("ix_alerts_at"))

    op.drop_table("alerts")
