"""One row is one revocation-status index whose certificate was erased with its account.

The row holds no personal data, only the number: the status list keeps marking the index as
withdrawn whatever certificates are issued later, and a new certificate never takes it over.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow


class WithdrawnStatusIndex(Base):
    """A status-list index that stays set: its certificate no longer exists."""

    __tablename__ = "withdrawn_status_index"

    status_index: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    withdrawn_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<WithdrawnStatusIndex {self.status_index}>"
