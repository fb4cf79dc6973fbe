"""Helpers for certificate tests: complete a course through the services, issue through the API."""

from __future__ import annotations

import uuid

from ailit.content.catalogue import Catalogue
from ailit.services import progress, quiz

COURSE = "sample-robots"
ARABIC_NAME = "فاطمة الزهراء بن علي"


def correct_answers(catalogue: Catalogue, course_id: str, module_id: str) -> list:
    course = catalogue.course(course_id)
    text, _ = catalogue.module_text(course_id, module_id, course.source_locale)
    answers = []
    for question in text.quiz.questions:
        if question.type in ("single", "multiple"):
            answers.append(list(question.correct))
        elif question.type == "number":
            answers.append(float(question.accepted[0]))
        else:
            answers.append(question.accepted[0])
    return answers


def complete_course(session, user_id: int, catalogue: Catalogue, course_id: str, locale: str = "en") -> None:
    """Pass every quiz and read every other module, through the services."""
    for module in catalogue.course(course_id).modules:
        if module.has_quiz:
            answers = correct_answers(catalogue, course_id, module.id)
            result = quiz.submit_attempt(
                session, user_id, catalogue, course_id, module.id, locale, answers, uuid.uuid4().hex
            )
            assert result.passed
        else:
            progress.mark_read(session, user_id, catalogue, course_id, module.id)


def issue_via_api(client, auth, username="fatima", locale="ar") -> str:
    """Sign in and issue the course certificate through the API; returns its code."""
    auth.login(username, locale=locale)
    response = client.post("/api/v1/certificates", json={"course_id": COURSE, "locale": locale})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["verify_url"] == f"http://localhost/{locale}/verify/{body['code']}"
    return body["code"]
