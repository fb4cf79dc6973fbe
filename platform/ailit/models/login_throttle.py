"""One row counts recent failed sign-ins for one username, to slow down password guessing.

Kept in the database so the per-account limit holds across many app servers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow
from ailit.models.user import USERNAME_MAX


class LoginThrottle(Base):
    """Failed sign-ins for a username (existing or not) since ``window_start``."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(USERNAME_MAX), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
