"""Printing: a module prints as lesson, activities and quiz without answers; the teacher
edition (teacher notes and the answer key) is for teachers and authors only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from test_accessibility import new_page, sign_in

from ailit.models import Role

EDITION = "/en/courses/sample-robots/{module}/teacher-edition"


def test_teacher_edition_is_for_staff_only(client: FlaskClient, auth, make_user) -> None:
    assert client.get(EDITION.format(module="what-is-ai")).status_code == 302  # sign in first
    make_user("ada")
    auth.login("ada")
    assert client.get(EDITION.format(module="what-is-ai")).status_code == 403
    page = client.get("/en/courses/sample-robots/what-is-ai/").get_data(as_text=True)
    assert "teacher-edition" not in page


def test_teacher_edition_has_notes_and_the_answer_key(client: FlaskClient, auth, make_user) -> None:
    make_user("teach", role=Role.TEACHER)
    auth.login("teach")
    page = client.get("/en/courses/sample-robots/what-is-ai/").get_data(as_text=True)
    assert 'href="/en/courses/sample-robots/what-is-ai/teacher-edition"' in page
    html = client.get(EDITION.format(module="what-is-ai")).get_data(as_text=True)
    assert "Answer key" in html
    # The right option is marked; the accepted number and text answers are listed.
    assert '<li class="key-correct">' in html and "A spam filter that improves" in html.split('class="key-correct"')[1][:200]
    assert "Accepted answers:" in html and "<bdi>8</bdi>" in html and "<bdi>training data</bdi>" in html
    notes = client.get(EDITION.format(module="robots-around-us")).get_data(as_text=True)
    assert "Bring a real robot vacuum cleaner" in notes and "Answer key" not in notes  # no quiz there


PRINTED = """() => [...document.querySelectorAll('.site-header, .pager, .reading-switch, main button, .quiz fieldset, .lesson')]
  .map(e => [e.classList[0] || e.tagName, getComputedStyle(e).display !== 'none'])"""


@pytest.mark.browser
def test_a_module_prints_lesson_and_quiz_without_chrome(
    browser, live_server: str, make_user: Callable[..., object]
) -> None:
    make_user("ada")
    page = new_page(browser)
    try:
        sign_in(page, live_server, "en", "ada")
        page.goto(f"{live_server}/en/courses/sample-robots/what-is-ai/")
        assert page.locator("button[data-print]").is_visible()
        page.emulate_media(media="print")
        shown = dict((name, visible) for name, visible in page.evaluate(PRINTED))
        assert shown["site-header"] is False and shown["pager"] is False and shown["reading-switch"] is False
        assert shown["lesson"] is True and shown["question"] is True
        assert not any(visible for name, visible in page.evaluate(PRINTED) if name in ("BUTTON", "secondary", ""))
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        html = page.content()
        assert "key-correct" not in html and "Answer key" not in html  # no answers on the learner's page
    finally:
        page.context.close()
