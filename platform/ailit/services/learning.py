"""Opening a module: its text, the learner's visit recorded, and the quiz form if it has one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue
from ailit.models import ProgressStatus
from ailit.services import courses, progress, quiz
from ailit.services.courses import ModulePage
from ailit.services.quiz import QuizForm


@dataclass(frozen=True)
class ModuleView:
    """Everything a module page shows."""

    page: ModulePage
    quiz: QuizForm | None
    status: str  # the learner's ProgressStatus value (not_started when signed out)
    best_score: float | None


def open_module(
    session: Session,
    user_id: int | None,
    catalogue: Catalogue,
    course_id: str,
    module_id: str,
    locale: str,
) -> ModuleView:
    """The module in ``locale``; a signed-in learner's visit is recorded. Raises NotFound."""
    page = courses.module_page(catalogue, course_id, module_id, locale)
    status, best, key = ProgressStatus.NOT_STARTED.value, None, None
    if user_id is not None:
        row = progress.record_visit(session, user_id, catalogue, course_id, module_id)
        status, best, key = row.status.value, row.best_score, row.attempt_key
    form = None
    if page.text.quiz is not None:
        form = quiz.quiz_form(session, user_id, catalogue, course_id, module_id, locale, attempt_key=key)
    return ModuleView(page=page, quiz=form, status=status, best_score=best)
