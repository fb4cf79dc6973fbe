"""One row is one submission of a module's practical task by a learner, and its review.

A resubmission after "back for revision" is a new row: the earlier one keeps its review.
Content is referred to by course id, module id and the module's version, never by foreign
keys into the catalogue.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Enum, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow

TEXT_MAX = 20_000  # characters of the learner's text
COMMENT_MAX = 5_000


class SubmissionStatus(StrEnum):
    """Where a submission stands: waiting for a reviewer, passed, or back for revision."""

    SUBMITTED = "submitted"
    PASSED = "passed"
    REVISION = "revision"


class TaskSubmission(Base):
    """A learner's text (and files, see TaskFile) for a task; the reviewer's scores and comment."""

    __tablename__ = "task_submission"
    __table_args__ = (
        Index("ix_task_submission_user_module", "user_id", "course_id", "module_id"),
        Index("ix_task_submission_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    course_id: Mapped[str] = mapped_column(String(100))
    module_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[SubmissionStatus] = mapped_column(
        Enum(
            SubmissionStatus,
            name="submission_status",
            values_callable=lambda items: [s.value for s in items],
            validate_strings=True,
            native_enum=False,
            create_constraint=True,
        ),
        default=SubmissionStatus.SUBMITTED,
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The reviewer's account may be deleted later; the review stays.
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    scores: Mapped[list[int] | None] = mapped_column(JSON, default=None)  # one per criterion
    score: Mapped[float | None] = mapped_column(Float, default=None)  # share of the points
    comment: Mapped[str | None] = mapped_column(Text, default=None)
    # False once reviewed until the learner opens it: the dashboard's notification.
    seen_by_learner: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<TaskSubmission {self.id} {self.course_id}/{self.module_id} {self.status}>"
