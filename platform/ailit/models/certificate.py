"""One row is one certificate: a learner's completion of one version of one course.

Everything printed and signed is copied here at issue time (name, title, hours, stage), so a
later change to the account or the course never changes a certificate already issued.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base, UTCDateTime, utcnow
from ailit.models.school import SCHOOL_NAME_MAX

CODE_MAX = 40
REASON_MAX = 500


class Certificate(Base):
    """A certificate; one per learner per course version (asking again returns this one)."""

    __tablename__ = "certificate"
    __table_args__ = (UniqueConstraint("user_id", "course_id", "course_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(CODE_MAX), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[str] = mapped_column(String(100))
    course_version: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    learner_name: Mapped[str] = mapped_column(String(200))
    course_title: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(32))
    hours: Mapped[float] = mapped_column(Float)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    pdf_path: Mapped[str] = mapped_column(String(300), default="")  # relative to AILIT_DATA_DIR
    credential: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)  # signed OB 3.0
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)  # public page answers 404
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    revocation_reason: Mapped[str | None] = mapped_column(String(REASON_MAX), default=None)
    status_index: Mapped[int | None] = mapped_column(Integer, unique=True, default=None)
    # The learner's school when it was issued (printed under the signature line), if any.
    school_name: Mapped[str | None] = mapped_column(String(SCHOOL_NAME_MAX), default=None)
    # What the certificate says: completion (every module done) or assessed (knowledge and
    # practice assessed); the course's kind when it was issued.
    kind: Mapped[str] = mapped_column(String(20), default="completion", server_default="completion")

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def __repr__(self) -> str:
        return f"<Certificate {self.code} {self.course_id} user {self.user_id}>"
