"""One row is one bearer token of the JSON API, stored only as the SHA-256 hash of its value."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow

TOKEN_HASH_LENGTH = 64  # hex digits of a SHA-256 digest


class ApiToken(Base):
    """A token a client got from ``login``; valid until ``expires_at`` or until revoked."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # Only the hash: a copy of the database does not let anyone act as its users.
    token_hash: Mapped[str] = mapped_column(String(TOKEN_HASH_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} user={self.user_id} expires={self.expires_at:%Y-%m-%d}>"
