"""One row says which school a teacher or school admin works for (one school per account)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, false
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class SchoolMembership(Base):
    """A staff account's school; learners belong to classes instead."""

    __tablename__ = "school_membership"
    __table_args__ = (Index("ix_school_membership_school", "school_id"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A mentor reviews the practical tasks of the school's teachers in their training.
    mentor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
