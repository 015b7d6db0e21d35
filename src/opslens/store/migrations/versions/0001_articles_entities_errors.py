"""Articles with their analysis JSON, entities, ingest errors.

Revision ID: 0001
Revises:
Create Date: 2026-05-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Types are spelled out here rather than imported from schema.py: a revision must keep creating
# the same schema even after the models move on.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    _articles()
    _entities()
    _ingest_errors()


def _articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("published_value", sa.String(40), nullable=True),
        sa.Column("published_precision", sa.String(10), nullable=True),
        sa.Column("credits", JSON, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("analysis", JSON, nullable=False),
        sa.Column("analyzer_version", sa.String(100), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("analysed_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("sha256", name="uq_articles_sha256"),
    )
    op.create_index("ix_articles_article_id", "articles", ["article_id"])
    op.create_index("ix_articles_published_value", "articles", ["published_value"])
    op.create_index("ix_articles_analysed_at", "articles", ["analysed_at"])


def _entities() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_row_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("actor_code", sa.String(32), nullable=True),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column("roles", JSON, nullable=False),
        sa.Column("mentions", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.ForeignKeyConstraint(
            ["article_row_id"], ["articles.id"], ondelete="CASCADE", name="fk_entities_article_row_id_articles"
        ),
        sa.UniqueConstraint("article_row_id", "local_id", name="uq_entities_article_row_id_local_id"),
    )
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_index("ix_entities_country", "entities", ["country"])
    op.create_index("ix_entities_actor_code", "entities", ["actor_code"])


def _ingest_errors() -> None:
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("input_id", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("analyzer_version", sa.String(100), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
    )
    op.create_index("ix_ingest_errors_input_id", "ingest_errors", ["input_id"])
    op.create_index("ix_ingest_errors_at", "ingest_errors", ["at"])


def downgrade() -> None:
    op.drop_table("ingest_errors")
    op.drop_table("entities")
    op.drop_table("articles")
