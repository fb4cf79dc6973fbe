"""API catalogue and learning: courses, a module with its quiz, grading a quiz attempt."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ailit.models.quiz_attempt import IDEMPOTENCY_KEY_MAX
from ailit.services import courses, glossary, learning, progress, quiz
from ailit.services.quiz import AttemptResult, QuizForm
from ailit.web.api.body import json_object, kind_of
from ailit.web.api.errors import ApiError, bad_field
from ailit.web.api.params import locale_param, optional_user_id, signed_in_user, stage_param
from ailit.web.extensions import content, db
from ailit.web.experience import lesson_for_reader

IDEMPOTENCY_HEADER = "Idempotency-Key"


def list_courses() -> ResponseReturnValue:
    """operationId listCourses: every course grouped by stage, in the locale asked for."""
    locale = locale_param()
    groups = courses.list_courses(content.catalogue, locale, stage_param())
    return jsonify(
        locale=locale,
        stages=[
            {
                "stage": group.stage,
                "courses": [
                    {
                        "id": c.id,
                        "stage": c.stage,
                        "title": c.title,
                        "summary": c.summary,
                        "hours": c.hours,
                        "module_count": c.module_count,
                        "available": c.available,
                    }
                    for c in group.courses
                ],
            }
            for group in groups
        ],
    )


def get_course(course_id: str) -> ResponseReturnValue:
    """operationId getCourse: one course, its modules, and the learner's statuses."""
    locale, user_id = locale_param(), optional_user_id()
    detail = courses.course_detail(content.catalogue, course_id, locale)
    statuses: dict[str, str] = {}
    if user_id is not None:
        statuses = progress.course_progress(
            db.session, user_id, content.catalogue, course_id, locale
        ).statuses
    return jsonify(
        id=detail.id,
        stage=detail.stage,
        locale=locale,
        title=detail.title,
        summary=detail.summary,
        hours=detail.hours,
        competencies=list(detail.competencies),
        source_locale=detail.source_locale,
        certificate=detail.certificate,
        certificate_kind=detail.certificate_kind,
        languages=detail.languages,
        modules=[
            {
                "id": m.id,
                "order": m.order,
                "title": m.title,
                "minutes": m.minutes,
                "has_quiz": m.has_quiz,
                "translation": m.translation,
                "status": statuses.get(m.id) if user_id is not None else None,
            }
            for m in detail.modules
        ],
        has_glossary=detail.has_glossary,
    )


def get_glossary(course_id: str) -> ResponseReturnValue:
    """operationId getGlossary: a course's terms and definitions, in alphabetical order."""
    view = glossary.course_glossary(content.catalogue, course_id, locale_param())
    return jsonify(
        course_id=view.course_id,
        locale=view.locale,
        terms=[
            {"id": e.id, "term": e.term, "definition": e.definition, "locale": e.locale, "fallback": e.fallback}
            for e in view.entries
        ],
    )


def get_module(course_id: str, module_id: str) -> ResponseReturnValue:
    """operationId getModule: the lesson and the quiz without its answer key."""
    user_id = optional_user_id()
    view = learning.open_module(
        db.session, user_id, content.catalogue, course_id, module_id, locale_param()
    )
    page, text = view.page, view.page.text
    return jsonify(
        course_id=course_id,
        module_id=module_id,
        title=text.title,
        locale=text.locale,
        fallback=page.fallback,
        html=lesson_for_reader(text.html),
        objectives=list(text.objectives),
        minutes=text.minutes,
        previous_id=page.previous_id,
        next_id=page.next_id,
        status=view.status if user_id is not None else None,
        best_score=view.best_score,
        quiz=quiz_json(view.quiz) if view.quiz is not None else None,
    )


def submit_attempt(course_id: str, module_id: str) -> ResponseReturnValue:
    """operationId submitQuizAttempt: grade on the server; the same Idempotency-Key, one attempt."""
    user = signed_in_user()
    locale = locale_param()
    key = _idempotency_key()
    body = json_object(required=("answers",))
    answers = body["answers"]
    if not isinstance(answers, list):
        raise bad_field("answers", "invalid_type", f"expected a list, not {kind_of(answers)}")
    result = quiz.submit_attempt(
        db.session, user.id, content.catalogue, course_id, module_id, locale, answers, key
    )
    if (result.course_id, result.module_id) != (course_id, module_id):
        raise ApiError(
            409,
            "idempotency_key_reused",
            f"{IDEMPOTENCY_HEADER}: this key was already used for another quiz",
            field=IDEMPOTENCY_HEADER,
        )
    response = jsonify(_result_json(result))
    if result.created:
        response.status_code = 201
    else:
        response.headers["Idempotent-Replayed"] = "true"
    return response


def quiz_json(form: QuizForm) -> dict[str, Any]:
    return {
        "pass_mark": form.pass_mark,
        "max_attempts": form.max_attempts,
        "attempts_left": form.attempts_left,
        "retry_at": _when(form.retry_at),
        "feedback": form.feedback,
        # Each type's present(): only the drawn questions, never the answer key.
        "questions": form.questions,
    }


def _result_json(result: AttemptResult) -> dict[str, Any]:
    return {
        "attempt_id": result.attempt_id,
        "course_id": result.course_id,
        "module_id": result.module_id,
        "locale": result.locale,
        "score": result.score,
        "passed": result.passed,
        "pass_mark": result.pass_mark,
        "attempts_left": result.attempts_left,
        "retry_at": _when(result.retry_at),
        "feedback": result.feedback,
        "next_module_id": result.next_module_id,
        # Empty unless the quiz's feedback setting allows it (on-pass: once passed or out of
        # attempts; never: not at all).
        "questions": [
            {
                "number": q.number,
                "correct": q.correct,
                "score": q.score,
                "your_answer": q.your_answer,
                "correct_answer": q.correct_answer,
                "explanation": q.explanation_html,
            }
            for q in result.questions
        ],
    }


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _idempotency_key() -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return "api-" + secrets.token_urlsafe(24)  # no key: every request is a new attempt
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX:
        raise bad_field(
            IDEMPOTENCY_HEADER, "invalid_idempotency_key", f"use 1 to {IDEMPOTENCY_KEY_MAX} characters"
        )
    return key
