"""Previewing a studio draft exactly as learners will see it: the page, the quiz, its grading.

The draft is compiled into its own small catalogue (``courses/<id>/preview``) by the same
compiler and read by the same page code as the live catalogue. Answers given in a preview are
graded with the same question types and never recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ailit.content.build import build_catalogue
from ailit.content.catalogue import Catalogue, load_catalogue
from ailit.content.questions import QUESTION_TYPES, AnswerError
from ailit.content.questions.grading import grade
from ailit.models import User
from ailit.services import courses, quiz
from ailit.services.courses import ModulePage
from ailit.services.errors import MalformedAnswer, ValidationError
from ailit.services.quiz import QuizForm
from ailit.services.quiz_draw import module_quiz, present
from ailit.services.studio import StudioPaths
from ailit.services.studio_access import access


class PreviewRefused(ValidationError):
    """The draft does not compile, so there is nothing to preview yet."""

    def __init__(self, message: str) -> None:
        super().__init__("draft", "draft_has_errors", message)


@dataclass(frozen=True)
class Preview:
    """A module of the draft as its page shows it, with a quiz form drawn for this previewer."""

    catalogue: Catalogue
    page: ModulePage
    quiz: QuizForm | None
    key: str


@dataclass(frozen=True)
class PreviewAnswer:
    """One question of a graded preview: its prompt, the score, the answer read back, the explanation."""

    prompt_html: str
    score: float
    answer: list[str]
    explanation_html: str


@dataclass(frozen=True)
class PreviewResult:
    score: float
    passed: bool
    questions: list[PreviewAnswer]


def preview_key(user: User, course_id: str) -> str:
    """The same draw of a bank's questions for one previewer of one course."""
    return f"preview-{user.id}-{course_id}"


def catalogue_of(session: Session, user: User, paths: StudioPaths, course_id: str) -> Catalogue:
    """The draft compiled on its own (only what changed since the last preview is rendered)."""
    access(session, user, course_id)
    folder = paths.draft(course_id)
    out = paths.course(course_id) / "preview"
    report = build_catalogue(folder, out, course_folders=[folder])
    if not report.ok:
        errors = sum(d.is_error for d in report.diagnostics)
        raise PreviewRefused(f"the draft has {errors} error(s): fix them to preview it")
    return load_catalogue(Path(out))


def open_preview(
    session: Session, user: User, paths: StudioPaths, course_id: str, module_id: str, locale: str
) -> Preview:
    """A draft module in ``locale`` (or its source), with its quiz as a learner meets it."""
    catalogue = catalogue_of(session, user, paths, course_id)
    page = courses.module_page(catalogue, course_id, module_id, locale)
    key = preview_key(user, course_id)
    form = None
    if page.text.quiz is not None:
        form = quiz.quiz_form(session, None, catalogue, course_id, module_id, locale, attempt_key=key)
    return Preview(catalogue, page, form, key)


def grade_preview(
    catalogue: Catalogue, course_id: str, module_id: str, locale: str, answers: list[Any], key: str
) -> PreviewResult:
    """Grade a preview's answers as a learner's would be; nothing is recorded."""
    _text, found = module_quiz(catalogue, course_id, module_id, locale)
    shown = present(found, key)
    coerced = []
    for number, (question, presenter, raw) in enumerate(
        zip(shown.questions, shown.presenters, answers, strict=True), start=1
    ):
        try:
            coerced.append(QUESTION_TYPES[question.type].coerce(question, raw, presenter))
        except AnswerError as exc:
            raise MalformedAnswer(number, exc.message, **exc.params) from None
    graded = grade(shown.questions, coerced, found.pass_mark)
    return PreviewResult(
        score=graded.score,
        passed=graded.passed,
        questions=[
            PreviewAnswer(q.prompt_html, s, QUESTION_TYPES[q.type].describe(q, a), q.explanation_html)
            for q, s, a in zip(shown.questions, graded.scores, coerced, strict=True)
        ],
    )
