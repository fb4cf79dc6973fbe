"""Certificates: one per learner per course version, with PDF, credential and revocation.

Revision ID: 0002_certificates
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_certificates"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=100), nullable=False),
        sa.Column("course_version", sa.String(length=64), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("learner_name", sa.String(length=200), nullable=False),
        sa.Column("course_title", sa.String(length=300), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pdf_path", sa.String(length=300), nullable=False),
        sa.Column("credential", sa.JSON(), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revocation_reason", sa.String(length=500), nullable=True),
        sa.Column("status_index", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_certificate_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("code", name=op.f("uq_certificate_code")),
        sa.UniqueConstraint("status_index", name=op.f("uq_certificate_status_index")),
        sa.UniqueConstraint(
            "user_id",
            "course_id",
            "course_version",
            name=op.f("uq_certificate_user_id_course_id_course_version"),
        ),
    )
    op.create_index(op.f("ix_certificate_user_id"), "certificate", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_certificate_user_id"), table_name="certificate")
    op.drop_table("certificate")
