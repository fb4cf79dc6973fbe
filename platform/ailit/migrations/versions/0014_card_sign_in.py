"""QR sign-in on login cards (one token hash per learner and class) and when each learner's
card was last printed (for "print cards for new learners only").

Revision ID: 0014_card_sign_in
Revises: 0009_tasks
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_card_sign_in"
down_revision = "0009_tasks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_sign_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["classroom_id"], ["classroom.id"], name=op.f("fk_card_sign_in_classroom_id_classroom"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_card_sign_in_user_id_user_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["user_account.id"], name=op.f("fk_card_sign_in_issued_by_user_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_sign_in")),
        sa.UniqueConstraint("classroom_id", "user_id", name=op.f("uq_card_sign_in_classroom_id_user_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_card_sign_in_token_hash")),
    )
    op.create_index("ix_card_sign_in_user", "card_sign_in", ["user_id"])
    with op.batch_alter_table("class_membership") as batch:
        batch.add_column(sa.Column("cards_printed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("class_membership") as batch:
        batch.drop_column("cards_printed_at")
    op.drop_index("ix_card_sign_in_user", table_name="card_sign_in")
    op.drop_table("card_sign_in")
