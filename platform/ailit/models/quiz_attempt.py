"""One row is one graded quiz attempt: what a learner answered, how each answer was graded."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow

IDEMPOTENCY_KEY_MAX = 100


class QuizAttempt(Base):
    """A graded attempt; ``idempotency_key`` is unique per user, so a resubmission is not kept."""

    __tablename__ = "quiz_attempt"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key"),
        Index("ix_quiz_attempt_user_module", "user_id", "course_id", "module_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    course_id: Mapped[str] = mapped_column(String(100))
    module_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    answers: Mapped[list[Any]] = mapped_column(JSON)
    results: Mapped[list[float]] = mapped_column(JSON)  # per question: its score, 0..1
    # The questions as drawn and shown, compiled (``Question.to_dict``), and their indices in
    # the quiz: the result is shown against them even after the module is republished.
    questions: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, default=None)
    drawn: Mapped[list[int] | None] = mapped_column(JSON, default=None)
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    shuffle_seed: Mapped[int] = mapped_column(Integer, default=0)
    option_order: Mapped[list[list[int]]] = mapped_column(JSON)  # positions as shown
    idempotency_key: Mapped[str] = mapped_column(String(IDEMPOTENCY_KEY_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<QuizAttempt {self.id} {self.course_id}/{self.module_id} {self.score:.2f}>"
