"""One row is a course made in the studio: its id, stage, who created it and what learners see.

Its files live in the data folder (``studio/<course id>/draft`` and ``versions/<n>``), so the
Markdown stays the one source of truth and a course can move between the studio and git.
``live_version`` is the published version learners see; None while unpublished.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class StudioCourse(Base):
    """A studio course (``id`` is the course id of its course.yaml, unique across the site)."""

    __tablename__ = "studio_course"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    stage: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    live_version: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
