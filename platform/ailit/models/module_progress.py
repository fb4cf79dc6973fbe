"""One row is one learner's progress in one module of one course.

Content is referred to by stable string ids plus the content version it was last worked on,
never by foreign keys into the catalogue: republishing a course keeps everyone's progress.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Enum, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow
from ailit.models.progress_status import ProgressStatus


class ModuleProgress(Base):
    """A learner's state in a module: status, best quiz score, when completed and last seen."""

    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("user_id", "course_id", "module_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    course_id: Mapped[str] = mapped_column(String(100))
    module_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(64))
    status: Mapped[ProgressStatus] = mapped_column(
        Enum(
            ProgressStatus,
            name="progress_status",
            values_callable=lambda items: [s.value for s in items],
            validate_strings=True,
            native_enum=False,
            create_constraint=True,
        ),
        default=ProgressStatus.NOT_STARTED,
    )
    best_score: Mapped[float | None] = mapped_column(Float, default=None)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Seed of the option order shown for the next quiz attempt; renewed after each attempt so
    # the order is stable while a learner answers and changes between attempts.
    quiz_seed: Mapped[int] = mapped_column(Integer, default=0)
    # Secret of the next quiz attempt: its draw, shuffles and opaque item ids derive from it,
    # so a learner cannot work out an item's source position from its id. Renewed likewise.
    attempt_key: Mapped[str | None] = mapped_column(String(32), default=None)

    def __repr__(self) -> str:
        return f"<ModuleProgress {self.user_id} {self.course_id}/{self.module_id} {self.status}>"
