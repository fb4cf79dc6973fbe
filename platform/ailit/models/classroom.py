"""One row is one class: a teacher's group of learners of one stage, taught in one language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow

CLASS_NAME_MAX = 100


class Classroom(Base):
    """A class. Learner accounts made for it are named ``<username_prefix>-<number>``."""

    __tablename__ = "classroom"
    __table_args__ = (
        Index("ix_classroom_school", "school_id"),
        Index("ix_classroom_teacher", "teacher_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    # A class outlives its teacher's account: the school admin can hand it to another teacher.
    teacher_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(CLASS_NAME_MAX))
    stage: Mapped[str] = mapped_column(String(32))  # one of ailit.stages.STAGES
    locale: Mapped[str] = mapped_column(String(8))  # one of ailit.locales.LOCALES
    username_prefix: Mapped[str] = mapped_column(String(8), unique=True)
    next_learner_number: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The teacher's choice: learners whose accounts the teacher made sign in with three pictures.
    picture_passwords: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    def __repr__(self) -> str:
        return f"<Classroom {self.id} {self.name!r} {self.stage} {self.locale}>"
