"""Full-text search: the text index of each backend and the facet rows search counts by.

SQLite: an FTS5 table over articles' title and text, the articles table its content (the text is
not stored twice), kept in step by triggers, so that every write to articles (save, re-analysis,
deletion) updates it. Words are Unicode letters and digits, case-folded, accents kept (PostgreSQL's
'simple' configuration below does not fold accents either: both backends match alike).
A later revision that rebuilds articles by copying it (a batch ALTER on SQLite) must create these
triggers again.
PostgreSQL: a generated tsvector column (title weighted A, text B) with a GIN index.

Facet rows are filled here for the articles already stored; Store.save writes them from now on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
import string

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER articles_fts_update",
    "DROP TRIGGER articles_fts_delete",
    "DROP TRIGGER articles_fts_insert",
    "DROP TABLE articles_fts",
]
# PostgreSQL's parser reads more than words: "<script>" is a tag it leaves out, "a-b" a compound,
# and in a C locale every non-ASCII character is a letter ("Trump’s" one word). Punctuation turned
# to spaces first, it cuts words where FTS5 and the query parser do: at everything but letters
# and digits.
PUNCTUATION = string.punctuation + "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2013\u2014\u2015\u2026"
PUNCTUATION += "\u00ab\u00bb\u2039\u203a\u00b7\u2022\u2032\u2033\u00a0\u2009\u200a\u200b\u202f\u3000\u3001\u3002"


def _words(column: str) -> str:
    chars = PUNCTUATION.replace("'", "''").replace("%", "%%")
    spaces = " " * len(PUNCTUATION)
    return f"to_tsvector('simple'::regconfig, translate(coalesce({column}, ''), '{chars}', '{spaces}'))"


PG_UP = [
    f"ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"setweight({_words('title')}, 'A') || setweight({_words('text')}, 'B')) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]
PG_DOWN = ["DROP INDEX ix_articles_search_vector", "ALTER TABLE articles DROP COLUMN search_vector"]
BACKFILL_CHUNK = 500


def upgrade() -> None:
    op.create_table(
        "article_facets",
        sa.Column("article_row_id", sa.Integer(), nullable=False),
        sa.Column("facet", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_row_id"],
            ["articles.id"],
            name=op.f("fk_article_facets_article_row_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_row_id", "facet", "value", name=op.f("pk_article_facets")),
    )
    op.create_index("ix_article_facets_facet_value", "article_facets", ["facet", "value"], unique=False)
    bind = op.get_bind()
    for statement in PG_UP if bind.dialect.name == "postgresql" else SQLITE_UP:
        bind.exec_driver_sql(statement)
    _backfill_facets(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for statement in PG_DOWN if bind.dialect.name == "postgresql" else SQLITE_DOWN:
        bind.exec_driver_sql(statement)
    op.drop_index("ix_article_facets_facet_value", table_name="article_facets")
    op.drop_table("article_facets")


def _backfill_facets(bind: sa.Connection) -> None:
    """Facet rows of the stored articles, a chunk of rows at a time (analyses are large)."""
    from opslens.store.search_index import facet_rows  # the one rule, shared with Store.save

    facets = sa.table("article_facets", sa.column("article_row_id"), sa.column("facet"), sa.column("value"))
    last = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT id, analysis FROM articles WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": BACKFILL_CHUNK},
        ).all()
        if not rows:
            return
        found = [f for r in rows for f in facet_rows(r.id, _json(r.analysis))]
        if found:
            bind.execute(sa.insert(facets), found)
        last = rows[-1].id


def _json(value) -> dict:
    return json.loads(value) if isinstance(value, str | bytes) else value
