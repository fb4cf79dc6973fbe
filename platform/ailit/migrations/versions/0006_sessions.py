"""Server-side sign-in sessions; sign-in failures counted per account and address.

The old per-account counts are dropped: they only slowed down guessing for a few minutes.

Revision ID: 0006_sessions
Revises: 0010_certificates
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_sessions"
down_revision = "0010_certificates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_sign_in_session_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_sign_in_session")),
    )
    op.create_index(op.f("ix_sign_in_session_user_id"), "sign_in_session", ["user_id"])
    op.drop_table("login_throttle")
    _create_throttle(with_address=True)


def downgrade() -> None:
    op.drop_table("login_throttle")
    _create_throttle(with_address=False)
    op.drop_index(op.f("ix_sign_in_session_user_id"), table_name="sign_in_session")
    op.drop_table("sign_in_session")


def _create_throttle(*, with_address: bool) -> None:
    key = ["username", "address"] if with_address else ["username"]
    address = [sa.Column("address", sa.String(length=64), nullable=False)] if with_address else []
    op.create_table(
        "login_throttle",
        sa.Column("username", sa.String(length=40), nullable=False),
        *address,
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_login_throttle")),
    )
