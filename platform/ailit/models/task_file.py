"""One row is one file attached to a task submission, stored under the data folder."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ailit.models.base import Base

FILE_NAME_MAX = 200


class TaskFile(Base):
    """A PDF, PNG or JPEG; ``stored_name`` is random (never the learner's file name)."""

    __tablename__ = "task_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("task_submission.id", ondelete="CASCADE"), index=True
    )
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    original_name: Mapped[str] = mapped_column(String(FILE_NAME_MAX))
    media_type: Mapped[str] = mapped_column(String(40))  # from the content, never the client
    size: Mapped[int] = mapped_column(Integer)
