"""One row says a learner is in a class (joined with a code, or created by the teacher)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class ClassMembership(Base):
    """A learner in a class."""

    __tablename__ = "class_membership"
    __table_args__ = (
        UniqueConstraint("classroom_id", "user_id"),
        Index("ix_class_membership_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    created_by_teacher: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the teacher last printed this learner's login card in this class (None: never, or
    # its QR code was reissued since): "print cards for new learners only" prints these.
    cards_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
