"""Picture passwords: a class's choice to let learners sign in with three pictures, and each
learner's picture password (its Argon2 hash only).

Revision ID: 0015_picture_passwords
Revises: 0014_card_sign_in
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_picture_passwords"
down_revision = "0014_card_sign_in"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "classroom",
        sa.Column("picture_passwords", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "picture_password",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=255), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"],
            name=op.f("fk_picture_password_user_id_user_account"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["user_account.id"],
            name=op.f("fk_picture_password_issued_by_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_picture_password")),
    )


def downgrade() -> None:
    op.drop_table("picture_password")
    with op.batch_alter_table("classroom") as batch:
        batch.drop_column("picture_passwords")
