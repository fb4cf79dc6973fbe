"""One row is a version of a studio course file the platform has seen, kept by its hash.

A translation records the 12-digit hash of the source it was made from; these rows let the
translation editor show what changed in the source since, for courses that never lived in git.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class SourceRevision(Base):
    """The text of ``path`` (``NN-module/<locale>.md``) in ``course_id`` whose hash is ``hash``."""

    __tablename__ = "source_revision"
    __table_args__ = (UniqueConstraint("course_id", "path", "hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("studio_course.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(200))
    hash: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
