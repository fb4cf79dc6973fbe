"""Helpers for certificate tests: complete a course through the services, issue through the API."""

from __future__ import annotations

from tests.quiz_helpers import complete_course, correct_answers

__all__ = ["ARABIC_NAME", "COURSE", "complete_course", "correct_answers", "issue_via_api"]

COURSE = "sample-robots"
ARABIC_NAME = "فاطمة الزهراء بن علي"


def issue_via_api(client, auth, username="fatima", locale="ar") -> str:
    """Sign in and issue the course certificate through the API; returns its code."""
    auth.login(username, locale=locale)
    response = client.post("/api/v1/certificates", json={"course_id": COURSE, "locale": locale})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["verify_url"] == f"http://localhost/{locale}/verify/{body['code']}"
    return body["code"]
