"""``::: teacher`` notes: on the page and in getModule for teachers and authors, never for
learners or visitors (cut out on the server, not hidden by the stylesheet)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from ailit.models import Role

NOTE = "Bring a real robot vacuum cleaner"
PAGE = "/en/courses/sample-robots/robots-around-us/"
API = "/api/v1/courses/sample-robots/modules/robots-around-us?locale=en"


def _page_and_payload(client: FlaskClient) -> tuple[str, str]:
    page = client.get(PAGE)
    payload = client.get(API)
    assert page.status_code == 200 and payload.status_code == 200
    return page.get_data(as_text=True), payload.get_json()["html"]


def test_visitors_and_learners_never_receive_teacher_notes(client: FlaskClient, auth, make_user) -> None:
    for html in _page_and_payload(client):
        assert NOTE not in html and "ailit:teacher" not in html and "callout-teacher" not in html
    make_user("ada")
    auth.login("ada")
    for html in _page_and_payload(client):
        assert NOTE not in html and "callout-teacher" not in html
        assert "Which of these machines" in html  # the rest of the lesson is all there


@pytest.mark.parametrize("role", [Role.TEACHER, Role.AUTHOR])
def test_teachers_and_authors_read_them(client: FlaskClient, auth, make_user, role: Role) -> None:
    make_user("staff", role=role)
    auth.login("staff")
    page, payload = _page_and_payload(client)
    assert NOTE in page and NOTE in payload
    assert 'data-callout="teacher">Teacher notes</p>' in page
