"""The listings of merged events (the latest day first, undated last, then id) read their order
from an index: `opslens events`, /api/events, the dashboard's home and map no longer sort every
merged event of the store for a page of fifty.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_merged_events_sort", "merged_events", [sa.text("coalesce(day, '') DESC"), "id"])


def downgrade() -> None:
    op.drop_index("ix_merged_events_sort", table_name="merged_events")
