"""Practical tasks: a learner submits text and files; a reviewer scores the rubric.

A submission waits for review, then passes (at the task's pass mark of the points) or goes
back for revision, when the learner may submit again. Who may review is ``reviewers``' rule;
files are checked and stored by ``uploads``. Every submission, opening by someone else and
review is audit-logged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue, Course, ModuleInfo
from ailit.content.task import Task
from ailit.models import AuditAction, ProgressStatus, SubmissionStatus, TaskFile, TaskSubmission, User, utcnow
from ailit.models.task_submission import COMMENT_MAX, TEXT_MAX
from ailit.services import audit, completion, reviewers, task_privacy, uploads  # noqa: F401  (task_privacy registers the privacy section)
from ailit.services.errors import NotFound, ServiceError, ValidationError
from ailit.services.progress import ensure_progress
from ailit.services.schools import Forbidden


class NoTask(ServiceError):
    """The module has no practical task."""

    code = "no_task"


class TaskClosed(ServiceError):
    """The task waits for its review, or has passed: nothing to submit now (a 409)."""

    code = "task_closed"


class AlreadyReviewed(ServiceError):
    """The submission has been reviewed already (a 409)."""

    code = "already_reviewed"


@dataclass(frozen=True)
class FileView:
    id: int
    name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class CriterionView:
    html: str
    points: int
    score: int | None  # None until reviewed


@dataclass(frozen=True)
class SubmissionView:
    """A submission as its learner or a reviewer sees it (plain data, no ORM objects)."""

    id: int
    course_id: str
    module_id: str
    course_title: str
    task_title: str
    learner: str  # display name
    username: str
    status: str
    text: str
    submitted_at: datetime
    reviewed_at: datetime | None
    score: float | None
    pass_mark: float
    comment: str | None
    files: list[FileView] = field(default_factory=list)
    criteria: list[CriterionView] = field(default_factory=list)
    seen: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "course_id": self.course_id,
            "module_id": self.module_id,
            "task_title": self.task_title,
            "learner": self.learner,
            "status": self.status,
            "text": self.text,
            "submitted_at": self.submitted_at.isoformat(),
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "score": self.score,
            "pass_mark": self.pass_mark,
            "comment": self.comment,
            "files": [{"id": f.id, "name": f.name, "media_type": f.media_type, "size": f.size} for f in self.files],
            "criteria": [{"html": c.html, "points": c.points, "score": c.score} for c in self.criteria],
        }


def task_of(catalogue: Catalogue, course_id: str, module_id: str, locale: str) -> tuple[Course, ModuleInfo, Task]:
    """The module's task in ``locale`` (or its source); raises NotFound or NoTask."""
    course = catalogue.course(course_id)
    info = course.module(module_id) if course else None
    found = catalogue.module_text(course_id, module_id, locale)
    if course is None or info is None or found is None:
        raise NotFound(f"no module {module_id!r} in course {course_id!r}")
    if found[0].task is None:
        raise NoTask(f"module {module_id!r} has no task")
    return course, info, found[0].task


def latest(session: Session, user_id: int, course_id: str, module_id: str) -> TaskSubmission | None:
    """The learner's most recent submission for a module's task."""
    return session.scalar(
        select(TaskSubmission)
        .where(
            TaskSubmission.user_id == user_id,
            TaskSubmission.course_id == course_id,
            TaskSubmission.module_id == module_id,
        )
        .order_by(TaskSubmission.id.desc())
        .limit(1)
    )


def submit(
    session: Session,
    user: User,
    catalogue: Catalogue,
    course_id: str,
    module_id: str,
    locale: str,
    text: str,
    files: list[uploads.IncomingFile],
    data_dir: Path,
) -> SubmissionView:
    """Record a submission with its files, or store nothing and raise.

    Raises NotFound, NoTask, TaskClosed, ValidationError('text', ...), UploadRejected or
    UploadTooLarge.
    """
    course, info, _ = task_of(catalogue, course_id, module_id, locale)
    text = text.strip() if isinstance(text, str) else ""
    if not text:
        raise ValidationError("text", "required", "write your answer to the task")
    if len(text) > TEXT_MAX:
        raise ValidationError("text", "too_long", f"use at most {TEXT_MAX} characters")
    checked = uploads.check_files(files)
    earlier = latest(session, user.id, course_id, module_id)
    if earlier is not None and earlier.status != SubmissionStatus.REVISION:
        raise TaskClosed("this task is waiting for its review or has passed")
    stored: list[str] = []
    try:
        for item in checked:
            stored.append(uploads.store(data_dir, user.id, item))
        now = utcnow()
        submission = TaskSubmission(
            user_id=user.id, course_id=course_id, module_id=module_id, version=info.version,
            locale=locale, text=text, status=SubmissionStatus.SUBMITTED, submitted_at=now,
            seen_by_learner=True,
        )
        session.add(submission)
        session.flush()
        session.add_all(
            TaskFile(submission_id=submission.id, stored_name=name, original_name=item.name,
                     media_type=item.media_type, size=len(item.data))
            for name, item in zip(stored, checked, strict=True)
        )
        row = ensure_progress(session, user.id, course_id, module_id, info.version)
        row.last_seen_at = now
        if row.status == ProgressStatus.NOT_STARTED:
            row.status = ProgressStatus.IN_PROGRESS
        audit.record(session, actor_id=user.id, action=AuditAction.SUBMITTED_TASK,
                     school_id=reviewers.learner_school_id(session, user.id), subject_user_id=user.id)
        session.commit()
    except BaseException:
        session.rollback()
        uploads.discard(data_dir, user.id, stored)
        raise
    return _view(session, catalogue, submission, locale)


