"""API catalogue and learning: courses, a module with its quiz, grading a quiz attempt."""

from __future__ import annotations

import secrets
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from ailit.content.questions import QUESTION_TYPES, TextAnswer
from ailit.models.quiz_attempt import IDEMPOTENCY_KEY_MAX
from ailit.services import courses, learning, progress, quiz
from ailit.services.quiz import AttemptResult, QuizForm
from ailit.web.api.body import json_object, kind_of
from ailit.web.api.errors import ApiError, bad_field
from ailit.web.api.params import locale_param, optional_user_id, signed_in_user, stage_param
from ailit.web.extensions import content, db

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_OPTIONS_PER_ANSWER = 100


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
        html=text.html,
        objectives=list(text.objectives),
        minutes=text.minutes,
        previous_id=page.previous_id,
        next_id=page.next_id,
        status=view.status if user_id is not None else None,
        best_score=view.best_score,
        quiz=_quiz_json(view.quiz) if view.quiz is not None else None,
    )


def submit_attempt(course_id: str, module_id: str) -> ResponseReturnValue:
    """operationId submitQuizAttempt: grade on the server; the same Idempotency-Key, one attempt."""
    user = signed_in_user()
    locale = locale_param()
    key = _idempotency_key()
    body = json_object(required=("answers",))
    types = quiz.question_types(content.catalogue, course_id, module_id, locale)
    answers = _check_answers(body["answers"], types)
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


def _quiz_json(form: QuizForm) -> dict[str, Any]:
    return {
        "pass_mark": form.pass_mark,
        "max_attempts": form.max_attempts,
        "attempts_left": form.attempts_left,
        # Question.public(): type, prompt and options with positions, never the answer key.
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
        "questions": [
            {"correct": q.correct, "explanation": q.explanation_html} for q in result.questions
        ],
    }


def _idempotency_key() -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return "api-" + secrets.token_urlsafe(24)  # no key: every request is a new attempt
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX:
        raise bad_field(
            IDEMPOTENCY_HEADER, "invalid_idempotency_key", f"use 1 to {IDEMPOTENCY_KEY_MAX} characters"
        )
    return key


def _check_answers(answers: Any, types: list[str]) -> list[Any]:
    """JSON types per question; the quiz service then checks positions against the options."""
    if not isinstance(answers, list):
        raise bad_field("answers", "invalid_type", f"expected a list, not {kind_of(answers)}")
    if len(answers) != len(types):
        raise bad_field(
            "answers",
            "wrong_answer_count",
            f"expected {len(types)} answers, one per question, got {len(answers)}",
        )
    for index, (kind, answer) in enumerate(zip(types, answers)):
        field = f"answers[{index}]"
        if QUESTION_TYPES[kind].has_options:
            if not isinstance(answer, list) or any(
                isinstance(p, bool) or not isinstance(p, int) for p in answer
            ):
                raise bad_field(field, "invalid_type", "expected a list of option positions")
            if len(answer) > MAX_OPTIONS_PER_ANSWER:
                raise bad_field(field, "too_long", "too many option positions")
        elif kind == "number":
            if isinstance(answer, bool) or not isinstance(answer, (int, float)):
                raise bad_field(field, "invalid_type", f"expected a number, not {kind_of(answer)}")
        else:
            if not isinstance(answer, str):
                raise bad_field(field, "invalid_type", f"expected a string, not {kind_of(answer)}")
            if len(answer) > TextAnswer.max_length:
                raise bad_field(field, "too_long", f"use at most {TextAnswer.max_length} characters")
    return answers
