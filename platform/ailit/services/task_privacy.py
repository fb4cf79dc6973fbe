"""Practical tasks in a person's data: exported with everything else, erased with the account.

Erasing deletes the learner's submissions, their file rows and, once the deletion commits, the
files themselves (a rollback keeps them). Reviews a person wrote for others stay, without
their name: the reviewer column is cleared by the database (``ON DELETE SET NULL``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ailit.models import TaskFile, TaskSubmission, User
from ailit.services import privacy, uploads

SECTION = "tasks"


def export_tasks(session: Session, user: User) -> dict[str, Any]:
    """The learner's submissions with their reviews, and how many reviews they wrote."""
    rows = session.scalars(
        select(TaskSubmission).where(TaskSubmission.user_id == user.id).order_by(TaskSubmission.id)
    ).all()
    files = session.scalars(
        select(TaskFile).where(TaskFile.submission_id.in_([r.id for r in rows])).order_by(TaskFile.id)
    ).all()
    reviewed = session.scalars(select(TaskSubmission.id).where(TaskSubmission.reviewer_id == user.id)).all()
    return {
        "submissions": [
            {
                "course_id": r.course_id,
                "module_id": r.module_id,
                "version": r.version,
                "locale": r.locale,
                "text": r.text,
                "status": r.status.value,
                "submitted_at": r.submitted_at.isoformat(),
                "reviewed_at": r.reviewed_at.isoformat() if r.reviewed_at else None,
                "scores": r.scores,
                "score": r.score,
                "comment": r.comment,
                "files": [
                    {"name": f.original_name, "media_type": f.media_type, "size": f.size}
                    for f in files
                    if f.submission_id == r.id
                ],
            }
            for r in rows
        ],
        "reviews_written": len(reviewed),
    }


def erase_tasks(session: Session, user: User) -> None:
    """Delete the learner's submissions now and their files when the deletion commits."""
    ids = select(TaskSubmission.id).where(TaskSubmission.user_id == user.id)
    session.execute(delete(TaskFile).where(TaskFile.submission_id.in_(ids)))
    session.execute(delete(TaskSubmission).where(TaskSubmission.user_id == user.id))
    data_dir = session.info.get(uploads.DATA_DIR_KEY)
    uploads.erase_after_commit(session, Path(data_dir) if data_dir else None, user.id)


privacy.register(SECTION, exporter=export_tasks, eraser=erase_tasks)
