"""Practical tasks in a class report: each learner's latest submission per assigned module."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.models import ClassMembership, TaskSubmission


def latest_submissions(
    session: Session, classroom_id: int, course_ids: list[str]
) -> dict[tuple[int, str, str], tuple[str, int]]:
    """(learner, course, module) -> (status, submission id) of the latest submission; one query."""
    if not course_ids:
        return {}
    newest = (
        select(func.max(TaskSubmission.id))
        .join(ClassMembership, ClassMembership.user_id == TaskSubmission.user_id)
        .where(ClassMembership.classroom_id == classroom_id, TaskSubmission.course_id.in_(course_ids))
        .group_by(TaskSubmission.user_id, TaskSubmission.course_id, TaskSubmission.module_id)
    )
    rows = session.execute(
        select(TaskSubmission.user_id, TaskSubmission.course_id, TaskSubmission.module_id,
               TaskSubmission.status, TaskSubmission.id)
        .where(TaskSubmission.id.in_(newest))
    )
    return {(u, c, m): (str(status), i) for u, c, m, status, i in rows}
