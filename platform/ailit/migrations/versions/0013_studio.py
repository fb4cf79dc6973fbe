"""The studio: courses made in the browser, their roles, published versions, source revisions
and the studio's audit log.

Revision ID: 0013_studio
Revises: 0006_sessions
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_studio"
down_revision = "0006_sessions"
branch_labels = None
depends_on = None

_USER_FK = "user_account.id"


def upgrade() -> None:
    op.create_table(
        "studio_course",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("live_version", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], [_USER_FK], name=op.f("fk_studio_course_owner_id_user_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_course")),
    )
    op.create_table(
        "course_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("locales", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["studio_course.id"], name=op.f("fk_course_role_course_id_studio_course"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], [_USER_FK], name=op.f("fk_course_role_user_id_user_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_role")),
        sa.UniqueConstraint("course_id", "user_id", name=op.f("uq_course_role_course_id_user_id")),
    )
    op.create_index(op.f("ix_course_role_user_id"), "course_role", ["user_id"])
    op.create_table(
        "course_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["studio_course.id"], name=op.f("fk_course_version_course_id_studio_course"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["published_by"], [_USER_FK], name=op.f("fk_course_version_published_by_user_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_version")),
        sa.UniqueConstraint("course_id", "number", name=op.f("uq_course_version_course_id_number")),
    )
    op.create_table(
        "source_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("path", sa.String(length=200), nullable=False),
        sa.Column("hash", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["studio_course.id"], name=op.f("fk_source_revision_course_id_studio_course"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_revision")),
        sa.UniqueConstraint("course_id", "path", "hash", name=op.f("uq_source_revision_course_id_path_hash")),
    )
    op.create_table(
        "studio_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], [_USER_FK], name=op.f("fk_studio_event_actor_id_user_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_event")),
    )
    op.create_index("ix_studio_event_course_time", "studio_event", ["course_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_studio_event_course_time", table_name="studio_event")
    op.drop_table("studio_event")
    op.drop_table("source_revision")
    op.drop_table("course_version")
    op.drop_index(op.f("ix_course_role_user_id"), table_name="course_role")
    op.drop_table("course_role")
    op.drop_table("studio_course")
