"""One row is one account: a learner, teacher, school admin, author or site admin."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Enum, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow
from ailit.models.role import Role

USERNAME_MAX = 40
DISPLAY_NAME_MAX = 200


class User(Base):
    """An account. No email is required: children's accounts are often made by a teacher."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_MAX), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    role: Mapped[Role] = mapped_column(
        Enum(
            Role,
            name="user_role",
            values_callable=lambda roles: [r.value for r in roles],
            validate_strings=True,
            native_enum=False,
            create_constraint=True,
        ),
        default=Role.LEARNER,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Larger text, stronger contrast, bigger targets. None: never chosen (the course decides).
    reading_mode: Mapped[bool | None] = mapped_column(Boolean, default=None, nullable=True)

    # Flask-Login protocol, kept here so the web layer needs no wrapper class.
    is_active = True
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        """The identifier Flask-Login stores in the session (beside the server session's id)."""
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.username!r} {self.role.value}>"
