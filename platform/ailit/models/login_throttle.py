"""One row counts recent failed sign-ins for one username from one address.

Counted per account *and* address: guesses from one address slow down only that address,
so nobody can lock a learner out of their account from elsewhere. Kept in the database so
the limit holds across many app servers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow
from ailit.models.user import USERNAME_MAX

ADDRESS_MAX = 64  # an IPv6 address with a zone fits


class LoginThrottle(Base):
    """Failed sign-ins for a username (existing or not) from ``address`` since ``window_start``."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(USERNAME_MAX), primary_key=True)
    address: Mapped[str] = mapped_column(String(ADDRESS_MAX), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
