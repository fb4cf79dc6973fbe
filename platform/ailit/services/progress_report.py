"""A learner's progress report: every course started, each module's status and best score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue
from ailit.models import ModuleProgress
from ailit.services import progress


@dataclass(frozen=True)
class ModuleReport:
    """One module of a course, for one learner."""

    id: str
    title: str
    status: str  # ProgressStatus value
    best_score: float | None


@dataclass(frozen=True)
class CourseReport:
    """One course started by the learner: the dashboard's summary plus every module."""

    course_id: str
    title: str
    percent: float  # 0..1
    completed: int
    total: int
    continue_module_id: str | None
    last_seen_at: datetime | None
    modules: list[ModuleReport]


def progress_report(
    session: Session, user_id: int, catalogue: Catalogue, locale: str
) -> list[CourseReport]:
    """The learner's courses, most recently seen first, as on the dashboard."""
    best = {
        (row.course_id, row.module_id): row.best_score
        for row in session.scalars(select(ModuleProgress).where(ModuleProgress.user_id == user_id))
    }
    reports = []
    for summary in progress.dashboard(session, user_id, catalogue, locale):
        course = catalogue.course(summary.course_id)
        assert course is not None  # the dashboard lists catalogue courses only
        modules = [
            ModuleReport(
                id=m.id,
                title=m.title.get(locale) or m.title.get(course.source_locale) or m.id,
                status=summary.statuses[m.id],
                best_score=best.get((course.id, m.id)),
            )
            for m in course.modules
        ]
        reports.append(
            CourseReport(
                course_id=summary.course_id,
                title=summary.title,
                percent=summary.percent,
                completed=summary.completed,
                total=summary.total,
                continue_module_id=summary.continue_module_id,
                last_seen_at=summary.last_seen_at,
                modules=modules,
            )
        )
    return reports