def latest_view(
    session: Session, user_id: int | None, catalogue: Catalogue, course_id: str, module_id: str, locale: str
) -> SubmissionView | None:
    """The learner's latest submission for a module's task, as shown on the module page."""
    row = latest(session, user_id, course_id, module_id) if user_id is not None else None
    return _view(session, catalogue, row, locale) if row is not None else None


def my_submissions(session: Session, user: User, catalogue: Catalogue, locale: str) -> list[SubmissionView]:
    """The learner's submissions, newest first."""
    rows = session.scalars(
        select(TaskSubmission).where(TaskSubmission.user_id == user.id).order_by(TaskSubmission.id.desc())
    ).all()
    return [_view(session, catalogue, row, locale) for row in rows if catalogue.course(row.course_id)]


@dataclass(frozen=True)
class DashboardTasks:
    """What the dashboard says about tasks: reviews not yet opened, submissions to review."""

    new_reviews: list[SubmissionView]
    to_review: int


def dashboard_tasks(session: Session, user: User, catalogue: Catalogue, locale: str) -> DashboardTasks:
    """The learner's unopened reviews (notifications) and the size of their review queue."""
    unseen = session.scalars(
        select(TaskSubmission)
        .where(TaskSubmission.user_id == user.id, TaskSubmission.seen_by_learner.is_(False))
        .order_by(TaskSubmission.reviewed_at.desc())
    ).all()
    waiting = session.scalar(
        select(func.count(TaskSubmission.id)).where(
            TaskSubmission.status == SubmissionStatus.SUBMITTED, reviewers.reviewable_by(session, user, catalogue)
        )
    )
    return DashboardTasks(
        [_view(session, catalogue, row, locale) for row in unseen if catalogue.course(row.course_id)], waiting or 0
    )


def review_queue(session: Session, reviewer: User, catalogue: Catalogue, locale: str) -> list[SubmissionView]:
    """Submissions waiting for review that ``reviewer`` may review, oldest first."""
    rows = session.scalars(
        select(TaskSubmission)
        .where(
            TaskSubmission.status == SubmissionStatus.SUBMITTED,
            reviewers.reviewable_by(session, reviewer, catalogue),
        )
        .order_by(TaskSubmission.submitted_at, TaskSubmission.id)
    ).all()
    return [_view(session, catalogue, row, locale) for row in rows if catalogue.course(row.course_id)]


def open_submission(
    session: Session, viewer: User, catalogue: Catalogue, submission_id: int, locale: str
) -> SubmissionView:
    """A submission for its learner (marks its review seen) or a reviewer (audited); else NotFound."""
    row = _visible(session, viewer, catalogue, submission_id)
    if row.user_id == viewer.id:
        if not row.seen_by_learner:
            row.seen_by_learner = True
            session.commit()
    else:
        audit.record(session, actor_id=viewer.id, action=AuditAction.VIEWED_SUBMISSION,
                     school_id=reviewers.learner_school_id(session, row.user_id), subject_user_id=row.user_id)
        session.commit()
    return _view(session, catalogue, row, locale)


def submission_file(
    session: Session, viewer: User, catalogue: Catalogue, submission_id: int, file_id: int, data_dir: Path
) -> tuple[Path, FileView]:
    """A file of a submission the viewer may see; raises NotFound otherwise."""
    row = _visible(session, viewer, catalogue, submission_id)
    stored = session.get(TaskFile, file_id)
    if stored is None or stored.submission_id != row.id:
        raise NotFound(f"no file {file_id}")
    path = uploads.stored_path(data_dir, row.user_id, stored.stored_name)
    if path is None:
        raise NotFound(f"no file {file_id}")
    return path, FileView(stored.id, stored.original_name, stored.media_type, stored.size)


