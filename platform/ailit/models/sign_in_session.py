"""One row is one signed-in browser session; signing out or a new password deletes it.

The session cookie carries a random id; only its SHA-256 hash is stored, so a copy of the
database signs nobody in. A copied cookie stops working as soon as its row is gone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow

SESSION_HASH_LENGTH = 64  # hex digits of a SHA-256 digest


class SignInSession(Base):
    """A browser signed in as ``user_id`` since ``created_at``."""

    __tablename__ = "sign_in_session"

    id_hash: Mapped[str] = mapped_column(String(SESSION_HASH_LENGTH), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<SignInSession user={self.user_id} since={self.created_at:%Y-%m-%d %H:%M}>"
