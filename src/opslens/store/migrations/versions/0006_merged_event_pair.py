"""Merged events carry their dyad's pair of country (or actor) letters, indexed with the day: a
dyad's timeline reads one index range instead of every event either side has with anyone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("merged_events") as batch:
        batch.add_column(sa.Column("pair", sa.String(length=7), nullable=True))
    # the same rule as opslens.store.schema.pair_of, in SQL both backends run
    op.execute(
        "UPDATE merged_events SET pair = CASE WHEN substr(source, 1, 3) <= substr(target, 1, 3) "
        "THEN substr(source, 1, 3) || '|' || substr(target, 1, 3) "
        "ELSE substr(target, 1, 3) || '|' || substr(source, 1, 3) END "
        "WHERE source IS NOT NULL AND source <> '' AND target IS NOT NULL AND target <> ''"
    )
    op.create_index("ix_merged_events_pair_day", "merged_events", ["pair", "day"])


def downgrade() -> None:
    op.drop_index("ix_merged_events_pair_day", table_name="merged_events")
    with op.batch_alter_table("merged_events") as batch:
        batch.drop_column("pair")
