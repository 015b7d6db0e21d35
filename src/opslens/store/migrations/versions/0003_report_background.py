"""Event reports say whether the article told the event as background (recalled, not news), so
that listings, the API and exports can leave such reports out or keep only them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_reports") as batch:
        batch.add_column(sa.Column("background", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("event_reports") as batch:
        batch.drop_column("background")
