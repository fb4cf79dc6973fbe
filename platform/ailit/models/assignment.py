"""One row is work set for a class: a whole course or some of its modules, perhaps with a due date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class Assignment(Base):
    """A course (``module_ids`` None) or chosen modules of it, assigned to a class.

    Content is named by course and module ids, never by foreign keys into the catalogue, like
    progress rows: republishing a course keeps its assignments.
    """

    __tablename__ = "assignment"
    __table_args__ = (Index("ix_assignment_classroom", "classroom_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    course_id: Mapped[str] = mapped_column(String(100))
    module_ids: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
