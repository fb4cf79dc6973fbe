"""Schools: schools and their staff, classes, join codes, memberships, assignments,
invitations, one-time passwords and the audit log.

Revision ID: 0003_schools
Revises: 0002_certificates
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_schools"
down_revision = "0002_certificates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school")),
    )
    op.create_table(
        "classroom",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("username_prefix", sa.String(length=8), nullable=False),
        sa.Column("next_learner_number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_classroom_school_id_school"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["teacher_id"], ["user_account.id"], name=op.f("fk_classroom_teacher_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classroom")),
        sa.UniqueConstraint("username_prefix", name=op.f("uq_classroom_username_prefix")),
    )
    op.create_index("ix_classroom_school", "classroom", ["school_id"])
    op.create_index("ix_classroom_teacher", "classroom", ["teacher_id"])
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["user_account.id"], name=op.f("fk_invitation_created_by_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_invitation_school_id_school"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["used_by"], ["user_account.id"], name=op.f("fk_invitation_used_by_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invitation_code_hash")),
    )
    op.create_index("ix_invitation_school", "invitation", ["school_id"])
    op.create_table(
        "school_membership",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_school_membership_school_id_school"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_school_membership_user_id_user_account"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_school_membership")),
    )
    op.create_index("ix_school_membership_school", "school_membership", ["school_id"])
    op.create_table(
        "temporary_password",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["issued_by"], ["user_account.id"], name=op.f("fk_temporary_password_issued_by_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_temporary_password_user_id_user_account"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_temporary_password")),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=100), nullable=False),
        sa.Column("module_ids", sa.JSON(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["classroom_id"], ["classroom.id"], name=op.f("fk_assignment_classroom_id_classroom"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["user_account.id"], name=op.f("fk_assignment_created_by_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    op.create_index("ix_assignment_classroom", "assignment", ["classroom_id"])
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("classroom_id", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], name=op.f("fk_audit_event_actor_id_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["classroom_id"], ["classroom.id"], name=op.f("fk_audit_event_classroom_id_classroom"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_audit_event_school_id_school"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subject_user_id"], ["user_account.id"], name=op.f("fk_audit_event_subject_user_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index("ix_audit_event_school_time", "audit_event", ["school_id", "created_at"])
    op.create_table(
        "class_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_by_teacher", sa.Boolean(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["classroom_id"], ["classroom.id"], name=op.f("fk_class_membership_classroom_id_classroom"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_class_membership_user_id_user_account"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_membership")),
        sa.UniqueConstraint("classroom_id", "user_id", name=op.f("uq_class_membership_classroom_id_user_id")),
    )
    op.create_index("ix_class_membership_user", "class_membership", ["user_id"])
    op.create_table(
        "join_code",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["classroom_id"], ["classroom.id"], name=op.f("fk_join_code_classroom_id_classroom"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_join_code")),
    )
    op.create_index("ix_join_code_classroom", "join_code", ["classroom_id"])



def downgrade() -> None:
    op.drop_index("ix_join_code_classroom", table_name="join_code")
    op.drop_table("join_code")
    op.drop_index("ix_class_membership_user", table_name="class_membership")
    op.drop_table("class_membership")
    op.drop_index("ix_audit_event_school_time", table_name="audit_event")
    op.drop_table("audit_event")
    op.drop_index("ix_assignment_classroom", table_name="assignment")
    op.drop_table("assignment")
    op.drop_table("temporary_password")
    op.drop_index("ix_school_membership_school", table_name="school_membership")
    op.drop_table("school_membership")
    op.drop_index("ix_invitation_school", table_name="invitation")
    op.drop_table("invitation")
    op.drop_index("ix_classroom_teacher", table_name="classroom")
    op.drop_index("ix_classroom_school", table_name="classroom")
    op.drop_table("classroom")
    op.drop_table("school")
