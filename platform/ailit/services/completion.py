"""When a module counts as complete: its quiz passed (or read, without one) and its task passed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.content.catalogue import ModuleInfo
from ailit.models import ModuleProgress, ProgressStatus, QuizAttempt, SubmissionStatus, TaskSubmission


def settle(
    session: Session, row: ModuleProgress, info: ModuleInfo, now: datetime, *, quiz_passed: bool = False
) -> bool:
    """Mark the learner's module complete if every requirement is met; True when it is.

    ``quiz_passed``: the caller has just recorded a passing attempt (not flushed yet).
    """
    if row.status == ProgressStatus.COMPLETED:
        return True
    with session.no_autoflush:  # a pending attempt is written by the caller's commit
        if info.has_quiz and not quiz_passed and not _passed_quiz(session, row):
            return False
        if info.has_task and not task_passed(session, row.user_id, row.course_id, row.module_id):
            return False
    row.status, row.completed_at, row.version = ProgressStatus.COMPLETED, now, info.version
    return True


def _passed_quiz(session: Session, row: ModuleProgress) -> bool:
    return session.scalar(
        select(QuizAttempt.id).where(
            QuizAttempt.user_id == row.user_id,
            QuizAttempt.course_id == row.course_id,
            QuizAttempt.module_id == row.module_id,
            QuizAttempt.passed.is_(True),
        ).limit(1)
    ) is not None


def task_passed(session: Session, user_id: int, course_id: str, module_id: str) -> bool:
    """Whether a reviewer has passed the learner's work on the module's task."""
    return session.scalar(
        select(TaskSubmission.id).where(
            TaskSubmission.user_id == user_id,
            TaskSubmission.course_id == course_id,
            TaskSubmission.module_id == module_id,
            TaskSubmission.status == SubmissionStatus.PASSED,
        ).limit(1)
    ) is not None
