"""Certificates remember the learner's school at issue time (printed under the signature line).

Revision ID: 0010_certificates
Revises: 0005_withdrawn_status_index
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_certificates"
down_revision = "0005_withdrawn_status_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("certificate") as batch:
        batch.add_column(sa.Column("school_name", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("school_name")
