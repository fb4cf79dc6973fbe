"""An assessed certificate's results: each quiz's best score and each practical task's outcome."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ailit.certificates.credential import ResultClaim
from ailit.content.catalogue import Catalogue, Course
from ailit.models import ModuleProgress, SubmissionStatus, TaskSubmission


def assessment_results(
    session: Session, user_id: int, catalogue: Catalogue, course: Course, locale: str
) -> list[ResultClaim]:
    """One result per quiz and per task of the course, in module order (names in ``locale``)."""
    best = {
        row.module_id: row.best_score
        for row in session.scalars(
            select(ModuleProgress).where(ModuleProgress.user_id == user_id, ModuleProgress.course_id == course.id)
        )
    }
    passed = {
        row.module_id: row.score
        for row in session.scalars(
            select(TaskSubmission)
            .where(
                TaskSubmission.user_id == user_id,
                TaskSubmission.course_id == course.id,
                TaskSubmission.status == SubmissionStatus.PASSED,
            )
            .order_by(TaskSubmission.id)
        )
    }
    results = []
    for module in course.modules:
        title = module.title.get(locale) or module.title.get(course.source_locale, module.id)
        if module.has_quiz and best.get(module.id) is not None:
            results.append(ResultClaim(f"quiz-{module.id}", f"{title}: quiz", round(100 * best[module.id])))
        if module.has_task and passed.get(module.id) is not None:
            found = catalogue.module_text(course.id, module.id, locale)
            task = found[0].task if found else None
            name = f"{title}: practical task" + (f" ({task.title})" if task else "")
            results.append(ResultClaim(f"task-{module.id}", name, round(100 * (passed[module.id] or 0))))
    return results
