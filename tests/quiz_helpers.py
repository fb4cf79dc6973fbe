"""Answering quizzes in tests: the right answers of a module, a whole course completed."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from ailit.content.catalogue import Catalogue
from ailit.content.questions import QUESTION_TYPES
from ailit.services import progress, quiz
from ailit.services.quiz_draw import present

# Types whose answers name per-attempt ids: their right answer depends on the attempt.
ATTEMPT_BOUND = frozenset({"ordering", "matching"})


def correct_answers(
    catalogue: Catalogue,
    course_id: str,
    module_id: str,
    session: Session | None = None,
    user_id: int | None = None,
) -> list[object]:
    """The right answer to every question of a learner's next attempt, from the answer key.

    Without ``session`` and ``user_id`` only quizzes without ordering or matching questions
    and without a bank can be answered (their answers do not depend on the attempt).
    """
    course = catalogue.course(course_id)
    assert course is not None
    text, _ = catalogue.module_text(course_id, module_id, course.source_locale)
    assert text.quiz is not None
    if session is None or user_id is None:
        assert text.quiz.settings.draw is None
        assert not ATTEMPT_BOUND.intersection(q.type for q in text.quiz.questions), (
            "pass session and user_id: this quiz's answers depend on the attempt"
        )
        key = "any"
    else:
        row = progress.record_visit(session, user_id, catalogue, course_id, module_id)
        key = row.attempt_key or ""
    shown = present(text.quiz, key)
    return [
        QUESTION_TYPES[q.type].right_answer(q, p)
        for q, p in zip(shown.questions, shown.presenters, strict=True)
    ]


def form_fields(public: list[dict[str, object]], answers: list[object]) -> dict[str, object]:
    """The page form's fields for JSON-shaped answers to the questions shown."""
    fields: dict[str, object] = {}
    for index, (question, answer) in enumerate(zip(public, answers, strict=True)):
        name = f"q{index}"
        if question["type"] == "ordering":
            for place, item_id in enumerate(answer, start=1):  # type: ignore[arg-type]
                fields[f"{name}-{item_id}"] = str(place)
        elif question["type"] == "matching":
            for left, right_id in enumerate(answer):  # type: ignore[arg-type]
                fields[f"{name}-{left}"] = right_id or ""
        elif isinstance(answer, list):
            fields[name] = [str(a) for a in answer]
        else:
            fields[name] = str(answer)
    return fields


def complete_course(
    session: Session, user_id: int, catalogue: Catalogue, course_id: str, locale: str = "en"
) -> None:
    """Pass every quiz and read every other module, through the services."""
    for module in catalogue.course(course_id).modules:
        if module.has_quiz:
            answers = correct_answers(catalogue, course_id, module.id, session, user_id)
            result = quiz.submit_attempt(
                session, user_id, catalogue, course_id, module.id, locale, answers, uuid.uuid4().hex
            )
            assert result.passed
        else:
            progress.mark_read(session, user_id, catalogue, course_id, module.id)


