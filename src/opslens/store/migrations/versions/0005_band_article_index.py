"""MinHash band rows are found by their article too: re-signing or deleting an article must not
scan every band row of the store (the primary key leads with the band and key).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_minhash_bands_article_row_id"), "minhash_bands", ["article_row_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_minhash_bands_article_row_id"), table_name="minhash_bands")
