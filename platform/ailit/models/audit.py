"""One row records that someone viewed or exported learners' data, or reset a learner's password.

School admins read their school's rows. Rows keep ids, not names: when an account is deleted
its id is cleared (``SET NULL``) and the event itself stays.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class AuditAction(StrEnum):
    """What was done to learners' data: defined here once."""

    VIEWED_CLASS_REPORT = "viewed_class_report"
    EXPORTED_CLASS_REPORT = "exported_class_report"
    VIEWED_SCHOOL_REPORT = "viewed_school_report"
    CREATED_LEARNERS = "created_learners"
    PRINTED_LOGIN_CARDS = "printed_login_cards"
    RESET_PASSWORD = "reset_password"  # nosec B105  # the name of an audited action
    REMOVED_LEARNER = "removed_learner"
    ISSUED_PICTURES = "issued_pictures"  # picture sign-in switched on: the learners got pictures
    RESET_PICTURES = "reset_pictures"
    REMOVED_PICTURES = "removed_pictures"  # picture sign-in switched off
    REISSUED_QR_CODES = "reissued_qr_codes"
    SUBMITTED_TASK = "submitted_task"
    VIEWED_SUBMISSION = "viewed_submission"
    REVIEWED_TASK = "reviewed_task"


class AuditEvent(Base):
    """Who (``actor_id``) did what (``action``) to whose data (``subject_user_id`` or a class)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_school_time", "school_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))  # an AuditAction value
    subject_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    classroom_id: Mapped[int | None] = mapped_column(
        ForeignKey("classroom.id", ondelete="SET NULL")
    )
    count: Mapped[int] = mapped_column(Integer, default=1)  # learners concerned
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
