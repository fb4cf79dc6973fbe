"""Reading mode, remembered per account (None: not chosen, the course decides).

Revision ID: 0012_experience
Revises: 0008_quiz_settings
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_experience"
down_revision = "0008_quiz_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("reading_mode", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("reading_mode")
