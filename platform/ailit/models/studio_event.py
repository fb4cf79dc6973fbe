"""One row records an action in the studio: an upload, a save, a publish, a grant.

Kept after the account is deleted (``actor_id`` is cleared) and after the course is deleted
(``course_id`` is a plain string), so the history of what learners were shown stays.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class StudioAction(StrEnum):
    """What was done in the studio: defined here once."""

    CREATED = "created"
    UPLOADED = "uploaded"
    SAVED = "saved"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    ROLLED_BACK = "rolled_back"
    GRANTED = "granted"
    REVOKED = "revoked"
    IMPORTED = "imported"


class StudioEvent(Base):
    """``actor_id`` did ``action`` on ``course_id``; ``detail`` names the file or version."""

    __tablename__ = "studio_event"
    __table_args__ = (Index("ix_studio_event_course_time", "course_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[str] = mapped_column(String(80))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(24))  # a StudioAction value
    detail: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
