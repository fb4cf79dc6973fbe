"""One row is the QR code printed on a learner's login card: it signs that learner in, in that
class only, until it expires or the teacher reissues it. Only the SHA-256 of its token is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow

CARD_TOKEN_HASH_LENGTH = 64  # hex digits of a SHA-256 digest


class CardSignIn(Base):
    """The one valid QR sign-in of ``user_id`` in ``classroom_id``; reissuing replaces the row."""

    __tablename__ = "card_sign_in"
    __table_args__ = (
        UniqueConstraint("classroom_id", "user_id"),
        Index("ix_card_sign_in_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Only the hash: a copy of the database signs nobody in.
    token_hash: Mapped[str] = mapped_column(String(CARD_TOKEN_HASH_LENGTH), unique=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<CardSignIn class={self.classroom_id} user={self.user_id} expires={self.expires_at:%Y-%m-%d}>"
