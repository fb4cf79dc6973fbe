"""One row gives one account a role on one studio course (granted by a site admin or the owner).

Owners and editors edit every file and publish; translators edit the locales listed in
``locales`` only; proofreaders read and preview. Defined once in :class:`CourseRoleName`.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base


class CourseRoleName(StrEnum):
    """What a person may do on a studio course."""

    OWNER = "owner"
    EDITOR = "editor"
    TRANSLATOR = "translator"
    PROOFREADER = "proofreader"


class CourseRole(Base):
    """``user_id`` is ``role`` on ``course_id``; ``locales`` (comma-separated) for translators."""

    __tablename__ = "course_role"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("studio_course.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # a CourseRoleName value
    locales: Mapped[str] = mapped_column(String(40), default="")

    @property
    def locale_list(self) -> list[str]:
        return [loc for loc in self.locales.split(",") if loc]
