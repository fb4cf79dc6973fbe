"""One row means a learner can sign in by choosing their three pictures in order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class PicturePassword(Base):
    """A learner's picture password, given by their teacher: only its Argon2 hash is kept.

    ``used_at`` is set at the first sign-in with these pictures: until then, printing the
    class's login cards gives the learner new pictures (a card is the only place they exist).
    """

    __tablename__ = "picture_password"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    secret_hash: Mapped[str] = mapped_column(String(255))
    issued_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
