"""Practical tasks: submissions, their files, the site role `reviewer`, school mentors, and
the kind of each certificate (completion or assessed).

Revision ID: 0009_tasks
Revises: 0012_experience
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_tasks"
down_revision = "0012_experience"
branch_labels = None
depends_on = None

OLD_ROLES = ("learner", "teacher", "school-admin", "author", "admin")
NEW_ROLES = ("learner", "teacher", "school-admin", "author", "reviewer", "admin")
ROLE_CHECK = "ck_user_account_user_role"


def _role_check(roles: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"


def _set_roles(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite cannot alter a CHECK constraint; rebuilding user_account would cascade deletes
        # into every table that refers to it. Rewriting the constraint's text is SQLite's own
        # documented way (https://sqlite.org/lang_altertable.html#otheralter); only the list of
        # allowed values changes.
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
        bind.exec_driver_sql("PRAGMA writable_schema=ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'user_account'",
            (_role_check(old), _role_check(new)),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema=OFF")
    else:
        op.drop_constraint(op.f(ROLE_CHECK), "user_account", type_="check")
        op.create_check_constraint(op.f(ROLE_CHECK), "user_account", _role_check(new))


def upgrade() -> None:
    _set_roles(OLD_ROLES, NEW_ROLES)
    op.add_column(
        "certificate",
        sa.Column("kind", sa.String(length=20), server_default="completion", nullable=False),
    )
    op.add_column(
        "school_membership",
        sa.Column("mentor", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "task_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.String(length=100), nullable=False),
        sa.Column("module_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("submitted", "passed", "revision", name="submission_status", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("seen_by_learner", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"],
            name=op.f("fk_task_submission_user_id_user_account"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["user_account.id"],
            name=op.f("fk_task_submission_reviewer_id_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_submission")),
    )
    op.create_index("ix_task_submission_user_module", "task_submission", ["user_id", "course_id", "module_id"])
    op.create_index("ix_task_submission_status", "task_submission", ["status"])
    op.create_table(
        "task_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("stored_name", sa.String(length=100), nullable=False),
        sa.Column("original_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["task_submission.id"],
            name=op.f("fk_task_file_submission_id_task_submission"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_file")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_task_file_stored_name")),
    )
    op.create_index(op.f("ix_task_file_submission_id"), "task_file", ["submission_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_task_file_submission_id"), table_name="task_file")
    op.drop_table("task_file")
    op.drop_index("ix_task_submission_status", table_name="task_submission")
    op.drop_index("ix_task_submission_user_module", table_name="task_submission")
    op.drop_table("task_submission")
    with op.batch_alter_table("school_membership") as batch:
        batch.drop_column("mentor")
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("kind")
    op.execute("UPDATE user_account SET role = 'learner' WHERE role = 'reviewer'")
    _set_roles(NEW_ROLES, OLD_ROLES)