def review(
    session: Session,
    reviewer: User,
    catalogue: Catalogue,
    submission_id: int,
    scores: Any,
    comment: Any,
    locale: str,
) -> SubmissionView:
    """Score each criterion and comment; the task passes or goes back for revision.

    Raises NotFound (not visible), Forbidden (one's own work), AlreadyReviewed or
    ValidationError('scores' | 'comment', ...).
    """
    row = session.get(TaskSubmission, submission_id)
    if row is not None and row.user_id == reviewer.id:
        raise Forbidden("nobody reviews their own work")
    row = _visible(session, reviewer, catalogue, submission_id, lock=True)
    if row.status != SubmissionStatus.SUBMITTED:
        raise AlreadyReviewed("this submission has been reviewed already")
    course, info, task = task_of(catalogue, row.course_id, row.module_id, row.locale)
    checked = _scores(scores, task)
    if not isinstance(comment, str) or not comment.strip():
        raise ValidationError("comment", "required", "say what is good and what to improve")
    if len(comment) > COMMENT_MAX:
        raise ValidationError("comment", "too_long", f"use at most {COMMENT_MAX} characters")
    now = utcnow()
    share = sum(checked) / task.max_points
    passed = share >= _pass_mark(task, course) - 1e-9
    row.status = SubmissionStatus.PASSED if passed else SubmissionStatus.REVISION
    row.scores, row.score, row.comment = checked, share, comment.strip()
    row.reviewer_id, row.reviewed_at, row.seen_by_learner = reviewer.id, now, False
    if passed:
        progress = ensure_progress(session, row.user_id, row.course_id, row.module_id, info.version)
        session.flush()
        completion.settle(session, progress, info, now)
    audit.record(session, actor_id=reviewer.id, action=AuditAction.REVIEWED_TASK,
                 school_id=reviewers.learner_school_id(session, row.user_id), subject_user_id=row.user_id)
    session.commit()
    return _view(session, catalogue, row, locale)


def _scores(scores: Any, task: Task) -> list[int]:
    count = len(task.criteria)
    if not isinstance(scores, list) or len(scores) != count:
        raise ValidationError("scores", "scores_shape", f"give {count} scores, one per criterion")
    for number, (value, criterion) in enumerate(zip(scores, task.criteria, strict=True), start=1):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.points:
            raise ValidationError(
                "scores", "score_range", f"criterion {number}: give a whole number from 0 to {criterion.points}",
                number=number, points=criterion.points,
            )
    return list(scores)


def _pass_mark(task: Task, course: Course) -> float:
    return task.pass_mark if task.pass_mark is not None else course.pass_mark


def _visible(
    session: Session, viewer: User, catalogue: Catalogue, submission_id: int, *, lock: bool = False
) -> TaskSubmission:
    query = select(TaskSubmission).where(TaskSubmission.id == submission_id)
    if lock:
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None or (
        row.user_id != viewer.id and not reviewers.may_review(session, viewer, catalogue, submission_id)
    ):
        raise NotFound(f"no submission {submission_id}")
    return row


def _view(session: Session, catalogue: Catalogue, row: TaskSubmission, locale: str) -> SubmissionView:
    course = catalogue.course(row.course_id)
    found = catalogue.module_text(row.course_id, row.module_id, locale) if course else None
    task = found[0].task if found else None
    learner = session.get(User, row.user_id)
    files = session.scalars(select(TaskFile).where(TaskFile.submission_id == row.id).order_by(TaskFile.id)).all()
    scores = row.scores or []
    criteria = [
        CriterionView(c.html, c.points, scores[i] if i < len(scores) else None)
        for i, c in enumerate(task.criteria if task else ())
    ]
    return SubmissionView(
        id=row.id,
        course_id=row.course_id,
        module_id=row.module_id,
        course_title=course.title_in(locale) if course else row.course_id,
        task_title=task.title if task else row.module_id,
        learner=learner.display_name if learner else "",
        username=learner.username if learner else "",
        status=row.status.value,
        text=row.text,
        submitted_at=row.submitted_at,
        reviewed_at=row.reviewed_at,
        score=row.score,
        pass_mark=_pass_mark(task, course) if task and course else 0.0,
        comment=row.comment,
        files=[FileView(f.id, f.original_name, f.media_type, f.size) for f in files],
        criteria=criteria,
        seen=row.seen_by_learner,
    )
