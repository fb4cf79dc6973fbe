"""Progress: visiting and completing modules, course percentages, the learner's dashboard."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue, Course
from ailit.models import ModuleProgress, ProgressStatus, utcnow
from ailit.services import completion
from ailit.services.errors import NoQuiz, NotFound

SEED_LIMIT = 2**31 - 1


@dataclass(frozen=True)
class CourseProgress:
    """One learner in one course: percentage, statuses, where to continue."""

    course_id: str
    title: str
    percent: float  # 0..1, over the course's current modules
    completed: int
    total: int
    statuses: dict[str, str]  # module id -> ProgressStatus value
    continue_module_id: str | None  # last module seen, else the first not completed
    last_seen_at: datetime | None
    stage: str = ""
    has_cover: bool = False
    certificate: bool = False  # the course gives a certificate once every module is completed

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.completed == self.total


def new_seed() -> int:
    """A fresh quiz shuffle seed."""
    return secrets.randbelow(SEED_LIMIT)


def new_attempt_key() -> str:
    """A fresh secret for the next quiz attempt (its draw, shuffles and item ids)."""
    return secrets.token_hex(16)


def get_progress(
    session: Session, user_id: int, course_id: str, module_id: str, *, lock: bool = False
) -> ModuleProgress | None:
    """The learner's row for a module, or None (``lock``: SELECT ... FOR UPDATE)."""
    query = select(ModuleProgress).where(
        ModuleProgress.user_id == user_id,
        ModuleProgress.course_id == course_id,
        ModuleProgress.module_id == module_id,
    )
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def ensure_progress(
    session: Session,
    user_id: int,
    course_id: str,
    module_id: str,
    version: str,
    *,
    lock: bool = False,
) -> ModuleProgress:
    """The learner's row for a module, created (not started) if absent. Does not commit."""
    row = get_progress(session, user_id, course_id, module_id, lock=lock)
    if row is not None:
        if row.attempt_key is None:
            row.attempt_key = new_attempt_key()
        return row
    row = ModuleProgress(
        user_id=user_id,
        course_id=course_id,
        module_id=module_id,
        version=version,
        status=ProgressStatus.NOT_STARTED,
        quiz_seed=new_seed(),
        attempt_key=new_attempt_key(),
        last_seen_at=utcnow(),
    )
    try:
        with session.begin_nested():  # another request may create it at the same moment
            session.add(row)
    except IntegrityError:
        found = get_progress(session, user_id, course_id, module_id, lock=lock)
        assert found is not None
        return found
    return row


# How precisely "last seen" is kept: views of one module closer together are not written.
VISIT_RESOLUTION = timedelta(minutes=1)


def record_visit(
    session: Session, user_id: int, catalogue: Catalogue, course_id: str, module_id: str
) -> ModuleProgress:
    """Note that the learner opened a module (for "continue where you left off").

    Writes only when something changes: the first visit, a new version of the module, or a
    visit more than ``VISIT_RESOLUTION`` after the last one noted. Re-reading a page in the
    meantime reads and writes nothing more.
    """
    course, version = _module(catalogue, course_id, module_id)
    row = ensure_progress(session, user_id, course.id, module_id, version)
    now = utcnow()
    changed = False
    if row.status == ProgressStatus.NOT_STARTED:
        row.status, changed = ProgressStatus.IN_PROGRESS, True
    if row.status != ProgressStatus.COMPLETED and row.version != version:
        row.version, changed = version, True
    last_seen = row.last_seen_at
    if last_seen is not None and last_seen.tzinfo is None:
        last_seen = last_seen.replace(tzinfo=now.tzinfo)
    # A row given its first attempt key by ensure_progress is written too.
    changed = changed or session.is_modified(row)
    if changed or last_seen is None or now - last_seen >= VISIT_RESOLUTION:
        row.last_seen_at = now
        session.commit()
    return row


def mark_read(
    session: Session, user_id: int, catalogue: Catalogue, course_id: str, module_id: str
) -> ModuleProgress:
    """Complete a module that has no quiz; raises NoQuiz for a module with one."""
    course, version = _module(catalogue, course_id, module_id)
    info = course.module(module_id)
    assert info is not None
    if info.has_quiz:
        raise NoQuiz("this module is completed by passing its quiz")
    row = ensure_progress(session, user_id, course.id, module_id, version)
    now = utcnow()
    row.last_seen_at = now
    if not completion.settle(session, row, info, now) and row.status == ProgressStatus.NOT_STARTED:
        row.status = ProgressStatus.IN_PROGRESS  # its task is still to pass
    session.commit()
    return row


def course_progress(
    session: Session, user_id: int, catalogue: Catalogue, course_id: str, locale: str
) -> CourseProgress:
    """The learner's progress in a course; raises NotFound."""
    course = catalogue.course(course_id)
    if course is None:
        raise NotFound(f"no course {course_id!r}")
    rows = session.scalars(
        select(ModuleProgress).where(
            ModuleProgress.user_id == user_id, ModuleProgress.course_id == course_id
        )
    ).all()
    return _summarise(course, list(rows), locale)


def dashboard(
    session: Session, user_id: int, catalogue: Catalogue, locale: str
) -> list[CourseProgress]:
    """Every course the learner has started, most recently seen first."""
    rows = session.scalars(
        select(ModuleProgress).where(ModuleProgress.user_id == user_id)
    ).all()
    by_course: dict[str, list[ModuleProgress]] = {}
    for row in rows:
        by_course.setdefault(row.course_id, []).append(row)
    courses = [
        _summarise(course, by_course[course.id], locale)
        for course in catalogue.courses.values()
        if course.id in by_course
    ]
    return sorted(courses, key=lambda c: c.last_seen_at or utcnow(), reverse=True)


def _summarise(course: Course, rows: list[ModuleProgress], locale: str) -> CourseProgress:
    # Rows of modules that a new build removed are ignored; rows of modules that changed are
    # kept as they are: a completed module stays completed.
    current = {m.id for m in course.modules}
    rows = [r for r in rows if r.module_id in current]
    statuses = {m.id: ProgressStatus.NOT_STARTED.value for m in course.modules}
    statuses.update({r.module_id: r.status.value for r in rows})
    completed = sum(1 for s in statuses.values() if s == ProgressStatus.COMPLETED)
    total = len(course.modules)
    last = max(rows, key=lambda r: r.last_seen_at, default=None)
    continue_id = last.module_id if last else None
    if last is not None and last.status == ProgressStatus.COMPLETED:
        # Last module is done: continue with the next one not completed, if any.
        pending = [m.id for m in course.modules if statuses[m.id] != ProgressStatus.COMPLETED]
        continue_id = pending[0] if pending else last.module_id
    return CourseProgress(
        course_id=course.id,
        title=course.title_in(locale),
        percent=completed / total if total else 0.0,
        completed=completed,
        total=total,
        statuses=statuses,
        continue_module_id=continue_id,
        last_seen_at=last.last_seen_at if last else None,
        stage=course.stage,
        has_cover=course.cover is not None,
        certificate=course.certificate,
    )


def _module(catalogue: Catalogue, course_id: str, module_id: str) -> tuple[Course, str]:
    course = catalogue.course(course_id)
    info = course.module(module_id) if course else None
    if course is None or info is None:
        raise NotFound(f"no module {module_id!r} in course {course_id!r}")
    return course, info.version
