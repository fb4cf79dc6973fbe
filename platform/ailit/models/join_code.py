"""One row is a code learners type to join a class: current, expired, or retired by the teacher.

Retired codes are kept so that a code is never handed out twice; a learner typing one gets
the same answer as for a code that never existed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class JoinCode(Base):
    """A class join code; the class's current code is its one row with ``retired_at`` unset."""

    __tablename__ = "join_code"
    __table_args__ = (Index("ix_join_code_classroom", "classroom_id"),)

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
