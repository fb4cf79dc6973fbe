"""Quiz attempts keep the questions they were taken on; each attempt has a secret key.

``quiz_attempt.questions`` holds the drawn questions as shown (a later republish cannot pair
an old result with new questions) and ``drawn`` their indices in the quiz. The key of the
next attempt (``module_progress.attempt_key``) seeds its draw, shuffles and opaque item ids;
existing rows get a random one.

Revision ID: 0008_quiz_settings
Revises: 0013_studio
Create Date: 2026-12-03
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0008_quiz_settings"
down_revision = "0013_studio"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quiz_attempt") as batch:
        batch.add_column(sa.Column("questions", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("drawn", sa.JSON(), nullable=True))
    with op.batch_alter_table("module_progress") as batch:
        batch.add_column(sa.Column("attempt_key", sa.String(length=32), nullable=True))
    bind = op.get_bind()
    ids = bind.execute(sa.text("SELECT id FROM module_progress")).scalars().all()
    for row_id in ids:
        bind.execute(
            sa.text("UPDATE module_progress SET attempt_key = :key WHERE id = :id"),
            {"key": secrets.token_hex(16), "id": row_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("module_progress") as batch:
        batch.drop_column("attempt_key")
    with op.batch_alter_table("quiz_attempt") as batch:
        batch.drop_column("drawn")
        batch.drop_column("questions")
