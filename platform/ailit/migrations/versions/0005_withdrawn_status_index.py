"""Withdrawn revocation-status indexes, kept after their certificates are erased.

The table starts with the gaps below the highest status index already stored: those are the
certificates erased before this revision (the list used to infer them from the gaps).

Revision ID: 0005_withdrawn_status_index
Revises: 0004_api_tokens
Create Date: 2026-11-25
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005_withdrawn_status_index"
down_revision = "0004_api_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "withdrawn_status_index",
        sa.Column("status_index", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("status_index", name=op.f("pk_withdrawn_status_index")),
    )
    present = {
        row[0]
        for row in op.get_bind().execute(sa.text("SELECT status_index FROM certificate WHERE status_index IS NOT NULL"))
    }
    gaps = sorted(set(range(1, max(present, default=0) + 1)) - present)
    if gaps:
        now = datetime.now(UTC)
        op.bulk_insert(table, [{"status_index": index, "withdrawn_at": now} for index in gaps])


def downgrade() -> None:
    op.drop_table("withdrawn_status_index")
